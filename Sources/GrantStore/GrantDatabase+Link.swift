import Foundation
import GRDB
import GrantModel

/// What a linking run did.
public struct LinkSummary: Codable, Sendable, Equatable {
    public var fundingTextsRead = 0
    public var mentionsFound = 0
    public var papersDecided = 0
    public var linksWritten = 0
    public init() {}
}

extension GrantDatabase {
    /// Every imported grant by number, for the linker's lookups.
    public func grantIndex() throws -> GrantIndex {
        try pool.read { db in
            var index = GrantIndex()
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"grant\"") ?? 0
            index.reserve(count)
            let rows = try Row.fetchCursor(db, sql: "SELECT id, number, funder, pi, institution, isPlaceholder FROM \"grant\"")
            while let r = try rows.next() {
                index.add(CandidateGrant(id: r[0], number: r[1], funder: FunderID(r[2] as String), pi: r[3],
                                         institution: r[4], isPlaceholder: r[5]))
            }
            return index
        }
    }

    /// Links papers to grants incrementally: funding texts added since the last run are read for mentions,
    /// and papers are re-decided when they gained texts or when new grants match their mentions.
    ///
    /// - Parameters:
    ///   - extract: finds the mentions in each of a batch of funding texts (one list per text, in order); the
    ///     caller may spread a batch over several cores.
    ///   - nearMisses: the typo variants of a number, to find papers a new grant may explain.
    ///   - decide: turns a paper's mentions into links.
    ///   - refreshReports: rebuild the report rollups in the same transaction; a caller holding much memory for the
    ///     link (the grant index) can say no and call `refreshReports()` once it has let go.
    public func link(
        extract: ([String]) -> [[Mention]],
        nearMisses: (String) -> [String],
        decide: (_ mentions: [MentionEvidence], _ authors: [String], _ addresses: [String]) -> [LinkDecision],
        progress: ((Int, Int) -> Void)? = nil,
        refreshReports: Bool = true
    ) throws -> LinkSummary {
        var summary = LinkSummary()
        try pool.write { db in
            let (textMax, grantMax, newTextMax, newGrantMax) = try linkMarks(db)
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS affectedPaper (id INTEGER PRIMARY KEY)")
            try db.execute(sql: "DELETE FROM affectedPaper")

            // 1. Mentions in new funding texts, extracted a batch at a time.
            try db.execute(sql: "INSERT OR IGNORE INTO affectedPaper (id) SELECT paperId FROM fundingText WHERE id > ?",
                           arguments: [textMax])
            var mentions = BulkInsert(table: "mention", columns: [
                "paperId", "fundingTextId", "funder", "number", "raw", "start", "end", "funderText", "position", "valid", "note",
            ])
            let total = Int(newTextMax - textMax)
            let texts = try Row.fetchCursor(db, sql: "SELECT id, paperId, text FROM fundingText WHERE id > ? ORDER BY id",
                                            arguments: [textMax])
            var batch: [(id: Int64, paperId: Int64, text: String)] = []
            func extractBatch() throws {
                let found = extract(batch.map(\.text))
                precondition(found.count == batch.count, "extract returned \(found.count) lists for \(batch.count) texts")
                for (t, found) in zip(batch, found) {
                    for m in found {
                        mentions.append(.integer(t.paperId), .integer(t.id), .text(m.funder.rawValue), .text(m.number),
                                        .text(m.raw), .integer(Int64(m.start)), .integer(Int64(m.end)), .text(m.funderText),
                                        .integer(Int64(m.position)), .integer(m.valid ? 1 : 0), .text(m.note))
                    }
                    summary.mentionsFound += found.count
                }
                try mentions.flush(db)
                summary.fundingTextsRead += batch.count
                progress?(summary.fundingTextsRead, total)
                batch.removeAll(keepingCapacity: true)
            }
            while let t = try texts.next() {
                batch.append((t[0], t[1], t[2]))
                if batch.count == 4096 { try extractBatch() }
            }
            try extractBatch()

            // 2. Old papers whose mentions a new grant explains (exactly, as a sub-project's project, or as a typo).
            if newGrantMax > grantMax, textMax > 0 {
                let newNumbers = Set(try String.fetchAll(db, sql: "SELECT number FROM \"grant\" WHERE id > ?", arguments: [grantMax]))
                let numbers = try String.fetchCursor(db, sql: """
                    SELECT DISTINCT number FROM mention WHERE fundingTextId <= ?
                    """, arguments: [textMax])
                let markByNumber = try db.makeStatement(sql: """
                    INSERT OR IGNORE INTO affectedPaper (id) SELECT paperId FROM mention WHERE number = ?
                    """)
                while let n = try numbers.next() {
                    let project = KeyRDNumber.parse(n).map(\.projectNumber)
                    if newNumbers.contains(n) || project.map(newNumbers.contains) == true
                        || nearMisses(n).contains(where: newNumbers.contains)
                    {
                        try markByNumber.execute(arguments: [n])
                    }
                }
            }

            // 3. Decide links for every affected paper from all its mentions.
            let papers = try Row.fetchCursor(db, sql: """
                SELECT p.id, p.authors, p.addresses FROM paper p JOIN affectedPaper a ON a.id = p.id ORDER BY p.id
                """)
            let mentionsOf = try db.makeStatement(sql: """
                SELECT m.id, m.funder, m.number, m.raw, m.start, m."end", m.funderText, m.position, m.valid, m.note, f.kind
                FROM mention m JOIN fundingText f ON f.id = m.fundingTextId WHERE m.paperId = ? ORDER BY m.id
                """)
            let upsertLink = try db.makeStatement(sql: """
                INSERT INTO link (paperId, grantId, mentionId, confidence, confidenceRank, evidence, viaSubProject)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(paperId, grantId) DO UPDATE SET mentionId = excluded.mentionId, confidence = excluded.confidence,
                  confidenceRank = excluded.confidenceRank, evidence = excluded.evidence, viaSubProject = excluded.viaSubProject
                WHERE excluded.confidenceRank > link.confidenceRank
                """)
            // Only a change is written: a paper row is wide, and rewriting unchanged ones doubled the pages a relink writes.
            let flagFunders = try db.makeStatement(sql: """
                UPDATE paper SET citesNSFC = ?1, citesKeyRD = ?2 WHERE id = ?3 AND (citesNSFC IS NOT ?1 OR citesKeyRD IS NOT ?2)
                """)
            while let p = try papers.next() {
                let paperId: Int64 = p[0]
                let authors = Self.decodeList(p[1]), addresses = Self.decodeList(p[2])
                var evidence: [MentionEvidence] = []
                let rows = try Row.fetchCursor(mentionsOf, arguments: [paperId])
                while let r = try rows.next() {
                    let m = Mention(funder: FunderID(r[1] as String), number: r[2], raw: r[3], start: r[4], end: r[5],
                                    funderText: r[6], position: r[7], valid: r[8], note: r[9])
                    evidence.append(MentionEvidence(id: r[0], mention: m, kind: FundingText.Kind(rawValue: r[10]) ?? .wosFX))
                }
                summary.papersDecided += 1
                let cited = Set(evidence.filter { $0.mention.valid }.map(\.mention.funder))
                try flagFunders.run(db) { b in b.bind(cited.contains(.nsfc)); b.bind(cited.contains(.nkrdpc)); b.bind(paperId) }
                for d in decide(evidence, authors, addresses) {
                    try upsertLink.run(db) { b in
                        b.bind(paperId); b.bind(d.grantId); b.bind(d.mentionId); b.bind(d.confidence.rawValue)
                        b.bind(d.confidence.rank); b.bind(d.evidence); b.bind(d.viaSubProject)
                    }
                    summary.linksWritten += db.changesCount
                }
            }
            try setMeta("link.fundingTextMaxId", newTextMax, db: db)
            try setMeta("link.grantMaxId", newGrantMax, db: db)
            if refreshReports { try Self.refreshReportCache(db) }
        }
        return summary
    }

    /// True when funding texts or grants arrived since the last linking run, so `link` has work to do.
    public func hasLinkWork() throws -> Bool {
        try pool.read { db in
            let (textMax, grantMax, newTextMax, newGrantMax) = try linkMarks(db)
            return newTextMax > textMax || newGrantMax > grantMax
        }
    }

    /// The high-water marks of the last run (texts, grants) and the current maxima.
    private func linkMarks(_ db: Database) throws -> (Int64, Int64, Int64, Int64) {
        (try meta("link.fundingTextMaxId", db: db), try meta("link.grantMaxId", db: db),
         try Int64.fetchOne(db, sql: "SELECT max(id) FROM fundingText") ?? 0,
         try Int64.fetchOne(db, sql: "SELECT max(id) FROM \"grant\"") ?? 0)
    }

    func meta(_ key: String, db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?", arguments: [key]) ?? 0
    }

    func setMeta(_ key: String, _ value: Int64, db: Database) throws {
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, String(value)])
    }

    static func decodeList(_ json: String?) -> [String] {
        json.flatMap(JSONText.parseArray) ?? []
    }
}

/// The grants by number, compact enough for 500k grants within the memory bound: positions in a dictionary, grants
/// in an array, and the few thousand distinct institutions stored once each (PI names are short enough to live
/// inside their strings).
public struct GrantIndex: Sendable {
    private var positions: [String: Int32] = [:]
    private var grants: [CandidateGrant] = []
    private var names: [String: String] = [:]

    mutating func reserve(_ count: Int) {
        positions.reserveCapacity(count)
        grants.reserveCapacity(count)
    }

    mutating func add(_ grant: CandidateGrant) {
        var g = grant
        if let name = g.institution { g.institution = intern(name) }
        positions[g.number] = Int32(grants.count)
        grants.append(g)
    }

    public subscript(number: String) -> CandidateGrant? {
        positions[number].map { grants[Int($0)] }
    }

    private mutating func intern(_ s: String) -> String {
        if let known = names[s] { return known }
        names[s] = s
        return s
    }
}
