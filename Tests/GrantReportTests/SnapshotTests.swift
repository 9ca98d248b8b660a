import Foundation
import GrantReport
import Testing

/// Golden files: every text format of the three fixture reports, byte for byte.
@Suite struct SnapshotTests {
    static let reports: [(String, Report)] = [
        ("departments", Fixtures.departmentReport), ("funders", Fixtures.funderReport),
        ("grant-outputs", Fixtures.grantReport), ("zero-year", Fixtures.zeroYearReport),
    ]

    @Test(arguments: [ReportFormat.table, .csv, .json, .md, .html])
    func golden(format: ReportFormat) throws {
        for (name, report) in Self.reports {
            Snapshot.assertMatches(try format.render(report), named: "\(name).\(format.fileExtension)")
        }
    }
}

/// Writes every format of the fixture reports (XLSX included) to `$DUMP_REPORTS_DIR` for looking at them in a
/// browser, a spreadsheet or LibreOffice; does nothing when the variable is unset.
@Suite struct ReportDump {
    @Test func dumpWhenAsked() throws {
        guard let dir = ProcessInfo.processInfo.environment["DUMP_REPORTS_DIR"] else { return }
        let base = URL(fileURLWithPath: dir)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        for (name, report) in SnapshotTests.reports + [("hostile", Fixtures.hostileReport)] {
            for format in ReportFormat.allCases {
                let url = base.appendingPathComponent("\(name).\(format.fileExtension)")
                try format.render(report).write(to: url)
                #expect(FileManager.default.fileExists(atPath: url.path))
            }
        }
    }
}
