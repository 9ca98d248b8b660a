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
