import Foundation
import Testing
import GrantImport
import GrantModel

/// The shared sample lists, read from `../shared/data` (never copied into the repository).
enum SharedData {
    /// 管理科学部 1991–2017 (Tsai1993/Fund), or `nil` when the folder is absent.
    static let managementList: URL? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("../shared/data/nsfc/nsfc-management-1991-2017.csv").standardizedFileURL
        return FileManager.default.isReadableFile(atPath: url.path) ? url : nil
    }()
}

@Suite(.enabled(if: SharedData.managementList != nil, "../shared/data/nsfc not present"))
struct RealGrantListTests {
    /// Splits the R `write.csv` lines of this file: fields quoted, `""` inside quotes, no embedded newlines.
    static func fields(_ line: Substring) -> [String] {
        var out: [String] = []
        var field = ""
        var quoted = false
        var previousWasQuote = false
        for ch in line {
            if quoted {
                if ch == "\"" { quoted = false; previousWasQuote = true } else { field.append(ch) }
                continue
            }
            if ch == "\"" {
                if previousWasQuote { field.append("\"") }  // "" inside a quoted field
                quoted = true
            } else if ch == "," {
                out.append(field)
                field = ""
            } else {
                field.append(ch)
            }
            previousWasQuote = false
        }
        out.append(field)
        return out
    }

    @Test func importsTheManagementSciencesList() throws {
        let url = try #require(SharedData.managementList)
        let text = try String(contentsOf: url, encoding: .utf8)
        let all = text.split(whereSeparator: \.isNewline)
        let header = Self.fields(try #require(all.first))
        let lines = all.dropFirst()
        let mapping = try HeaderMapping(headers: header)
        #expect(mapping.columns == [.number: 0, .type: 1, .title: 2, .institution: 3, .pi: 4, .amount: 5, .period: 6])
        #expect(mapping.unmapped == [7])
        #expect(mapping.amountUnit == nil, "the header says 金额 without a unit")
        let parser = GrantRowParser(mapping: mapping, funder: .nsfc)

        let clock = ContinuousClock()
        let rows = lines.map(Self.fields)
        var grants: [Grant] = []
        var rejects: [String] = []
        let elapsed = clock.measure {
            for cells in rows {
                switch parser.parse(cells) {
                case .success(let g): grants.append(g)
                case .failure(let r): rejects.append(r.reason)
                }
            }
        }
        print("GrantRowParser: \(lines.count) rows in \(elapsed)")
        #expect(lines.count == 17_926)
        #expect(grants.count == 17_925)
        #expect(rejects == ["malformed number '0': expected an NSFC number (8 digits, 11 digits, U…, T…, DYYBxxxx)"])

        let joint = grants.filter { $0.department == "JOINT" }
        #expect(joint.count == 36, "36 joint-fund numbers listed without their U")
        #expect(joint.allSatisfy { $0.number.hasPrefix("U") && $0.number.count == 8 && $0.notes.contains { $0.contains("without its U") } })
        #expect(grants.filter { $0.department == "MRP" }.count == 168)
        #expect(grants.filter { $0.number.count == 11 }.allSatisfy { $0.department == "G" })
        #expect(grants.filter { $0.department == "G" }.count == 17_925 - 36 - 168)
        #expect(grants.allSatisfy { $0.departmentSource == .inferred && $0.fundingTypeSource == .given })
        #expect(Set(grants.map(\.number)).count == grants.count, "numbers are unique in this list")
        // 金额 ranges 1.3–1500 (万元): every value is read as 万元, with the inferred-unit note.
        #expect(grants.allSatisfy { $0.amountUnit == "万元" && $0.notes.contains { $0.contains("unit not stated") } })
        let first = try #require(grants.first)
        #expect(first.number == "71701001")
        #expect(first.amountYuan == 180_000)
        #expect(first.year == 2017)
        #expect(first.period == "2018.01-2020.12")
        #expect(first.extra == #"{"总评":"尚未评估"}"#)
        // Titles with doubled quotes survive the CSV round trip.
        #expect(grants.contains { $0.title?.hasPrefix("\"规模导向\"还是") == true })
    }
}
