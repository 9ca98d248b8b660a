import GRDB
import GrantModel
import Testing
@testable import GrantStore

/// The per-paper queries and the audit find rows through indexes. A scan there is invisible on a test store and
/// costs seconds per paper (and hours per audit) at a million papers. SQLite plans without statistics here, as it
/// does on a user's store, so a plan that searches now searches there.
@Suite struct QueryPlanTests {
    /// `EXPLAIN QUERY PLAN` as (detail, details of its ancestors).
    private func plan(_ sql: String) throws -> [(detail: String, ancestors: [String])] {
        let t = try TempDatabase()
        let rows = try t.db.pool.read { db in
            let unknowns = [DatabaseValue](repeating: .null, count: sql.filter { $0 == "?" }.count)  // none are quoted
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(unknowns))
        }
        var detail: [Int: String] = [:], parent: [Int: Int] = [:]
        for r in rows { (detail[r[0]], parent[r[0]]) = (r[3], r[1]) }
        return rows.map { r in
            var ancestors: [String] = [], p: Int = r[1]
            while let d = detail[p] { ancestors.append(d); p = parent[p] ?? 0 }
            return (r[3], ancestors)
        }
    }

    @Test func aPapersMentionsAndLinksAreSearchedNeverScanned() throws {
        for sql in [GrantDatabase.citesSQL, GrantDatabase.explainSQL] {
            let scans = try plan(sql).map(\.detail).filter { $0.hasPrefix("SCAN") }
            #expect(scans.isEmpty, "\(scans) in \(sql)")
        }
    }

    @Test func auditScansOneTableAtMost() throws {
        for check in GrantDatabase.auditChecks(limit: 5) {
            let steps = try plan(check.sql)
            let nestedScans = steps.filter { $0.detail.hasPrefix("SCAN") && $0.ancestors.contains { $0.contains("SUBQUERY") } }
            #expect(nestedScans.isEmpty, "\(check.name): \(nestedScans.map(\.detail)) run once per row")
            // A scan of an index, or of a subquery's result, reads far less than a table's rows.
            let materialized = steps.compactMap { $0.detail.hasPrefix("MATERIALIZE ") ? $0.detail.dropFirst(12) : nil }
            let scans = steps.map(\.detail).filter { d in
                d.hasPrefix("SCAN") && !d.contains("COVERING INDEX") && !materialized.contains { d == "SCAN \($0)" }
            }
            #expect(scans.count <= 1, "\(check.name): \(scans) are whole tables")
        }
    }

    /// A per-grant report cut short reads the narrow rollup once and a grant's own row only for what it returns,
    /// in every order (joining all 500k grants first took 0.5–0.8 s); the default one (most papers first, medium
    /// confidence) walks an index in that order and stops after its rows, with no sort.
    @Test func aGrantReportScansOnlyTheRollup() throws {
        for order in GrantOutputOrder.allCases {
            var q = ReportQuery(from: 2015, to: 2023)
            (q.grantOrder, q.grantLimit, q.funder, q.department) = (order, 100, "nsfc", "H")
            let steps = try plan(GrantDatabase.grantOutputRowsSQL(q, cached: true).0).map(\.detail)
            let scans = steps.filter { $0.hasPrefix("SCAN") }
            #expect(scans == [order == .papers ? "SCAN o USING INDEX reportGrantOutput_byPapers" : "SCAN o"], "\(order): \(steps)")
            #expect(steps.contains { $0.hasPrefix("SEARCH g USING INTEGER PRIMARY KEY") }, "\(order): \(steps)")
            #expect(!steps.contains { $0.contains("TEMP B-TREE") } || order != .papers, "\(order): \(steps)")
        }
    }
}
