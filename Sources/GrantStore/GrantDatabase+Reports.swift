import Foundation
import GRDB
import GrantModel

/// Grants, amounts and output of one department (or institution, type, school) in one year.
public struct DepartmentYearRow: Sendable, Equatable {
    public var department: String
    public var year: Int
    public var grants = 0
    public var amountYuan: Int64 = 0
    public var linkedPapers = 0
    public var natureIndexPapers = 0
    /// Publication year − approval year → number of (paper, grant) links.
    public var lagHistogram: [Int: Int] = [:]
}

/// Papers citing each funder in one publication year.
public struct FunderYearRow: Sendable, Equatable {
    public var year: Int
    public var nsfc = 0, keyRD = 0, both = 0
    public var nsfcNI = 0, keyRDNI = 0, bothNI = 0
}

/// One grant's output.
public struct GrantOutput: Sendable, Equatable {
    public var number: String
    public var title: String?
    public var pi: String?
    public var institution: String?
    public var department: String?
    public var year: Int?
    public var amountYuan: Int64?
    public var papers: Int
    public var natureIndexPapers: Int
    public var firstYear: Int?
    public var lastYear: Int?
}

/// What a report selects.
public struct ReportQuery: Sendable {
    /// What "department" means for grouping.
    public enum Dimension: String, Sendable, CaseIterable {
        case department, institution, type, school
    }
    public typealias GrantTopic = @Sendable (_ department: String?, _ title: String?, _ keywords: String?, _ abstract: String?) -> Bool
    public typealias PaperTopic = @Sendable (_ title: String?, _ keywords: String?, _ abstract: String?) -> Bool

    public var from: Int
    public var to: Int
    public var funder: String?
    public var minConfidence: Confidence = .medium
    public var dimension: Dimension = .department
    public var department: String?
    public var pi: String?
    public var grantTopic: GrantTopic?
    public var paperTopic: PaperTopic?
    /// Read the report rollups when the query allows it (false forces the direct SQL, which tests compare with).
    public var useCache = true
    /// The per-grant report's order and length, when SQL is to sort it and keep only its first rows.
    public var grantOrder: GrantOutputOrder?
    public var grantLimit: Int?

    public init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }
}

extension GrantDatabase {
    /// The years with grants or papers, to default a report's period.
    public func yearRange() throws -> ClosedRange<Int>? {
        try pool.read { db in
            // Separate min() and max() per table, so each is one look-up in a year index instead of a scan.
            let row = try Row.fetchOne(db, sql: """
                SELECT min(y), max(y) FROM (SELECT min(year) AS y FROM "grant" UNION ALL SELECT max(year) FROM "grant"
                  UNION ALL SELECT min(year) FROM paper UNION ALL SELECT max(year) FROM paper)
                """)
            guard let lo: Int = row?[0], let hi: Int = row?[1] else { return nil }
            return lo...hi
        }
    }

    /// Per department and year: grants by approval year, papers by publication year.
    ///
    /// Key R&D sub-projects are not counted as grants of their own (their papers roll up to the project).
    public func departmentYears(_ q: ReportQuery) throws -> [DepartmentYearRow] {
        // Topic, PI and department filters select grants one by one, which the rollups cannot.
        let cacheable = q.grantTopic == nil && q.pi == nil && q.department == nil && Self.cachedDimensions.contains(q.dimension)
        return try read(q, cache: cacheable) { db, cached in
            let sql = cached ? Self.departmentYearsCached(q) : Self.departmentYearsDirect(q)
            var rows: [String: DepartmentYearRow] = [:]
            func row(_ d: String, _ y: Int) -> DepartmentYearRow { rows["\(d)\u{1}\(y)"] ?? DepartmentYearRow(department: d, year: y) }
            for r in try Row.fetchAll(db, sql: sql.grants.sql, arguments: sql.grants.arguments) {
                var x = row(r[0], r[1])
                (x.grants, x.amountYuan) = (r[2], r[3])
                rows["\(x.department)\u{1}\(x.year)"] = x
            }
            for r in try Row.fetchAll(db, sql: sql.papers.sql, arguments: sql.papers.arguments) {
                var x = row(r[0], r[1])
                (x.linkedPapers, x.natureIndexPapers) = (r[2], r[3])
                rows["\(x.department)\u{1}\(x.year)"] = x
            }
            for r in try Row.fetchAll(db, sql: sql.lags.sql, arguments: sql.lags.arguments) {
                var x = row(r[0], r[1])
                x.lagHistogram[r[2]] = r[3]
                rows["\(x.department)\u{1}\(x.year)"] = x
            }
            return rows.values.sorted { ($0.department, $0.year) < ($1.department, $1.year) }
        }
    }

