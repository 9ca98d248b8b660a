import Foundation
import GRDB
import GrantModel

extension GrantDatabase {
    /// Counts per funder, department and year, rejects, and import batches.
    public func status() throws -> [String: Listing] {
        try pool.read { db in
            [
                "funders": try Listing.fetch(db, sql: """
                    SELECT funder, count(*) AS grants, sum(isPlaceholder) AS placeholders, sum(amountYuan) AS amountYuan
                    FROM "grant" GROUP BY funder ORDER BY funder
                    """),
                "departments": try Listing.fetch(db, sql: """
                    SELECT funder, department, count(*) AS grants, min(year) AS firstYear, max(year) AS lastYear
                    FROM "grant" WHERE isPlaceholder = 0 GROUP BY funder, department ORDER BY funder, department
                    """),
                "years": try Listing.fetch(db, sql: """
                    SELECT year, sum(funder = 'nsfc') AS nsfc, sum(funder = 'nkrdpc') AS nkrdpc, count(*) AS grants
                    FROM "grant" WHERE isPlaceholder = 0 GROUP BY year ORDER BY year
                    """),
                "papers": try Listing.fetch(db, sql: """
                    SELECT (SELECT count(*) FROM paper) AS papers, (SELECT count(*) FROM paper WHERE isNatureIndex) AS natureIndex,
                      (SELECT count(*) FROM mention) AS mentions, (SELECT count(*) FROM link) AS links,
                      (SELECT count(*) FROM reject WHERE kind = 'grant') AS rejectedGrantRows,
                      (SELECT count(*) FROM reject WHERE kind = 'paper') AS rejectedPaperRecords
                    """),
                "batches": try Listing.fetch(db, sql: """
                    SELECT id, kind, file, sheet, format, encoding, startedAt, inserted, updated, unchanged, rejected
                    FROM importBatch ORDER BY id
                    """),
            ]
        }
    }

    /// The imported files by kind (`grants`, `papers`, `roster`), oldest first, for a report's data sources.
    public func importedFiles() throws -> [(kind: String, file: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, file FROM importBatch ORDER BY id").map { ($0[0], $0[1]) }
        }
    }

    /// Grant listing filters (`grants list grants`).
    public struct GrantQuery: Sendable {
        public var funder: String?
        public var department: String?
        public var year: Int?
        public var institution: String?
        public var type: String?
        public var search: String?
        public var limit: Int?
        public init() {}
    }

    public func grants(_ q: GrantQuery) throws -> Listing {
        var f = Filter()
        if let v = q.funder { f.add("funder = ?", [v]) }
        if let v = q.department { f.add("department = ?", [v.uppercased()]) }
        if let v = q.year { f.add("year = ?", [v]) }
        if let v = q.institution { f.add("institution LIKE ?", ["%\(v)%"]) }
        if let v = q.type { f.add("fundingType LIKE ?", ["%\(v)%"]) }
        if let v = q.search {
            f.add("(title LIKE ? OR keywords LIKE ? OR abstract LIKE ? OR pi LIKE ? OR number LIKE ?)",
                  Array(repeating: "%\(v)%", count: 5))
        }
        return try pool.read { db in
            try Listing.fetch(db, sql: """
                SELECT number, funder, department, year, fundingType AS type, pi, institution, title,
                  amountYuan, applicationCode AS code, CASE WHEN isPlaceholder THEN 'placeholder' ELSE '' END AS note
                FROM "grant" \(f.sql) ORDER BY year, number \(q.limit.map { "LIMIT \($0)" } ?? "")
                """, arguments: f.arguments)
        }
    }

    public func rejects(kind: String?) throws -> Listing {
        var f = Filter()
        if let kind { f.add("kind = ?", [kind]) }
        return try pool.read { db in
            try Listing.fetch(db, sql: "SELECT batchId AS batch, kind, file, sheet, row, reason, raw FROM reject \(f.sql) ORDER BY id",
                              arguments: f.arguments)
        }
    }

    /// Paper listing filters (`grants list papers`).
    public struct PaperQuery: Sendable {
        public var year: Int?
        public var journal: String?
        public var natureIndexOnly = false
        public var search: String?
        public var duplicatesOnly = false
        public var limit: Int?
        public init() {}
    }

    public func papers(_ q: PaperQuery) throws -> Listing {
        var f = Filter()
        if let v = q.year { f.add("p.year = ?", [v]) }
        if let v = q.journal { f.add("p.journal LIKE ?", ["%\(v)%"]) }
        if q.natureIndexOnly { f.add("p.isNatureIndex") }
        if let v = q.search { f.add("(p.title LIKE ? OR p.keywords LIKE ? OR p.abstract LIKE ?)", Array(repeating: "%\(v)%", count: 3)) }
        if q.duplicatesOnly { f.add("(SELECT count(*) FROM paperSource s WHERE s.paperId = p.id) > 1") }
        return try pool.read { db in
            try Listing.fetch(db, sql: """
                SELECT p.id, coalesce(p.ut, p.eid, 'PMID:' || p.pmid, p.doi) AS paper, p.year, p.journal,
                  CASE WHEN p.isNatureIndex THEN 'NI' ELSE '' END AS ni, p.title, p.doi,
                  (SELECT group_concat(s.source || ' ' || s.file || '#' || s.record, '; ') FROM paperSource s WHERE s.paperId = p.id) AS sources,
                  (SELECT count(*) FROM link l WHERE l.paperId = p.id) AS grants
                FROM paper p \(f.sql) ORDER BY p.year, p.id \(q.limit.map { "LIMIT \($0)" } ?? "")
                """, arguments: f.arguments)
        }
    }

    /// Every link with its evidence (for exports and the benchmark's precision/recall).
    public func links(minConfidence: Confidence) throws -> Listing {
        try pool.read { db in
            try Listing.fetch(db, sql: """
                SELECT coalesce(p.ut, p.eid, 'PMID:' || p.pmid, p.doi) AS paper, g.number AS grant, g.funder, l.confidence,
                  l.viaSubProject AS via, l.evidence
                FROM link l JOIN paper p ON p.id = l.paperId JOIN "grant" g ON g.id = l.grantId
                WHERE l.confidenceRank >= ? ORDER BY l.paperId, l.id
                """, arguments: [minConfidence.rank])
        }
    }
}
