import Foundation
import GRDB
import GrantModel

/// What one paper file's import did.
public struct PaperImportSummary: Codable, Sendable, Equatable {
    public var file: String
    public var format: String
    public var batchId: Int64?
    public var records = 0
    public var inserted = 0
    /// Records that matched a paper already stored (another source, or another export) and added to it.
    public var merged = 0
    public var unchanged = 0
    public var rejected = 0
    public var natureIndex = 0

    public init(file: String, format: String) {
        self.file = file
        self.format = format
    }
    public var changedAnything: Bool { inserted + merged + rejected > 0 }
}

/// The Nature Index decision for a record, made by the caller (the catalog lives in GrantModel).
public struct NatureIndexFlag: Sendable {
    public var journal: String
    public var matchedBy: String
    public init(journal: String, matchedBy: String) {
        self.journal = journal
        self.matchedBy = matchedBy
    }
}

/// Writes one export's papers in a single transaction, merging records of the same paper.
///
/// Matching order: DOI (case-insensitive), then WoS UT, Scopus EID, PMID, then normalised title plus year.
/// Records are buffered and written in chunks: one query per identifier kind finds the stored papers a chunk
/// matches, and new papers go in with multi-row inserts, because per-record statements cost more than the data.
public final class PaperImportSession {
    let db: Database
    let batchId: Int64
    public private(set) var summary: PaperImportSummary
    private let findSource, insertSource, findFunding, findStored, flagNatureIndex, insertReject: Statement
    /// Set when the command began on an empty paper table: the title index is dropped and this stands in for it.
    private let fresh: FreshPapers?

    private var buffer: [PreparedPaper] = []
    private var identities = PaperIdentities()
    private let newPapers = BulkInsert(table: "paper", columns: [
        "id", "ut", "eid", "pmid", "doi", "title", "titleKey", "journal", "journalAbbreviations", "issn", "eissn", "year",
        "documentType", "language", "authors", "addresses", "countries", "keywords", "abstract", "isNatureIndex",
        "natureIndexJournal", "natureIndexMatch", "batchId",
    ])
    private let newSources = BulkInsert(table: "paperSource", columns: [
        "paperId", "source", "recordKey", "file", "record", "line", "batchId",
    ])
    private let newTexts = BulkInsert(table: "fundingText", columns: ["paperId", "kind", "text"])
    /// The chunk's records that become new papers, by position in `buffer`, and their funding texts (position in
    /// `buffer`, paper id, position in the record's funding), written from `buffer` itself.
    private var unwritten: [(record: Int, id: Int64)] = []
    private var unwrittenTexts: [(record: Int, id: Int64, text: Int)] = []
    /// The id the next new paper gets; ids from `firstUnwritten` on are not written yet.
    private var nextId: Int64 = 0
    private var firstUnwritten: Int64 = 0
    /// Records per chunk: enough to amortise the lookups, small enough to keep memory flat.
    public static let chunkSize = 512

    init(db: Database, batchId: Int64, file: String, format: String, fresh: FreshPapers?) throws {
        self.db = db
        self.batchId = batchId
        self.fresh = fresh
        summary = PaperImportSummary(file: file, format: format)
        summary.batchId = batchId
        findSource = try db.makeStatement(sql: "SELECT 1 FROM paperSource WHERE paperId = ? AND source = ? AND recordKey = ?")
        insertSource = try db.makeStatement(sql: """
            INSERT INTO paperSource (paperId, source, recordKey, file, record, line, batchId) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        findFunding = try db.makeStatement(sql: "SELECT 1 FROM fundingText WHERE paperId = ? AND kind = ? AND text = ?")
        findStored = try db.makeStatement(sql: "SELECT \(Self.fillable.joined(separator: ", ")) FROM paper WHERE id = ?")
        flagNatureIndex = try db.makeStatement(sql: """
            UPDATE paper SET isNatureIndex = 1, natureIndexJournal = ?, natureIndexMatch = ? WHERE id = ? AND isNatureIndex = 0
            """)
        insertReject = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO reject (batchId, kind, file, row, reason, raw) VALUES (?, 'paper', ?, ?, ?, ?)
            """)
        // Ids are handed out here so a chunk's rows can be written together.
        nextId = try BulkInsert.nextId(in: "paper", db)
        firstUnwritten = nextId
    }