    /// The department report's three queries: grants (dimension value, approval year, grants, amount), papers
    /// (value, publication year, papers, NI papers) and lags (value, publication year, lag, links).
    private struct DepartmentYearsSQL {
        var grants: (sql: String, arguments: StatementArguments)
        var papers: (sql: String, arguments: StatementArguments)
        var lags: (sql: String, arguments: StatementArguments)
    }

    private static func departmentYearsDirect(_ q: ReportQuery) -> DepartmentYearsSQL {
        let dim = dimensionSQL(q.dimension)
        let roster = q.dimension == .school ? rosterJoin : ""
        var f = grantFilter(q)
        f.add("g.year BETWEEN ? AND ?", [q.from, q.to])
        var pf = grantFilter(q)
        pf.add("l.confidenceRank >= ?", [q.minConfidence.rank])
        pf.add("p.year BETWEEN ? AND ?", [q.from, q.to])
        let joins = "FROM link l JOIN \"grant\" g ON g.id = l.grantId JOIN paper p ON p.id = l.paperId \(roster)"
        return DepartmentYearsSQL(
            grants: ("""
                SELECT \(dim) AS dim, g.year, count(*), coalesce(sum(g.amountYuan), 0) FROM "grant" g \(roster)
                \(f.sql) GROUP BY dim, g.year
                """, f.arguments),
            papers: ("""
                SELECT \(dim) AS dim, p.year, count(DISTINCT p.id), count(DISTINCT CASE WHEN p.isNatureIndex THEN p.id END)
                \(joins) \(pf.sql) GROUP BY dim, p.year
                """, pf.arguments),
            lags: ("""
                SELECT \(dim) AS dim, p.year, p.year - g.year AS lag, count(*) \(joins) \(pf.sql) AND g.year IS NOT NULL
                GROUP BY dim, p.year, lag
                """, pf.arguments))
    }

    /// The same from the rollups (see GrantDatabase+ReportCache.swift).
    private static func departmentYearsCached(_ q: ReportQuery) -> DepartmentYearsSQL {
        var f = Filter()
        f.add("dimension = ?", [q.dimension.rawValue])
        f.add("year BETWEEN ? AND ?", [q.from, q.to])
        var papers = f
        papers.add("funder = ?", [q.funder ?? ""])  // '' rows count each paper once across funders
        papers.add("rank >= ?", [q.minConfidence.rank])
        if let v = q.funder { f.add("funder = ?", [v]) }
        var lags = f
        lags.add("rank >= ?", [q.minConfidence.rank])
        return DepartmentYearsSQL(
            grants: ("SELECT value, year, sum(grants), sum(amountYuan) FROM reportGrantYear \(f.sql) GROUP BY value, year",
                     f.arguments),
            papers: ("SELECT value, year, sum(papers), sum(niPapers) FROM reportPaperYear \(papers.sql) GROUP BY value, year",
                     papers.arguments),
            lags: ("SELECT value, year, lag, sum(links) FROM reportLag \(lags.sql) GROUP BY value, year, lag", lags.arguments))
    }

    /// Papers citing NSFC, the Key R&D Program, or both, per publication year (from mentions, so no grant list is needed).
    public func funderYears(_ q: ReportQuery) throws -> [FunderYearRow] {
        try read(q, cache: q.paperTopic == nil) { db, cached in
            var f = Filter()
            f.add("year BETWEEN ? AND ?", [q.from, q.to])
            let sql: String
            if cached {
                sql = "SELECT year, nsfc, keyRD, \"both\", nsfcNI, keyRDNI, bothNI FROM reportFunderYear \(f.sql) ORDER BY year"
            } else {
                f.add("(citesNSFC OR citesKeyRD)")
                if q.paperTopic != nil { f.add("topic_paper(title, keywords, abstract)") }
                sql = """
                    SELECT year, sum(citesNSFC), sum(citesKeyRD), sum(citesNSFC AND citesKeyRD),
                      sum(citesNSFC AND isNatureIndex), sum(citesKeyRD AND isNatureIndex), sum(citesNSFC AND citesKeyRD AND isNatureIndex)
                    FROM paper JOIN paperFunder ON paperId = id \(f.sql) GROUP BY year ORDER BY year
                    """
            }
            return try Row.fetchAll(db, sql: sql, arguments: f.arguments).map { r in
                FunderYearRow(year: r[0], nsfc: r[1], keyRD: r[2], both: r[3], nsfcNI: r[4], keyRDNI: r[5], bothNI: r[6])
            }
        }
    }

