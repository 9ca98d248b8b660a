import Testing
import GrantLink
import GrantModel

/// The many ways one number is written: lists, prefixes, spaces, suffixes, full-width forms.
@Suite struct NumberWritingTests {
    @Test(arguments: [
        ("NSFC (81871234, 81871235; 81871236)", ["81871234", "81871235", "81871236"]),
        ("国家自然科学基金(81871234、81871235)", ["81871234", "81871235"]),
        ("NSFC grants 81871234 and 81871235 & 81871236", ["81871234", "81871235", "81871236"]),
        ("NSFC (81871234/81871235)", ["81871234", "81871235"]),
        ("National Natural Science Foundation of China (Nos. 81871234, No.81871235, #81871236)",
         ["81871234", "81871235", "81871236"]),
        ("supported by NSFC52070131", ["52070131"]),
        ("National Natural Science Foundation of China (3967 0083)", ["39670083"]),
        ("国家自然科学基金资助项目!(39670 0 83) .；", ["39670083"]),
        ("the National Natural Science Foun-dation of China (No. 62076054)", ["62076054"]),
        ("the National Natural Science Foun-\ndation of China (No. 62076054)", ["62076054"]),
        ("NSFC (81200767/H1402)", ["81200767"]),
        ("国家自然科学基金项目（８１８７１２３４；８１８７１２３５", ["81871234", "81871235"]),
        ("国家自然科学基金项目(32072562;32272748；", ["32072562", "32272748"]),
        ("NSFC [grant numbers 82102678 (QD), 82072548 (GX)]", ["82102678", "82072548"]),
        ("NSFC (grant numbers 60701015 to XP, 31070881 to YDZ)", ["60701015", "31070881"]),
    ])
    func nsfcLists(text: String, numbers: [String]) {
        #expect(credited(text) == numbers.map { "nsfc:\($0)" })
    }

    @Test func numberBeforeFunderName() {
        #expect(credited("This work used grant 81871234 from the NSFC.") == ["nsfc:81871234"])
        #expect(credited("Project 31201128 supported by NSFC.") == ["nsfc:31201128"])
        #expect(credited("2011CB606202 from the National Basic Research Program and 21074099 from the National Natural Science Foundation of China")
                == ["nsfc:21074099"])
    }

    @Test func keyRDWriting() throws {
        #expect(credited("National Key R&D Plan (2017 YFB0503402)") == ["nkrdpc:2017YFB0503402"])
        #expect(credited("National Key R&D Program (2017YFB1 300300)") == ["nkrdpc:2017YFB1300300"])
        let m = try #require(AcknowledgmentExtractor().extract("National Key R&D Program of China (2017YFC0805800-02)").first)
        #expect(m.number == "2017YFC0805800")
        #expect(m.raw == "2017YFC0805800-02")
        #expect(m.note?.contains("-02") == true)
    }

    @Test func offsetsAreUnicodeScalarOffsets() throws {
        let text = "国家自然科学基金（８１８７１２３４）、国家重点研发计划 2022YFC2502800"
        let ms = AcknowledgmentExtractor().extract(text)
        try #require(ms.count == 2)
        let scalars = Array(text.unicodeScalars)
        for m in ms {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[m.start..<m.end])
            #expect(String(v) == m.raw)
        }
        #expect(ms[0].raw == "８１８７１２３４")
        #expect(ms[0].number == "81871234")
        #expect(ms[0].start == 9)
        #expect(ms[1].funder == .nkrdpc)
        #expect(ms[1].funderText == "国家重点研发计划")
    }

    @Test func fullWidthPunctuationAndUnbalancedBrackets() {
        #expect(credited("国家自然科学基金（批准号：81871234，81871235") == ["nsfc:81871234", "nsfc:81871235"])
        #expect(credited("NSFC (81871234; National Key R&D Program 2022YFC2502800") == ["nsfc:81871234", "nkrdpc:2022YFC2502800"])
    }

    @Test func htmlEntities() {
        #expect(credited("Supported by NSFC (81871234) &amp; the National Key R&amp;D Program (2022YFC2502800)")
                == ["nsfc:81871234", "nkrdpc:2022YFC2502800"])
        #expect(credited("National Natural Science Foundation of China&nbsp;(81871234)") == ["nsfc:81871234"])
    }
}
