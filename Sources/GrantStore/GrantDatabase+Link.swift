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
    ///   - extract: finds the mentions in each of a batch of funding texts (one list per text, in order). It runs
    ///     on another thread, one batch ahead of the writing; the caller may spread a batch over several cores.
    ///   - nearMisses: the typo variants of a number, to find papers a new grant may explain.
    ///   - decide: turns a paper's mentions into links; it asks for the paper's authors and addresses only when it
    ///     needs them (to confirm a near miss), since reading them means reading the paper's wide row.
    ///   - refreshReports: rebuild the report rollups in the same transaction; a caller holding much memory for the
    ///     link (the grant index) can say no and call `refreshReports()` once it has let go.
    public func link(
        extract: @escaping @Sendable ([String]) -> [[Mention]],
        nearMisses: (String) -> [String],
        decide: @escaping (_ mentions: [MentionEvidence], _ people: () throws -> PaperPeople) throws -> [LinkDecision],
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
            // Half the usual page cache: linking writes in id order and reads little back, and SQLite sorts (the
            // index rebuilds) in as much memory as the cache may hold, which at 1M papers came on top of the
            // grant index past the 300 MB bound.
            let restoreCache = try db.temporarily(set: "cache_size", to: -32768)
            defer { restoreCache() }
            let mentionIndexes = bulk ? try SecondaryIndexes.drop("mention", in: db) : nil
            let linkIndexes = bulk ? try SecondaryIndexes.drop("link", in: db) : nil
            // Each new flag row would fire a trigger that marks the rollups stale (0.7 s of writing at 1M papers);
            // a bulk load marks them once and puts the trigger back before it commits.
            let flagTrigger = bulk ? try SuspendedTrigger.suspend("reportCache_paperFunderInsert", in: db) : nil
            var writer = try LinkWriter(db: db, decide: decide)

            // 1. Mentions in new funding texts, extracted a batch at a time. A newly imported paper, whose texts are
            // all new and adjacent in id order (an import writes them together), is decided right away from them.
            // The others (papers that gained a text by a merge) are deferred to step 3, to be decided from all their
            // mentions.
            // On a first link no text is older, and asking each of a million papers was half of this query.
            let hasOlder = textMax > 0 ? "OR EXISTS (SELECT 1 FROM fundingText o WHERE o.paperId = n.paperId AND o.id <= ?1)" : ""
            try db.execute(sql: """
                INSERT OR IGNORE INTO affectedPaper (id) SELECT n.paperId FROM fundingText n WHERE n.id > ?1
                GROUP BY n.paperId
                HAVING max(n.id) - min(n.id) + 1 > count(*) \(hasOlder)
                """, arguments: [textMax])
            let deferred = Set(try Int64.fetchAll(db, sql: "SELECT id FROM affectedPaper"))
            let total = Int(newTextMax - textMax)
            let texts = try Row.fetchCursor(db, sql: "SELECT id, paperId, kind, text FROM fundingText WHERE id > ? ORDER BY id",
                                            arguments: [textMax])
            // The next batch is extracted (on other threads) while this one is decided and written.
            var next = try texts.next().map(TextRow.init)
            func readBatch() throws -> [TextRow] {
                var batch: [TextRow] = []
                while let t = next, batch.count < 4096 || batch.last?.paperId == t.paperId {
                    batch.append(t)
                    next = try texts.next().map(TextRow.init)
                }
                return batch
            }
            func write(_ batch: [TextRow], _ found: [[Mention]]) throws {
                precondition(found.count == batch.count, "extract returned \(found.count) lists for \(batch.count) texts")
                // The ids `writeMentions` gives the batch's mentions, in the same order.
                var mentionId = writer.nextMentionId
                var start = 0
                while start < batch.count {
                    // A batch ends between papers, so this is all of a new paper's texts.
                    let paperId = batch[start].paperId
                    var end = start + 1
                    while end < batch.count, batch[end].paperId == paperId { end += 1 }
                    var evidence: [MentionEvidence] = []
                    for i in start..<end {
                        for m in found[i] {
                            evidence.append(MentionEvidence(id: mentionId, mention: m, kind: batch[i].kind))
                            mentionId += 1
                        }
                    }
                    if !deferred.contains(paperId) {
                        summary.papersDecided += 1
                        try writer.decideNew(paperId, evidence)
                    }
                    start = end
                }
                try writer.writeMentions(batch, found)
                try writer.flush()
                summary.mentionsFound += found.reduce(0) { $0 + $1.count }
                summary.fundingTextsRead += batch.count
                progress?(summary.fundingTextsRead, total)
            }
            var batch = try readBatch()
            var extraction = BackgroundExtraction(batch.map(\.text), extract)
            while !batch.isEmpty {
                let found = extraction.wait()
                let following = try readBatch()
                if !following.isEmpty { extraction = BackgroundExtraction(following.map(\.text), extract) }
                try write(batch, found)
                batch = following
            }
            try mentionIndexes?.rebuild(in: db)

            // 2. Old papers whose mentions a new grant explains (exactly, as a sub-project's project, or as a typo):
            // each distinct number is judged once, then one pass marks the papers that cite an explained one. Two
            // scans here replace an index on mention numbers that every first link had to build (5–7 s at 1M papers).
            if newGrantMax > grantMax, textMax > 0 {
                let newNumbers = Set(try String.fetchAll(db, sql: "SELECT number FROM \"grant\" WHERE id > ?", arguments: [grantMax]))
                try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS explainedNumber (number TEXT PRIMARY KEY)")
                try db.execute(sql: "DELETE FROM explainedNumber")
                let numbers = try String.fetchCursor(db, sql: """
                    SELECT DISTINCT number FROM mention WHERE fundingTextId <= ?
                    """, arguments: [textMax])
                let explained = try db.makeStatement(sql: "INSERT INTO explainedNumber (number) VALUES (?)")
                var any = false
                while let n = try numbers.next() {
                    let project = KeyRDNumber.parse(n).map(\.projectNumber)
                    if newNumbers.contains(n) || project.map(newNumbers.contains) == true
                        || nearMisses(n).contains(where: newNumbers.contains)
                    {
                        try explained.execute(arguments: [n])
                        any = true
                    }
                }
                if any {
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO affectedPaper (id) SELECT paperId FROM mention
                        WHERE fundingTextId <= ? AND number IN (SELECT number FROM explainedNumber)
                        """, arguments: [textMax])
                }
            }

            // 3. Decide the other affected papers from all their mentions, read in one pass in paper order.
            // CROSS JOIN keeps the affected papers outermost, so a small relink reads only their mentions, with no sort.
            summary.papersDecided += try Int.fetchOne(db, sql: "SELECT count(*) FROM affectedPaper") ?? 0
            let mentionRows = try Row.fetchCursor(db, sql: """
                SELECT m.paperId, m.id, m.funder, m.number, m.raw, m.start, m."end", m.funderText, m.position, m.valid,
                  m.note, f.kind
                FROM affectedPaper a CROSS JOIN mention m ON m.paperId = a.id JOIN fundingText f ON f.id = m.fundingTextId
                ORDER BY a.id
                """)
            var paper: Int64?
            var evidence: [MentionEvidence] = []
            while let r = try mentionRows.next() {
                let paperId: Int64 = r[0]
                if paperId != paper {
                    if let paper { try writer.redecide(paper, &evidence) }
                    (paper, evidence) = (paperId, [])
                }
                let m = Mention(funder: FunderID(r[2] as String), number: r[3], raw: r[4], start: r[5], end: r[6],
                                funderText: r[7], position: r[8], valid: r[9], note: r[10])
                evidence.append(MentionEvidence(id: r[1], mention: m, kind: FundingText.Kind(rawValue: r[11]) ?? .wosFX))
            }
            if let paper { try writer.redecide(paper, &evidence) }
            try writer.flush()
            summary.linksWritten = writer.linksWritten
            try linkIndexes?.rebuild(in: db)
            try flagTrigger?.restore(in: db)
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

/// A trigger dropped for a bulk write, whose one effect (marking the report rollups stale) is applied once instead.
private struct SuspendedTrigger {
    private let sql: String

    /// Drops the trigger, if the store has it (nil otherwise).
    static func suspend(_ name: String, in db: Database) throws -> SuspendedTrigger? {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                            arguments: [name]) else { return nil }
        try db.execute(sql: "DROP TRIGGER \(name.quotedDatabaseIdentifier); DELETE FROM reportCacheStamp")
        return SuspendedTrigger(sql: sql)
    }

    func restore(in db: Database) throws {
        try db.execute(sql: sql)
    }
}

/// A funding text as the linker reads it.
private struct TextRow {
    var id: Int64
    var paperId: Int64
    var kind: FundingText.Kind
    var text: String

    init(_ row: Row) {
        (id, paperId, text) = (row[0], row[1], row[3])
        kind = FundingText.Kind(rawValue: row[2]) ?? .wosFX
    }
}

/// One batch's extraction, running on another thread while the linker writes the batch before it.
private final class BackgroundExtraction: @unchecked Sendable {
    // Written once by the worker before `done` is signalled, read only after waiting on it.
    private var result: [[Mention]] = []
    private let done = DispatchSemaphore(value: 0)

    init(_ texts: [String], _ extract: @escaping @Sendable ([String]) -> [[Mention]]) {
        DispatchQueue.global().async {
            self.result = extract(texts)
            self.done.signal()
        }
    }

    func wait() -> [[Mention]] {
        done.wait()
        return result
    }
}

/// Writes what linking finds: mentions (with the ids their links cite), links and funder flags.
///
/// A new paper's rows are plain multi-row inserts, since it can have no links or flags yet; a paper decided again
/// goes through upserts that only ever raise a link's confidence and only write a flag that changed.
private struct LinkWriter {
    let db: Database
    let decide: (_ mentions: [MentionEvidence], _ people: () throws -> PaperPeople) throws -> [LinkDecision]
    private(set) var linksWritten = 0
    private(set) var nextMentionId: Int64
    private let mentions = BulkInsert(table: "mention", columns: [
        "id", "paperId", "fundingTextId", "funder", "number", "raw", "start", "end", "funderText", "position", "valid", "note",
    ])
    private var newLinks = BufferedInsert<(paperId: Int64, decision: LinkDecision)>(table: "link", columns: [
        "paperId", "grantId", "mentionId", "confidence", "confidenceRank", "evidence", "viaSubProject",
    ]) { row, b in
        let d = row.decision
        b.bind(row.paperId); b.bind(d.grantId); b.bind(d.mentionId); b.bind(d.confidence.rawValue); b.bind(d.confidence.rank)
        b.bind(d.evidence); b.bind(d.viaSubProject)
    }
    private var newFunders = BufferedInsert<(paperId: Int64, nsfc: Bool, keyRD: Bool)>(
        table: "paperFunder", columns: ["paperId", "citesNSFC", "citesKeyRD"]
    ) { row, b in
        b.bind(row.paperId); b.bind(row.nsfc); b.bind(row.keyRD)
    }
    private let peopleOf, upsertLink, setFunders, clearFunders: Statement

    init(db: Database, decide: @escaping (_ mentions: [MentionEvidence], _ people: () throws -> PaperPeople) throws -> [LinkDecision]) throws {
        self.db = db
        self.decide = decide
        nextMentionId = try BulkInsert.nextId(in: "mention", db)
        peopleOf = try db.makeStatement(sql: "SELECT authors, addresses FROM paper WHERE id = ?")
        upsertLink = try db.makeStatement(sql: """
            INSERT INTO link (paperId, grantId, mentionId, confidence, confidenceRank, evidence, viaSubProject)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(paperId, grantId) DO UPDATE SET mentionId = excluded.mentionId, confidence = excluded.confidence,
              confidenceRank = excluded.confidenceRank, evidence = excluded.evidence, viaSubProject = excluded.viaSubProject
            WHERE excluded.confidenceRank > link.confidenceRank
            """)
        setFunders = try db.makeStatement(sql: """
            INSERT INTO paperFunder (paperId, citesNSFC, citesKeyRD) VALUES (?1, ?2, ?3)
            ON CONFLICT(paperId) DO UPDATE SET citesNSFC = ?2, citesKeyRD = ?3
            WHERE citesNSFC IS NOT ?2 OR citesKeyRD IS NOT ?3
            """)
        clearFunders = try db.makeStatement(sql: "DELETE FROM paperFunder WHERE paperId = ?")
    }

    /// Writes the mentions found in a batch of texts, in order, with ids from `nextMentionId` on. They are bound
    /// from the extractor's lists in place: buffering copies cost a retain and a release per string.
    mutating func writeMentions(_ batch: [TextRow], _ found: [[Mention]]) throws {
        var text: [Int32] = [], index: [Int32] = []
        for (i, list) in found.enumerated() {
            for j in list.indices { text.append(Int32(i)); index.append(Int32(j)) }
        }
        let first = nextMentionId
        try found.withUnsafeBufferPointer { found in
            try mentions.write(db, count: text.count) { k, b in
                let i = Int(text[k])
                found[i].withUnsafeBufferPointer { list in
                    let m = list.baseAddress! + Int(index[k])
                    b.bind(first + Int64(k)); b.bind(batch[i].paperId); b.bind(batch[i].id); b.bind(m.pointee.funder.rawValue)
                    b.bind(m.pointee.number); b.bind(m.pointee.raw); b.bind(m.pointee.start); b.bind(m.pointee.end)
                    b.bind(m.pointee.funderText); b.bind(m.pointee.position); b.bind(m.pointee.valid); b.bind(m.pointee.note)
                }
            }
        }
        nextMentionId += Int64(text.count)
    }

    /// Decides a paper that has no links or flags yet (its mentions must be buffered or written).
    mutating func decideNew(_ paperId: Int64, _ evidence: [MentionEvidence]) throws {
        let (nsfc, keyRD) = Self.funders(evidence)
        if nsfc || keyRD { newFunders.append((paperId, nsfc, keyRD)) }
        for d in try decisions(paperId, evidence) {
            newLinks.append((paperId, d))
            linksWritten += 1
        }
    }

    /// Decides a paper again from all its mentions.
    mutating func redecide(_ paperId: Int64, _ evidence: inout [MentionEvidence]) throws {
        evidence.sort { $0.id < $1.id }  // in text order, whatever order the index gave
        let (nsfc, keyRD) = Self.funders(evidence)
        if nsfc || keyRD {
            try setFunders.run(db) { b in b.bind(paperId); b.bind(nsfc); b.bind(keyRD) }
        } else {
            try clearFunders.execute(arguments: [paperId])
        }
        for d in try decisions(paperId, evidence) {
            try upsertLink.run(db) { b in
                b.bind(paperId); b.bind(d.grantId); b.bind(d.mentionId); b.bind(d.confidence.rawValue)
                b.bind(d.confidence.rank); b.bind(d.evidence); b.bind(d.viaSubProject)
            }
            linksWritten += db.changesCount
        }
    }

    /// Writes the buffered rows (after `writeMentions`, since links cite mentions).
    mutating func flush() throws {
        try newLinks.flush(db)
        try newFunders.flush(db)
    }

    private func decisions(_ paperId: Int64, _ evidence: [MentionEvidence]) throws -> [LinkDecision] {
        try decide(evidence) {
            // The paper's own columns, which no buffered row changes.
            let row = try Row.fetchOne(peopleOf, arguments: [paperId])
            return PaperPeople(authors: GrantDatabase.decodeList(row?[0]), addresses: GrantDatabase.decodeList(row?[1]))
        }
    }

    private static func funders(_ evidence: [MentionEvidence]) -> (nsfc: Bool, keyRD: Bool) {
        // By index: `for e in evidence` would copy each mention (a retain and a release per string).
        var cited = (nsfc: false, keyRD: false)
        for i in evidence.indices where evidence[i].mention.valid {
            let funder = evidence[i].mention.funder
            if funder == .nsfc { cited.nsfc = true } else if funder == .nkrdpc { cited.keyRD = true }
        }
        return cited
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