    /// Per-grant output for grants approved in the period.
    public func grantOutputs(_ q: ReportQuery) throws -> [GrantOutput] {
        try withGrantOutputs(q) { _, next in
            var outputs: [GrantOutput] = []
            while let g = try next() { outputs.append(g) }
            return outputs
        }
    }

    /// Per-grant output one grant at a time, in `q.grantOrder` (any order when nil) and at most `q.grantLimit`
    /// of them. `body` gets the totals of every selected grant, read in the same transaction so that both describe
    /// the same data, and `next`, which returns the following grant (nil after the last) while `body` runs.
    /// Only the row being read is held, so a caller that renders each row as it comes needs the same memory for
    /// 500k grants as for 50 (SQLite sorts in bounded memory, spilling to a temporary file).
    public func withGrantOutputs<T>(_ q: ReportQuery, _ body: (GrantOutputTotals, _ next: () throws -> GrantOutput?) throws -> T)
        throws -> T
    {
        try read(q, cache: true) { db, cached in
            let (totalsSQL, totalsArguments) = Self.grantOutputTotalsSQL(q, cached: cached)
            let t = try Row.fetchOne(db, sql: totalsSQL, arguments: totalsArguments)
            let totals = GrantOutputTotals(grants: t?[0] ?? 0, amountYuan: t?[1] ?? 0, amountsKnown: t?[2] ?? 0,
                                           papers: t?[3] ?? 0, niPapers: t?[4] ?? 0)
            let (sql, rowArguments) = Self.grantOutputRowsSQL(q, cached: cached)
            // A cursor decodes each row in place; fetchAll would copy 500k rows first.
            let rows = try Row.fetchCursor(db, sql: sql, arguments: rowArguments)
            return try body(totals) {
                try rows.next().map { r in
                    GrantOutput(number: r[0], title: r[1], pi: r[2], institution: r[3], department: r[4], year: r[5],
                                amountYuan: r[6], papers: r[7], natureIndexPapers: r[8], firstYear: r[9], lastYear: r[10])
                }
            }
        }
    }

    /// The totals of a per-grant report (grants, amount, known amounts, papers, NI papers): from the grant-year
    /// rollup when no filter picks grants one by one, else summed over the selected rows.
    private static func grantOutputTotalsSQL(_ q: ReportQuery, cached: Bool) -> (String, StatementArguments) {
        guard cached, q.pi == nil, q.grantTopic == nil else {
            let (selected, arguments) = grantOutputSQL(q, cached: cached)
            return ("""
                SELECT count(*), coalesce(sum(amountYuan), 0), count(amountYuan), coalesce(sum(papers), 0),
                  coalesce(sum(ni), 0) FROM (\(selected))
                """, arguments)
        }
        var f = Filter()
        f.add("dimension = ?", [ReportQuery.Dimension.department.rawValue])
        f.add("year BETWEEN ? AND ?", [q.from, q.to])
        if let v = q.funder { f.add("funder = ?", [v]) }
        // The rollup's value for a grant with no department is '?', which `--department ?` must not select.
        if let v = q.department { f.add("value = ? AND value <> '?'", [v.uppercased()]) }
        let rank = q.minConfidence.rank
        return ("""
            SELECT coalesce(sum(grants), 0), coalesce(sum(amountYuan), 0), coalesce(sum(amountsKnown), 0),
              coalesce(sum(papers\(rank)), 0), coalesce(sum(ni\(rank)), 0) FROM reportGrantYear \(f.sql)
            """, f.arguments)
    }

    /// One row per selected grant: number, title, PI, institution, department, year, amountYuan, papers, ni, first, last.
    ///
    /// From the rollup, SQLite filters and sorts its narrow rows and reads a grant's row only for what it returns.
    private static func grantOutputSQL(_ q: ReportQuery, cached: Bool) -> (String, StatementArguments) {
        let rank = q.minConfidence.rank  // 1...3, the rollup's column suffix
        if cached {
            var f = Filter()
            f.add("o.year BETWEEN ? AND ?", [q.from, q.to])
            if let v = q.funder { f.add("o.funder = ?", [v]) }
            if let v = q.department { f.add("o.department = ?", [v.uppercased()]) }
            if let v = q.pi { f.add("g.pi = ?", [v]) }
            if q.grantTopic != nil { f.add("topic_grant(g.department, g.title, g.keywords, g.abstract)") }
            return ("""
                SELECT o.number, g.title, g.pi, g.institution, o.department, o.year, o.amountYuan AS amountYuan,
                  o.papers\(rank) AS papers, o.ni\(rank) AS ni, o.first\(rank), o.last\(rank)
                FROM reportGrantOutput o JOIN "grant" g ON g.id = o.grantId \(f.sql)
                """, f.arguments)
        }
        var f = grantFilter(q)
        f.add("g.year BETWEEN ? AND ?", [q.from, q.to])
        return ("""
            SELECT g.number, g.title, g.pi, g.institution, g.department, g.year, g.amountYuan AS amountYuan,
              count(DISTINCT p.id) AS papers, count(DISTINCT CASE WHEN p.isNatureIndex THEN p.id END) AS ni,
              min(p.year), max(p.year)
            FROM "grant" g LEFT JOIN link l ON l.grantId = g.id AND l.confidenceRank >= \(rank)
            LEFT JOIN paper p ON p.id = l.paperId
            \(f.sql) GROUP BY g.id
            """, f.arguments)
    }

