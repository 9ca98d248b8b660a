import Testing
@testable import GrantTabular

@Suite struct CellTextTests {
    @Test(arguments: [
        ("81871234.0", "81871234"), ("8.1871234E7", "81871234"), ("17.5", "17.5"), ("202001", "202001"),
        ("31950410540", "31950410540"), ("-3.0", "-3"), ("0.1", "0.1"), ("1E-3", "0.001"),
        ("0.30000000000000004", "0.30000000000000004"), ("abc", "abc"), ("", ""),
    ])
    func storedNumbersBecomeDisplayText(raw: String, expected: String) {
        #expect(CellText.number(raw) == expected)
    }

    @Test(arguments: [(Double(81871234), "81871234"), (17.5, "17.5"), (-3, "-3"), (1e20, "1e+20")])
    func doublesFollowTheIntegerRule(value: Double, expected: String) {
        #expect(CellText.number(value) == expected)
    }

    @Test(arguments: [("A1", 0), ("B3", 1), ("Z9", 25), ("AA10", 26), ("XFD1", 16_383), ("12", nil)])
    func columnLettersToIndex(reference: String, expected: Int?) {
        let bytes = Array(reference.utf8)
        #expect(bytes.withUnsafeBufferPointer(CellText.columnIndex) == expected)
    }

    @Test func excelEscapesAreDecoded() {
        #expect(XMLEntities.unescapeOOXML("a_x000D__x000A_b") == "a\r\nb")
        #expect(XMLEntities.unescapeOOXML("snake_case_x") == "snake_case_x")
    }
}