    /// Adds one record: it becomes a new paper, or is merged into the paper it duplicates, when its chunk is written.
    public func add(_ r: PaperRecord, natureIndex: NatureIndexFlag?) throws {
        try add(PreparedPaper(r, natureIndex: natureIndex))
    }

    /// `add(_:natureIndex:)` for a record prepared ahead, possibly on another thread.
    public func add(_ paper: PreparedPaper) throws {
        summary.records += 1
        buffer.append(paper)
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Writes the buffered records; `importPapers` calls it when the file ends.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        identities.removeAll()
        try identities.load(buffer.map(\.ids), minimumTitleLength: Self.minimumTitleKeyLength, fresh: fresh, db: db)
        // By index, not `for x in buffer`, which copies each record (a retain and a release per field).
        for i in buffer.indices {
            if let id = identities.match(buffer[i].ids, minimumTitleLength: Self.minimumTitleKeyLength) {
                // A duplicate of a paper not written yet: write those first, the merge reads the row.
                if id >= firstUnwritten { try writeNewPapers() }
                try merge(buffer[i], into: id)
            } else {
                insertNew(at: i)
            }
        }
        try writeNewPapers()
        // Freeing a chunk's records (a few dozen strings each) took 4% of this thread, the busier of the two.
        var spent: [PreparedPaper] = []
        spent.reserveCapacity(Self.chunkSize)
        swap(&spent, &buffer)
        Self.freeing.take(&spent)
    }

    private static let freeing = Disposal<[PreparedPaper]>()

    private static func recordKey(_ ids: PaperIdentities.Ids) -> String {
        ids.ut ?? ids.eid ?? ids.pmid ?? ids.doi ?? "title:\(ids.titleKey):\(ids.year.map(String.init) ?? "")"
    }

    private func insertNew(at i: Int) {
        let id = nextId
        nextId += 1
        unwritten.append((i, id))
        let funding = buffer[i].record.funding
        for (k, f) in funding.enumerated() where !f.text.isEmpty && !funding[..<k].contains(f) {
            unwrittenTexts.append((i, id, k))
        }
        identities.register(id, buffer[i].ids)
        fresh?.add(id, buffer[i].ids)
        summary.inserted += 1
        if buffer[i].natureIndex != nil { summary.natureIndex += 1 }
    }

    private func writeNewPapers() throws {
        guard !unwritten.isEmpty else { return }
        let (db, unwritten, texts, batchId) = (db, unwritten, unwrittenTexts, batchId)
        // Through a pointer, so each field is read in place: `let x = buffer[i]` copied the whole record through
        // its value witness, at 2 µs a copy.
        try buffer.withUnsafeBufferPointer { records in
            try newPapers.write(db, count: unwritten.count) { k, b in
                let i = unwritten[k].record
                b.bind(unwritten[k].id); b.bind(records[i].ids.ut); b.bind(records[i].ids.eid); b.bind(records[i].ids.pmid)
                b.bind(records[i].ids.doi); b.bind(records[i].record.title); b.bind(records[i].ids.titleKey)
                b.bind(records[i].record.journal); b.bind(records[i].abbreviations); b.bind(records[i].record.issn)
                b.bind(records[i].record.eissn); b.bind(records[i].record.year); b.bind(records[i].record.documentType)
                b.bind(records[i].record.language); b.bind(records[i].authors); b.bind(records[i].addresses)
                b.bind(records[i].countries); b.bind(records[i].keywords); b.bind(records[i].record.abstract)
                b.bind(records[i].natureIndex != nil); b.bind(records[i].natureIndex?.journal)
                b.bind(records[i].natureIndex?.matchedBy); b.bind(batchId)
            }
            try newSources.write(db, count: unwritten.count) { k, b in
                let i = unwritten[k].record
                b.bind(unwritten[k].id); b.bind(records[i].record.source.rawValue); b.bind(Self.recordKey(records[i].ids))
                b.bind(records[i].record.provenance.file); b.bind(records[i].record.provenance.record)
                b.bind(records[i].record.provenance.line); b.bind(batchId)
            }
            try newTexts.write(db, count: texts.count) { k, b in
                let t = texts[k]
                b.bind(t.id); b.bind(records[t.record].record.funding[t.text].kind.rawValue)
                b.bind(records[t.record].record.funding[t.text].text)
            }
        }
        self.unwritten.removeAll(keepingCapacity: true)
        unwrittenTexts.removeAll(keepingCapacity: true)
        firstUnwritten = nextId
    }

