import Foundation
import GrantModel
import GrantReport
import Testing

/// Realistic sizes: every department over 2015–2023, and a long grant list in every format.
@Suite struct ScaleTests {
    /// The brief's sanity series (constant 37.9 % growth summing to 964) split over three departments.
    @Test func briefSanitySeries() throws {
        let totals = [21, 30, 41, 56, 78, 107, 148, 203, 280]
        var aggregates: [DepartmentYearAggregate] = []
        for (i, total) in totals.enumerated() {
            let h = total * 646 / 1000, f = total * 301 / 1000
            aggregates.append(.init(department: NSFCDepartment.health.label, year: 2015 + i, grants: h))
            aggregates.append(.init(department: NSFCDepartment.information.label, year: 2015 + i, grants: f))
            aggregates.append(.init(department: NSFCDepartment.management.label, year: 2015 + i,
                                    grants: total - h - f))
        }
        let report = DepartmentReport.build(aggregates: aggregates, context: Fixtures.context(from: 2015, to: 2023))
        let summary = report.tables[0]
        #expect(summary.value("Total", "Grants") == .integer(964))
        // CAGR = (280/21)^(1/8) − 1 = 0.38238; mean YoY of the rounded series is close to 37.9 % too.
        #expect(approx(summary.value("Total", "CAGR"), pow(280.0 / 21, 1.0 / 8) - 1))
        let mean = try #require(summary.value("Total", "Mean YoY")?.number)
        #expect(abs(mean - 0.379) < 0.01)
        let html = HTMLRenderer().render(report)
        #expect(html.contains("<title>H 医学科学部 Medical Sciences — 2023: 180</title>"))  // 280 × 0.646 = 180.88
    }

    @Test func longGrantListInEveryFormat() throws {
        let n = 20_000
        let rows = (0..<n).map { i in
            GrantOutputRow(number: String(82_000_000 + i), title: "深度学习 project \(i), \"quoted\"", pi: "张三",
                           institution: "北京大学", department: "H", year: 2015 + i % 9,
                           amountYuan: i % 7 == 0 ? nil : Int64(100_000 + i), papers: i % 5, niPapers: i % 2,
                           firstYear: 2016, lastYear: 2023)
        }
        let report = GrantOutputReport.build(rows: rows, context: Fixtures.context(), sort: .papers)
        let clock = ContinuousClock()
        for format in ReportFormat.allCases {
            var data = Data()
            let elapsed = try clock.measure { data = try format.render(report) }
            print("render \(format.rawValue) \(n) rows: \(elapsed), \(data.count) bytes")
            #expect(data.count > n * 20)
        }
        let csv = String(decoding: try ReportFormat.csv.render(report), as: UTF8.self)
        #expect(csv.components(separatedBy: "\r\n").filter { $0.hasPrefix("82") }.count == n)

        // The JSON (written in 64 KB pieces) parses whole, every row in sort order, and is the same as for the
        // table with its rows stored rather than made on reading.
        let json = try ReportFormat.json.render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let table = try #require((object["tables"] as? [[String: Any]])?.first)
        let parsed = try #require(table["rows"] as? [[Any]])
        #expect(parsed.count == n)
        #expect(parsed.map { $0[7] as? Int ?? -1 } == rows.map(\.papers).sorted(by: >))
        #expect((parsed.last?[1] as? String)?.hasSuffix("\"quoted\"") == true)
        var stored = report
        stored.tables[0].rows = TableRows(Array(report.tables[0].rows))
        #expect(stored.tables[0].rows == report.tables[0].rows)
        #expect(try ReportFormat.json.render(stored) == json)
    }
}
