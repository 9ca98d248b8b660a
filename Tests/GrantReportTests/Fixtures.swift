import Foundation
import GrantModel
import GrantReport
import Testing

/// Small hand-made datasets whose every figure is computed by hand in the tests.
enum Fixtures {
    static let generatedAt = Date(timeIntervalSince1970: 1_714_550_400)  // 2024-05-01T08:00:00Z

    static func context(_ title: String = "NSFC medical-AI projects", from: Int = 2019, to: Int = 2022,
                        countBy: String = "approval year") -> ReportContext
    {
        ReportContext(
            title: title, generatedAt: generatedAt,
            dataSources: ["NSFC project list (fixture)", "Web of Science export (fixture)"],
            filters: ["keyword: artificial intelligence", "departments: H, F, G"],
            fromYear: from, toYear: to, countBy: countBy)
    }

    static let health = NSFCDepartment.health.label  // "H 医学科学部 Medical Sciences"
    static let information = NSFCDepartment.information.label
    static let management = NSFCDepartment.management.label

    /// 3 departments × 4 years (2019–2022).
    ///
    ///                 2019  2020  2021  2022 | total
    ///   H grants         2     4     0     6 |  12   (2021 row present with 0)
    ///   F grants         1     2     4     8 |  15
    ///   G grants         –     1     1     2 |   4   (2019 row missing → 0)
    ///   total            3     7     5    16 |  31
    ///
    /// Amounts (yuan): H 1,000,000 / 2,000,000 / 0 / 3,000,000 = 6,000,000 = 600.00 万元
    ///                 F 500,000 / 1,000,000 / 2,000,000 / 4,500,000 = 8,000,000 = 800.00 万元
    ///                 G – / 300,000 / 300,000 / 600,000 = 1,200,000 = 120.00 万元; all 1,520.00 万元
    /// Linked papers:  H 10/20/0/6 = 36, F 3/6/9/12 = 30, G 0/1/1/2 = 4; all 70
    /// NI papers:      H 1/2/0/1 = 4, F 0/1/1/2 = 4, G 0; all 8
    /// Lags:           H [1,2,3] [2,2] [] [0] → 0,1,2,2,2,3;  F [1] [3,4] [2] [] → 1,2,3,4;  G none
    static let departments: [DepartmentYearAggregate] = [
        .init(department: health, year: 2019, grants: 2, amountYuan: 1_000_000, linkedPapers: 10,
              natureIndexPapers: 1, lagYears: [1, 2, 3]),
        .init(department: health, year: 2020, grants: 4, amountYuan: 2_000_000, linkedPapers: 20,
              natureIndexPapers: 2, lagYears: [2, 2]),
        .init(department: health, year: 2021, grants: 0),
        .init(department: health, year: 2022, grants: 6, amountYuan: 3_000_000, linkedPapers: 6,
              natureIndexPapers: 1, lagYears: [0]),
        .init(department: information, year: 2019, grants: 1, amountYuan: 500_000, linkedPapers: 3,
              natureIndexPapers: 0, lagYears: [1]),
        .init(department: information, year: 2020, grants: 2, amountYuan: 1_000_000, linkedPapers: 6,
              natureIndexPapers: 1, lagYears: [3, 4]),
        .init(department: information, year: 2021, grants: 4, amountYuan: 2_000_000, linkedPapers: 9,
              natureIndexPapers: 1, lagYears: [2]),
        .init(department: information, year: 2022, grants: 8, amountYuan: 4_500_000, linkedPapers: 12,
              natureIndexPapers: 2, lagYears: []),
        .init(department: management, year: 2020, grants: 1, amountYuan: 300_000, linkedPapers: 1),
        .init(department: management, year: 2021, grants: 1, amountYuan: 300_000, linkedPapers: 1),
        .init(department: management, year: 2022, grants: 2, amountYuan: 600_000, linkedPapers: 2),
        // Outside the period: must be ignored.
        .init(department: health, year: 2018, grants: 99, amountYuan: 9_900_000, linkedPapers: 99),
    ]