    /// Merges a record into a stored paper: fills what it lacks, adds the source row and new funding texts.
    private func merge(_ x: PreparedPaper, into id: Int64) throws {
        let r = x.record
        var changed = try fillMissing(paperId: id, from: x)
        if let flag = x.natureIndex {
            try flagNatureIndex.run(db) { b in b.bind(flag.journal); b.bind(flag.matchedBy); b.bind(id) }
            if db.changesCount > 0 {
                changed = true
                summary.natureIndex += 1
            }
        }
        let key = Self.recordKey(x.ids)
        if try findSource.run(db, { b in b.bind(id); b.bind(r.source.rawValue); b.bind(key) }) == nil {
            try insertSource.run(db) { b in
                b.bind(id); b.bind(r.source.rawValue); b.bind(key); b.bind(r.provenance.file); b.bind(r.provenance.record)
                b.bind(r.provenance.line); b.bind(batchId)
            }
            changed = true
        }
        var added: [FundingText] = []
        for f in r.funding where !f.text.isEmpty && !added.contains(f) {
            added.append(f)
            if try findFunding.run(db, { b in b.bind(id); b.bind(f.kind.rawValue); b.bind(f.text) }) != nil { continue }
            try db.cachedStatement(sql: "INSERT INTO fundingText (paperId, kind, text) VALUES (?, ?, ?)").run(db) { b in
                b.bind(id); b.bind(f.kind.rawValue); b.bind(f.text)
            }
            changed = true
        }
        if changed { summary.merged += 1 } else { summary.unchanged += 1 }
    }

    /// The columns a later record of a paper may fill when the stored one lacks them.
    private static let fillable = ["ut", "eid", "pmid", "doi", "journal", "issn", "eissn", "year", "documentType", "language",
                                   "abstract", "journalAbbreviations", "authors", "addresses", "countries", "keywords"]

    /// Fills identifiers and fields the stored paper lacks; true if anything was filled.
    private func fillMissing(paperId: Int64, from x: PreparedPaper) throws -> Bool {
        let r = x.record
        let values: [(any DatabaseValueConvertible)?] = [
            x.ids.ut, x.ids.eid, x.ids.pmid, x.ids.doi, r.journal, r.issn, r.eissn, r.year, r.documentType, r.language,
            r.abstract, x.abbreviations, x.authors, x.addresses, x.countries, x.keywords,
        ]
        // One read says which columns are empty, so re-importing a file writes nothing.
        guard let stored = try Row.fetchOne(findStored, arguments: [paperId]) else { return false }
        var filled = 0
        var ids = identities.stored(paperId)
        for (i, column) in Self.fillable.enumerated() where stored.hasNull(atIndex: i) {
            guard let value = values[i] else { continue }
            // A duplicate identifier on another paper would violate uniqueness: keep the first, say nothing is lost
            // because the record's source row still carries it.
            try db.cachedStatement(sql: "UPDATE OR IGNORE paper SET \(column) = ? WHERE id = ? AND \(column) IS NULL")
                .execute(arguments: [value, paperId])
            guard db.changesCount > 0 else { continue }
            filled += 1
            switch column {
            case "ut": ids?.ut = x.ids.ut
            case "eid": ids?.eid = x.ids.eid
            case "pmid": ids?.pmid = x.ids.pmid
            case "doi": ids?.doi = x.ids.doi
            case "year": ids?.year = r.year
            default: break
            }
        }
        // Later records must find the paper by the identifiers (and year) it just gained.
        if let ids {
            identities.register(paperId, ids)
            fresh?.add(paperId, ids)
        }
        return filled > 0
    }

