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
    ///   - decide: turns a paper's mentions into links; it asks for the paper's authors and addresses only when it
    ///     needs them (to confirm a near miss), since reading them means reading the paper's wide row.
    ///   - refreshReports: rebuild the report rollups in the same transaction; a caller holding much memory for the
    ///     link (the grant index) can say no and call `refreshReports()` once it has let go.
    public func link(
        extract: ([String]) -> [[Mention]],
        nearMisses: (String) -> [String],
        decide: (_ mentions: [MentionEvidence], _ people: () throws -> PaperPeople) throws -> [LinkDecision],
        progress: ((Int, Int) -> Void)? = nil,
        refreshReports: Bool = true
    ) throws -> LinkSummary {
        var summary = LinkSummary()
        try bulkWrite { db in
            let (textMax, grantMax, newTextMax, newGrantMax) = try linkMarks(db)
            try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS affectedPaper (id INTEGER PRIMARY KEY)")
            try db.execute(sql: "DELETE FROM affectedPaper")
            // A first link, or one that at least doubles the texts linked, is a bulk load: keeping the by-number and
            // by-grant indexes current row by row scattered writes over the file (most of a 100k-paper link's time);
            // building them afterwards is a sort.
            let bulk = newTextMax - textMax >= textMax
            let mentionIndexes = bulk ? try SecondaryIndexes.drop("mention", in: db) : nil
            let linkIndexes = bulk ? try SecondaryIndexes.drop("link", in: db) : nil

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
            try mentionIndexes?.rebuild(in: db)

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

            // 3. Decide links for every affected paper from all its mentions, read in one pass in paper order.
            // CROSS JOIN keeps the affected papers outermost, so a small relink reads only their mentions, with no sort.
            summary.papersDecided = try Int.fetchOne(db, sql: "SELECT count(*) FROM affectedPaper") ?? 0
            let mentionRows = try Row.fetchCursor(db, sql: """
                SELECT m.paperId, m.id, m.funder, m.number, m.raw, m.start, m."end", m.funderText, m.position, m.valid,
                  m.note, f.kind
                FROM affectedPaper a CROSS JOIN mention m ON m.paperId = a.id JOIN fundingText f ON f.id = m.fundingTextId
                ORDER BY a.id
                """)
            let peopleOf = try db.makeStatement(sql: "SELECT authors, addresses FROM paper WHERE id = ?")
            let upsertLink = try db.makeStatement(sql: """
                INSERT INTO link (paperId, grantId, mentionId, confidence, confidenceRank, evidence, viaSubProject)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(paperId, grantId) DO UPDATE SET mentionId = excluded.mentionId, confidence = excluded.confidence,
                  confidenceRank = excluded.confidenceRank, evidence = excluded.evidence, viaSubProject = excluded.viaSubProject
                WHERE excluded.confidenceRank > link.confidenceRank
                """)
            // Only a change is written, so a relink of unchanged papers writes nothing here.
            let setFunders = try db.makeStatement(sql: """
                INSERT INTO paperFunder (paperId, citesNSFC, citesKeyRD) VALUES (?1, ?2, ?3)
                ON CONFLICT(paperId) DO UPDATE SET citesNSFC = ?2, citesKeyRD = ?3
                WHERE citesNSFC IS NOT ?2 OR citesKeyRD IS NOT ?3
                """)
            let clearFunders = try db.makeStatement(sql: "DELETE FROM paperFunder WHERE paperId = ?")
            func decidePaper(_ paperId: Int64, _ evidence: inout [MentionEvidence]) throws {
                evidence.sort { $0.id < $1.id }  // in text order, whatever order the index gave
                let cited = Set(evidence.filter { $0.mention.valid }.map(\.mention.funder))
                let nsfc = cited.contains(.nsfc), keyRD = cited.contains(.nkrdpc)
                if nsfc || keyRD {
                    try setFunders.run(db) { b in b.bind(paperId); b.bind(nsfc); b.bind(keyRD) }
                } else {
                    try clearFunders.execute(arguments: [paperId])
                }
                let decisions = try decide(evidence) {
                    let row = try Row.fetchOne(peopleOf, arguments: [paperId])
                    return PaperPeople(authors: Self.decodeList(row?[0]), addresses: Self.decodeList(row?[1]))
                }
                for d in decisions {
                    try upsertLink.run(db) { b in
                        b.bind(paperId); b.bind(d.grantId); b.bind(d.mentionId); b.bind(d.confidence.rawValue)
                        b.bind(d.confidence.rank); b.bind(d.evidence); b.bind(d.viaSubProject)
                    }
                    summary.linksWritten += db.changesCount
                }
            }
            var paper: Int64?
            var evidence: [MentionEvidence] = []
            while let r = try mentionRows.next() {
                let paperId: Int64 = r[0]
                if paperId != paper {
                    if let paper { try decidePaper(paper, &evidence) }
                    (paper, evidence) = (paperId, [])
                }
                let m = Mention(funder: FunderID(r[2] as String), number: r[3], raw: r[4], start: r[5], end: r[6],
                                funderText: r[7], position: r[8], valid: r[9], note: r[10])
                evidence.append(MentionEvidence(id: r[1], mention: m, kind: FundingText.Kind(rawValue: r[11]) ?? .wosFX))
            }
            if let paper { try decidePaper(paper, &evidence) }
            try linkIndexes?.rebuild(in: db)
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