    /// Papers per funder, 2019–2022.
    ///
    ///                     2019  2020  2021  2022 | total
    ///   NSFC papers         10    20    30    40 |  100
    ///   NSFC NI              1     0     2     4 |    7
    ///   Key R&D papers       0     5    10    10 |   25   (2019 missing → 0)
    ///   Key R&D NI           0     1     1     2 |    4
    ///   Both papers          2     4     0     8 |   14   (2021 missing → 0)
    ///   Both NI              0     1     0     1 |    2
    static let funders: [FunderYearAggregate] = [
        .init(funder: "NSFC", year: 2019, papers: 10, natureIndexPapers: 1),
        .init(funder: "NSFC", year: 2020, papers: 20, natureIndexPapers: 0),
        .init(funder: "NSFC", year: 2021, papers: 30, natureIndexPapers: 2),
        .init(funder: "NSFC", year: 2022, papers: 40, natureIndexPapers: 4),
        .init(funder: "National Key R&D", year: 2020, papers: 5, natureIndexPapers: 1),
        .init(funder: "National Key R&D", year: 2021, papers: 10, natureIndexPapers: 1),
        .init(funder: "National Key R&D", year: 2022, papers: 10, natureIndexPapers: 2),
        .init(funder: "Both", year: 2019, papers: 2, natureIndexPapers: 0),
        .init(funder: "Both", year: 2020, papers: 4, natureIndexPapers: 1),
        .init(funder: "Both", year: 2022, papers: 8, natureIndexPapers: 1),
    ]

    static let grants: [GrantOutputRow] = [
        .init(number: "82072019", title: "深度学习辅助肺结节诊断", pi: "张三", institution: "北京大学",
              department: "H", year: 2020, amountYuan: 550_000, papers: 5, niPapers: 1, firstYear: 2021,
              lastYear: 2023),
        .init(number: "61972001", title: "Graph neural networks, for \"EHR\" data", pi: "Li Si",
              institution: "Tsinghua University", department: "F", year: 2019, amountYuan: nil, papers: 2,
              niPapers: 0, firstYear: 2020, lastYear: 2020),
        .init(number: "72074001", title: "医疗AI的管理", pi: "王五", institution: "复旦大学", department: "G",
              year: 2020, amountYuan: 480_000, papers: 0, niPapers: 0, firstYear: nil, lastYear: nil),
    ]

    static var departmentReport: Report { DepartmentReport.build(aggregates: departments, context: context()) }
    static var funderReport: Report {
        FunderReport.build(aggregates: funders, context: context("NSFC vs National Key R&D papers", countBy: "publication year"))
    }
    static var grantReport: Report {
        GrantOutputReport.build(rows: grants, context: context("Grant outputs"), sort: .papers)
    }

    /// A report whose TOTAL has a zero year: 2019: 2, 2020: 0, 2021: 3 → YoY 2020 = −100%, 2021 undefined.
    static var zeroYearReport: Report {
        DepartmentReport.build(
            aggregates: [
                .init(department: health, year: 2019, grants: 2, amountYuan: 200_000),
                .init(department: health, year: 2021, grants: 3, amountYuan: 300_000),
            ],
            context: context("Zero year", from: 2019, to: 2021))
    }

    /// Titles and labels an attacker might plant in an imported spreadsheet.
    static let hostile = [
        "=HYPERLINK(\"http://x\",\"y\")", "+cmd", "@SUM(A1:A2)", "-2+3", "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>", "'single' & \"double\"",
    ]

    static var hostileReport: Report {
        var aggregates: [DepartmentYearAggregate] = []
        for (i, name) in hostile.enumerated() {
            aggregates.append(.init(department: name, year: 2019, grants: i + 2, amountYuan: 100_000))
            aggregates.append(.init(department: name, year: 2020, grants: i + 1, amountYuan: 100_000))
        }
        return DepartmentReport.build(aggregates: aggregates,
                                      context: context("<script>alert(1)</script> =cmd", from: 2019, to: 2020))
    }
}

/// Golden files in `Snapshots/`, re-recorded with `RECORD_SNAPSHOTS=1`.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots")

    static func assertMatches(_ data: Data, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            #expect(throws: Never.self) { try data.write(to: url) }
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("missing snapshot \(name); run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if expected != data {
            let got = String(decoding: data, as: UTF8.self), want = String(decoding: expected, as: UTF8.self)
            let a = got.components(separatedBy: "\n"), b = want.components(separatedBy: "\n")
            let firstDiff = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
            let detail = firstDiff.map { "line \($0.offset + 1):\n got:  \($0.element.0)\n want: \($0.element.1)" }
                ?? "line counts differ: \(a.count) vs \(b.count)"
            Issue.record("snapshot \(name) differs, \(detail)", sourceLocation: sourceLocation)
        }
    }
}