    /// An identifier with surrounding spaces removed; `nil` when empty.
    static func identifier(_ s: String?) -> String? {
        guard let t = s?.trimmingSpaces, !t.isEmpty else { return nil }
        return t
    }

    /// A DOI in lower case without `https://doi.org/`, `http://dx.doi.org/` or `doi:` in front; `nil` when empty.
    public static func normalizedDOI(_ s: String?) -> String? {
        guard var t = identifier(s)?.lowercased() else { return nil }
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"]
        where t.hasPrefix(prefix) {
            t = String(t.dropFirst(prefix.count)).trimmingSpaces
            break
        }
        return t.isEmpty ? nil : t
    }

    /// Records a rejected record (truncated, malformed) with file, line and reason.
    public func reject(file: String, line: Int, reason: String, raw: String) throws {
        try insertReject.execute(arguments: [batchId, file, line, reason, String(raw.prefix(4000))])
        if db.changesCount > 0 { summary.rejected += 1 }
    }

    /// Shorter normalised titles are too generic to identify a paper.
    static let minimumTitleKeyLength = 20

    /// Lower-cased letters and digits (any script) only, so punctuation and case differences between exports vanish.
    public static func titleKey(_ title: String) -> String {
        // Fast path: an ASCII title needs no folding and no Unicode property lookups, which dominate otherwise.
        if title.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(title.utf8.count)
            for b in title.utf8 {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(b)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(b + 32)
                default: break
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(String.UnicodeScalarView(title.asciiFolded.lowercased().unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
    }

}

/// A paper record with everything worked out that needs no database (cleaned identifiers, title key, JSON columns),
/// so a reading thread can prepare records while the writing thread stores earlier ones.
public struct PreparedPaper: Sendable {
    let record: PaperRecord
    let ids: PaperIdentities.Ids
    let natureIndex: NatureIndexFlag?
    let abbreviations, authors, addresses, countries, keywords: String?

    public init(_ r: PaperRecord, natureIndex: NatureIndexFlag?) {
        // CSV exports give empty cells for missing identifiers; stored as "" they would collide as duplicates.
        var r = r
        (r.ut, r.eid, r.pmid) = (PaperImportSession.identifier(r.ut), PaperImportSession.identifier(r.eid),
                                 PaperImportSession.identifier(r.pmid))
        ids = PaperIdentities.Ids(doi: PaperImportSession.normalizedDOI(r.doi), ut: r.ut, eid: r.eid, pmid: r.pmid,
                                  titleKey: PaperImportSession.titleKey(r.title), year: r.year)
        self.natureIndex = natureIndex
        (abbreviations, authors, addresses) = (JSONText.array(r.journalAbbreviations), JSONText.array(r.authors),
                                               JSONText.array(r.addresses))
        (countries, keywords) = (JSONText.array(r.countries), JSONText.array(r.keywords))
        // The lists live on as the JSON above. Dropping them here frees their strings on the preparing thread,
        // not on the writer's, which is the busier one.
        (r.journalAbbreviations, r.authors, r.addresses, r.countries, r.keywords) = ([], [], [], [], [])
        record = r
    }
}

extension GrantDatabase {
    /// Imports one paper export, in `transaction` or else in a transaction of its own; a file that adds nothing
    /// leaves no batch behind.
    ///
    /// With `guarded` false (only inside `transaction`), the file has no savepoint of its own: an error leaves it
    /// half-written, and the caller must let the error end the transaction.
    public func importPapers(_ info: BatchInfo, in transaction: ImportTransaction? = nil, guarded: Bool = true,
                             _ body: (PaperImportSession) throws -> Void) throws -> PaperImportSummary
    {
        guard let transaction else { return try inImportTransaction { try importPapers(info, in: $0, body) } }
        let fresh = try transaction.freshPapers()
        return try importBatch(info, in: transaction, guarded: guarded) { db, batchId in
            let session = try PaperImportSession(db: db, batchId: batchId, file: info.file, format: info.format ?? "",
                                                 fresh: fresh)
            try body(session)
            try session.flush()
            let s = session.summary
            return (s, s.changedAnything, [s.inserted, s.merged, s.unchanged, s.rejected])
        }
    }
}