    /// The selected rows in `q.grantOrder`, at most `q.grantLimit` of them.
    static func grantOutputRowsSQL(_ q: ReportQuery, cached: Bool) -> (String, StatementArguments) {
        var (sql, arguments) = grantOutputSQL(q, cached: cached)
        if let order = q.grantOrder { sql += " ORDER BY \(orderSQL(order, table: cached ? "o" : "g"))" }
        if let limit = q.grantLimit {
            sql += " LIMIT ?"
            arguments += [limit]
        }
        return (sql, arguments)
    }

    /// `GrantOutputOrder` in SQL over `table`'s number, amount and year. SQLite puts NULL first in ascending order
    /// and last in descending order, as the report builder's sort does (unknown years first, unknown amounts last).
    private static func orderSQL(_ order: GrantOutputOrder, table t: String) -> String {
        switch order {
        case .number: "\(t).number"
        case .papers: "papers DESC, \(t).number"
        case .niPapers: "ni DESC, \(t).number"
        case .amount: "\(t).amountYuan DESC, \(t).number"
        case .year: "\(t).year, \(t).number"
        }
    }

    /// Reads with the topic filters registered as SQL functions for this connection.
    ///
    /// With `cache`, stale rollups are rebuilt first; `body` learns whether it may read them (not when
    /// `useCache` is off, or the rebuild failed, e.g. on a read-only file).
    private func read<T>(_ q: ReportQuery, cache: Bool, _ body: (Database, _ cached: Bool) throws -> T) throws -> T {
        let cache = cache && q.useCache
        if cache, try !pool.read(Self.reportCacheIsFresh) {
            try? pool.write(Self.refreshReportCache)
        }
        return try pool.read { db in
            if let t = q.grantTopic {
                db.add(function: DatabaseFunction("topic_grant", argumentCount: 4, pure: true) { v in
                    t(String.fromDatabaseValue(v[0]), String.fromDatabaseValue(v[1]), String.fromDatabaseValue(v[2]),
                      String.fromDatabaseValue(v[3]))
                })
            }
            if let t = q.paperTopic {
                db.add(function: DatabaseFunction("topic_paper", argumentCount: 3, pure: true) { v in
                    t(String.fromDatabaseValue(v[0]), String.fromDatabaseValue(v[1]), String.fromDatabaseValue(v[2]))
                })
            }
            return try body(db, cache ? try Self.reportCacheIsFresh(db) : false)
        }
    }

    private static func grantFilter(_ q: ReportQuery) -> Filter {
        var f = Filter()
        f.add("g.projectNumber IS NULL")
        if let v = q.funder { f.add("g.funder = ?", [v]) }
        if let v = q.department { f.add("g.department = ?", [v.uppercased()]) }
        if let v = q.pi { f.add("g.pi = ?", [v]) }
        if q.grantTopic != nil { f.add("topic_grant(g.department, g.title, g.keywords, g.abstract)") }
        return f
    }

    static func dimensionSQL(_ d: ReportQuery.Dimension) -> String {
        switch d {
        case .department: "coalesce(g.department, '?')"
        case .institution: "coalesce(g.institution, '(no institution)')"
        case .type: "coalesce(g.fundingType, '(no type)')"
        case .school: "coalesce(r.school, '(not on the roster)')"
        }
    }

    /// A PI is matched to the roster by name, and by institution when the roster gives one.
    private static let rosterJoin = """
        LEFT JOIN rosterEntry r ON r.id = (SELECT r2.id FROM rosterEntry r2 WHERE r2.name = g.pi
          AND (r2.institution = '' OR r2.institution = g.institution) ORDER BY r2.institution = '' LIMIT 1)
        """
}
