import Foundation
import GRDB
import GrantModel

extension GrantDatabase {
    /// Papers citing a grant (directly, or through one of its Key R&D sub-projects), with evidence.
    public func papersCiting(number: String, minConfidence: Confidence) throws -> Listing {
        let n = GrantNumber.parse(number)?.text ?? number.normalizedGrantNumber
        return try pool.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM \"grant\" WHERE number = ?", arguments: [n]) == true else {
                throw StoreError.notFound(what: "grant \(n) is not in the imported grant lists")
            }
            return try Listing.fetch(db, sql: """
                SELECT coalesce(p.ut, p.eid, 'PMID:' || p.pmid, p.doi) AS paper, p.year, p.journal,
                  CASE WHEN p.isNatureIndex THEN 'NI' ELSE '' END AS ni, l.confidence, l.viaSubProject AS via,
                  substr(f.text, max(1, m.start - 39), m."end" - max(0, m.start - 40) + 40) AS span, l.evidence, p.title
                FROM link l JOIN "grant" g ON g.id = l.grantId JOIN paper p ON p.id = l.paperId
                LEFT JOIN mention m ON m.id = l.mentionId LEFT JOIN fundingText f ON f.id = m.fundingTextId
                WHERE g.number = ? AND l.confidenceRank >= ?
                ORDER BY l.confidenceRank DESC, p.year, p.id
                """, arguments: [n, minConfidence.rank])
        }
    }

    /// Finds a paper by WoS UT, DOI, PMID or Scopus EID.
    public func paperId(for key: String) throws -> Int64 {
        let k = key.trimmingSpaces
        let lower = k.lowercased()
        return try pool.read { db in
            let candidates: [(String, String)] = [
                ("ut", k.uppercased().hasPrefix("WOS:") ? k.uppercased() : "WOS:" + k.uppercased()),
                ("doi", lower.replacingOccurrences(of: "https://doi.org/", with: "")),
                ("pmid", lower.replacingOccurrences(of: "pmid:", with: "")), ("eid", k),
            ]
            for (column, value) in candidates {
                if let id = try Int64.fetchOne(db, sql: "SELECT id FROM paper WHERE \(column) = ?", arguments: [value]) { return id }
            }
            throw StoreError.notFound(what: "no paper with UT, DOI, PMID or EID '\(key)'")
        }
    }

    /// The grants a paper cites, in acknowledgment order (per funding field), with evidence.
    public func cites(paperId: Int64) throws -> Listing {
        try pool.read { db in try Listing.fetch(db, sql: Self.citesSQL, arguments: [paperId]) }
    }

    /// A paper's header and funding texts with their mentions, for `grants explain`.
    public struct PaperExplanation: Sendable {
        public struct Text: Sendable {
            public var kind: String
            public var text: String
            public var mentions: [(mention: Mention, grant: String?, confidence: String?, evidence: String?)]
        }
        public var title: String
        public var key: String
        public var year: Int?
        public var journal: String?
        public var natureIndex: Bool
        public var texts: [Text]
    }

    public func explain(paperId: Int64) throws -> PaperExplanation {
        try pool.read { db in
            guard let p = try Row.fetchOne(db, sql: """
                SELECT title, coalesce(ut, eid, 'PMID:' || pmid, doi) AS key, year, journal, isNatureIndex FROM paper WHERE id = ?
                """, arguments: [paperId])
            else { throw StoreError.notFound(what: "paper \(paperId)") }
            var texts: [PaperExplanation.Text] = []
            for f in try Row.fetchAll(db, sql: "SELECT id, kind, text FROM fundingText WHERE paperId = ? ORDER BY id", arguments: [paperId]) {
                let rows = try Row.fetchAll(db, sql: Self.explainSQL, arguments: [paperId, f["id"] as Int64])
                texts.append(.init(kind: f["kind"], text: f["text"], mentions: rows.map { r in
                    (Mention(funder: FunderID(r["funder"] as String), number: r["number"], raw: r["raw"], start: r["start"],
                             end: r["end"], funderText: r["funderText"], position: r["position"], valid: r["valid"], note: r["note"]),
                     r["grant"], r["confidence"], r["evidence"])
                }))
            }
            return PaperExplanation(title: p["title"], key: p["key"] ?? "", year: p["year"], journal: p["journal"],
                                    natureIndex: p["isNatureIndex"], texts: texts)
        }
    }

    /// The checks a PI or research office runs before reporting, one listing per check.
    public func audit(limit: Int?) throws -> [(name: String, listing: Listing)] {
        try pool.read { db in
            try Self.auditChecks(limit: limit).map { ($0.name, try Listing.fetch(db, sql: $0.sql)) }
        }
    }

    // Every join and subquery below on mention or link names the paper, so SQLite finds a paper's rows through
    // the paper-id indexes: joining link on mentionId, or mention on fundingTextId, alone scanned the whole table
    // once per row (8 s for one `explain`, and an audit that never finished, at 1M papers). `QueryPlanTests`
    // holds them to it.

    /// For a mention `m`: the grant of its number (`g`) and its link to the paper (`l`), and the link the mention
    /// supports to another grant (`l2`, to `g2`: a sub-project's project, or a typo's grant).
    private static let mentionLinks = """
        LEFT JOIN "grant" g ON g.number = m.number
        LEFT JOIN link l ON l.paperId = m.paperId AND l.grantId = g.id
        LEFT JOIN link l2 ON l2.paperId = m.paperId AND l2.mentionId = m.id AND l2.grantId IS NOT g.id
        LEFT JOIN "grant" g2 ON g2.id = l2.grantId
        """

    /// A paper's mentions with the links they support; one argument, the paper id.
    static let citesSQL = """
        SELECT f.kind AS field, m.position AS pos, m.funder, m.number, m.raw,
          CASE WHEN l.id IS NOT NULL THEN g.number ELSE g2.number END AS grant,
          CASE WHEN l.id IS NOT NULL AND l2.viaSubProject IS NOT NULL THEN g2.number END AS project,
          coalesce(l.confidence, l2.confidence, '') AS confidence,
          CASE WHEN m.valid THEN coalesce(l.evidence, l2.evidence, CASE WHEN m.funder IN ('nsfc', 'nkrdpc')
            THEN 'not in the imported grant lists' ELSE 'look-alike funder: ' || m.funderText END)
            ELSE 'malformed: ' || coalesce(m.note, '') END AS evidence
        FROM mention m JOIN fundingText f ON f.id = m.fundingTextId
        \(mentionLinks)
        WHERE m.paperId = ?
        ORDER BY CASE f.kind WHEN 'fx' THEN 0 WHEN 'scopus-text' THEN 1 WHEN 'cnki-fund' THEN 2 WHEN 'gr' THEN 3 ELSE 4 END,
          f.id, m.start
        """

    /// One funding text's mentions with the links they support; arguments: the paper id, the text id.
    static let explainSQL = """
        SELECT m.funder, m.number, m.raw, m.start, m."end", m.funderText, m.position, m.valid, m.note,
          coalesce(g2.number, g.number) AS grant, coalesce(l2.confidence, l.confidence) AS confidence,
          coalesce(l2.evidence, l.evidence) AS evidence
        FROM mention m
        \(mentionLinks)
        WHERE m.paperId = ? AND m.fundingTextId = ? ORDER BY m.start
        """

    static func auditChecks(limit: Int?) -> [(name: String, sql: String)] {
        let cap = limit.map { "LIMIT \($0)" } ?? ""
        let paperKey = "coalesce(p.ut, p.eid, 'PMID:' || p.pmid, p.doi)"
        return [
            ("malformed numbers", """
                SELECT \(paperKey) AS paper, m.funder, m.raw, m.note, f.kind AS field
                FROM mention m JOIN paper p ON p.id = m.paperId JOIN fundingText f ON f.id = m.fundingTextId
                WHERE NOT m.valid AND m.funder IN ('nsfc', 'nkrdpc') ORDER BY p.id, m.start \(cap)
                """),
            ("grants cited but absent from the grant lists", """
                SELECT m.funder, m.number, count(DISTINCT m.paperId) AS papers, min(\(paperKey)) AS example
                FROM mention m JOIN paper p ON p.id = m.paperId
                WHERE m.valid AND m.funder IN ('nsfc', 'nkrdpc')
                  AND NOT EXISTS (SELECT 1 FROM "grant" g WHERE g.number = m.number)
                  AND NOT EXISTS (SELECT 1 FROM link l WHERE l.paperId = m.paperId AND l.mentionId = m.id)
                  AND EXISTS (SELECT 1 FROM "grant" g WHERE g.funder = m.funder AND NOT g.isPlaceholder)
                GROUP BY m.funder, m.number ORDER BY papers DESC, m.number \(cap)
                """),
            ("probable typos", """
                SELECT \(paperKey) AS paper, g.number AS grant, l.evidence
                FROM link l JOIN paper p ON p.id = l.paperId JOIN "grant" g ON g.id = l.grantId
                WHERE l.confidence = 'low' ORDER BY p.id \(cap)
                """),
            // The years come from the year indexes (which hold each row's id), not from the wide rows: a link's
            // random grant and paper rows took 10 s at 1M papers, these 1.7 s. Only the links listed read them.
            ("implausible timing (published before approval, or over 10 years after)", """
                WITH py AS MATERIALIZED (SELECT id, year FROM paper), gy AS MATERIALIZED (SELECT id, year FROM "grant"),
                  odd AS (SELECT l.id FROM link l JOIN py ON py.id = l.paperId JOIN gy ON gy.id = l.grantId
                          WHERE py.year < gy.year OR py.year > gy.year + 10 ORDER BY l.paperId, l.id \(cap))
                SELECT \(paperKey) AS paper, p.year AS published, g.number AS grant, g.year AS approved, l.confidence
                FROM odd JOIN link l ON l.id = odd.id JOIN paper p ON p.id = l.paperId JOIN "grant" g ON g.id = l.grantId
                ORDER BY p.id, l.id
                """),
            ("NSFC not the first funder named", """
                SELECT \(paperKey) AS paper, f.kind AS field, min(m.position) AS nsfcPosition,
                  (SELECT m1.funderText FROM mention m1
                   WHERE m1.paperId = f.paperId AND m1.fundingTextId = f.id AND m1.position = 1 LIMIT 1) AS firstFunder
                FROM mention m JOIN fundingText f ON f.id = m.fundingTextId JOIN paper p ON p.id = m.paperId
                WHERE m.funder = 'nsfc' AND f.kind IN ('fx', 'scopus-text', 'cnki-fund')
                GROUP BY f.id HAVING min(m.position) > 1 ORDER BY p.id \(cap)
                """),
        ]
    }
}
