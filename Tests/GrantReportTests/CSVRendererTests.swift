import Foundation
import GrantReport
import Testing

/// Minimal RFC 4180 reader for the tests: fields of each record.
func parseCSV(_ s: String) -> [[String]] {
    var records: [[String]] = [], field = "", record: [String] = [], quoted = false
    var chars = Array(s.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { field.unicodeScalars.append("\""); chars = chars.dropFirst() } else { quoted = false }
            } else { field.unicodeScalars.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { record.append(field); field = "" }
        else if c == "\r" && chars.first == "\n" {
            chars = chars.dropFirst(); record.append(field); records.append(record); record = []; field = ""
        } else { field.unicodeScalars.append(c) }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}

@Suite struct CSVRendererTests {
    @Test func bomCRLFAndTables() throws {
        let data = CSVRenderer().renderData(Fixtures.departmentReport)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let s = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(s.hasSuffix("\r\n"))
        #expect(!s.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let records = parseCSV(s)
        // A blank line then a title row before each table.
        let titleRows = records.indices.filter { records[$0] == ["Grants per department per year"] }
        #expect(titleRows.count == 1)
        #expect(records[titleRows[0] - 1] == [""])
        // 2021 YoY is negative and stays a number: −2/7 = −28.6%.
        let y2021 = try #require(records.first { $0.first == "2021" })
        #expect(y2021.last == "-28.6%")
        #expect(y2021.count == 6)
    }

    @Test func hostileTextIsNeutralisedButNegativeNumbersAreNot() throws {
        let s = String(decoding: CSVRenderer().renderData(Fixtures.hostileReport).dropFirst(3), as: UTF8.self)
        let records = parseCSV(s)
        let fields = Set(records.flatMap { $0 })
        #expect(fields.contains("'=HYPERLINK(\"http://x\",\"y\")"))
        #expect(fields.contains("'+cmd"))
        #expect(fields.contains("'@SUM(A1:A2)"))
        #expect(fields.contains("'-2+3"))
        for f in fields where f.hasPrefix("=") || f.hasPrefix("+") || f.hasPrefix("@") {
            Issue.record("unneutralised field \(f)")
        }
        // Fields starting with "-" are only numbers.
        for f in fields where f.hasPrefix("-") {
            #expect(Double(f.hasSuffix("%") ? String(f.dropLast()) : f) != nil, "\(f)")
        }
        // Hostile departments shrink from 2019 to 2020: negative growth written as a plain number.
        let row = try #require(records.first { $0.first == "2020" })
        #expect(row.last?.hasPrefix("-") == true)
        #expect(CSVRenderer.neutralised("\tx") == "'\tx" && CSVRenderer.neutralised("\rx") == "'\rx")
        #expect(CSVRenderer.neutralised("医学") == "医学")
    }

    @Test func undefinedIsNA() throws {
        let s = String(decoding: CSVRenderer().renderData(Fixtures.zeroYearReport).dropFirst(3), as: UTF8.self)
        let records = parseCSV(s)
        let y2021 = try #require(records.first { $0.first == "2021" })
        #expect(y2021.last == "n/a")
        let y2020 = try #require(records.first { $0.first == "2020" })
        #expect(y2020.last == "-100.0%")
        #expect(!s.lowercased().contains("nan") && !s.contains("inf"))
    }
}
