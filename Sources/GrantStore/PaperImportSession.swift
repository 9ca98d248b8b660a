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
public final class PaperImportSession {
    let db: Database
    let batchId: Int64
    public private(set) var summary: PaperImportSummary
    private let findByDOI, findByUT, findByEID, findByPMID, findByTitle: Statement
    private let insertPaper, insertSource, insertFunding: Statement
    private let insertReject: Statement

    init(db: Database, batchId: Int64, file: String, format: String) throws {
        self.db = db
        self.batchId = batchId
        summary = PaperImportSummary(file: file, format: format)
        summary.batchId = batchId
        findByDOI = try db.makeStatement(sql: "SELECT id FROM paper WHERE doi = ?")
        findByUT = try db.makeStatement(sql: "SELECT id FROM paper WHERE ut = ?")
        findByEID = try db.makeStatement(sql: "SELECT id FROM paper WHERE eid = ?")
        findByPMID = try db.makeStatement(sql: "SELECT id FROM paper WHERE pmid = ?")
        // A title+year match must not join papers whose identifiers differ: generic titles ("Editorial",
        // "Reply") recur within a year.
        findByTitle = try db.makeStatement(sql: """
            SELECT id FROM paper WHERE titleKey = ? AND year IS ?
              AND (doi IS NULL OR ? IS NULL OR doi = ?) AND (ut IS NULL OR ? IS NULL OR ut = ?)
              AND (eid IS NULL OR ? IS NULL OR eid = ?) AND (pmid IS NULL OR ? IS NULL OR pmid = ?)
            LIMIT 1
            """)
        insertPaper = try db.makeStatement(sql: """
            INSERT INTO paper (ut, eid, pmid, doi, title, titleKey, journal, journalAbbreviations, issn, eissn, year,
              documentType, language, authors, addresses, countries, keywords, abstract, isNatureIndex,
              natureIndexJournal, natureIndexMatch, batchId)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertSource = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO paperSource (paperId, source, recordKey, file, record, line, batchId) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        insertFunding = try db.makeStatement(sql: "INSERT OR IGNORE INTO fundingText (paperId, kind, text) VALUES (?, ?, ?)")
        insertReject = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO reject (batchId, kind, file, row, reason, raw) VALUES (?, 'paper', ?, ?, ?, ?)
            """)
    }

    /// Adds one record: inserts a new paper, or merges it into the paper it duplicates.
    public func add(_ r: PaperRecord, natureIndex: NatureIndexFlag?) throws {
        summary.records += 1
        // CSV exports give empty cells for missing identifiers; stored as "" they would collide as duplicates.
        var r = r
        (r.ut, r.eid, r.pmid) = (Self.identifier(r.ut), Self.identifier(r.eid), Self.identifier(r.pmid))
        let doi = Self.normalizedDOI(r.doi)
        let titleKey = Self.titleKey(r.title)
        var id: Int64?
        for (stmt, value) in [(findByDOI, doi), (findByUT, r.ut), (findByEID, r.eid), (findByPMID, r.pmid)] {
            if let value, let found = try Int64.fetchOne(stmt, arguments: [value]) {
                id = found
                break
            }
        }
        // Titles shorter than this are too generic ("Editorial", "Reply") to identify a paper.
        if id == nil, titleKey.count >= Self.minimumTitleKeyLength {
            id = try Int64.fetchOne(findByTitle, arguments: StatementArguments(
                [titleKey, r.year] + [doi, r.ut, r.eid, r.pmid].flatMap { [$0, $0] } as [(any DatabaseValueConvertible)?]))
        }
        let recordKey = r.ut ?? r.eid ?? r.pmid ?? doi ?? "title:\(titleKey):\(r.year.map(String.init) ?? "")"
        var changed = false
        let paperId: Int64
        if let existing = id {
            paperId = existing
            changed = try fillMissing(paperId: existing, from: r, doi: doi)
            if let natureIndex, try flagNatureIndex(paperId: existing, natureIndex) {
                changed = true
                summary.natureIndex += 1
            }
        } else {
            try insertPaper.execute(arguments: [
                r.ut, r.eid, r.pmid, doi, r.title, titleKey, r.journal, Self.json(r.journalAbbreviations), r.issn, r.eissn,
                r.year, r.documentType, r.language, Self.json(r.authors), Self.json(r.addresses), Self.json(r.countries),
                Self.json(r.keywords), r.abstract, natureIndex != nil, natureIndex?.journal, natureIndex?.matchedBy, batchId,
            ])
            paperId = db.lastInsertedRowID
            summary.inserted += 1
            if natureIndex != nil { summary.natureIndex += 1 }
        }
        try insertSource.execute(arguments: [paperId, r.source.rawValue, recordKey, r.provenance.file, r.provenance.record,
                                             r.provenance.line, batchId])
        changed = changed || db.changesCount > 0
        for f in r.funding where !f.text.isEmpty {
            try insertFunding.execute(arguments: [paperId, f.kind.rawValue, f.text])
            changed = changed || db.changesCount > 0
        }
        if id != nil {
            if changed { summary.merged += 1 } else { summary.unchanged += 1 }
        }
    }

    /// Fills identifiers and fields the stored paper lacks; true if anything was filled.
    private func fillMissing(paperId: Int64, from r: PaperRecord, doi: String?) throws -> Bool {
        let pairs: [(String, (any DatabaseValueConvertible)?)] = [
            ("ut", r.ut), ("eid", r.eid), ("pmid", r.pmid), ("doi", doi), ("journal", r.journal), ("issn", r.issn),
            ("eissn", r.eissn), ("year", r.year), ("documentType", r.documentType), ("language", r.language),
            ("abstract", r.abstract), ("journalAbbreviations", Self.json(r.journalAbbreviations)),
            ("authors", Self.json(r.authors)), ("addresses", Self.json(r.addresses)), ("countries", Self.json(r.countries)),
            ("keywords", Self.json(r.keywords)),
        ]
        var filled = 0
        for (column, value) in pairs {
            guard let value else { continue }
            // A duplicate identifier on another paper would violate uniqueness: keep the first, say nothing is lost
            // because the record's source row still carries it.
            try db.execute(sql: """
                UPDATE OR IGNORE paper SET \(column) = ? WHERE id = ? AND \(column) IS NULL
                """, arguments: [value, paperId])
            filled += db.changesCount
        }
        return filled > 0
    }

    /// Flags a stored paper as Nature Index when a later source of it matched the catalog (an earlier one, e.g.
    /// CNKI without ISSN, may not have); true if the flag was newly set.
    private func flagNatureIndex(paperId: Int64, _ flag: NatureIndexFlag) throws -> Bool {
        try db.execute(sql: """
            UPDATE paper SET isNatureIndex = 1, natureIndexJournal = ?, natureIndexMatch = ? WHERE id = ? AND isNatureIndex = 0
            """, arguments: [flag.journal, flag.matchedBy, paperId])
        return db.changesCount > 0
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
        String(String.UnicodeScalarView(title.asciiFolded.lowercased().unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
    }

    static func json(_ list: [String]) -> String? { JSONText.array(list) }
}

extension GrantDatabase {
    /// Imports one paper export in one transaction; a file that adds nothing leaves no batch behind.
    public func importPapers(_ info: BatchInfo, _ body: (PaperImportSession) throws -> Void) throws -> PaperImportSummary {
        try importBatch(info) { db, batchId in
            let session = try PaperImportSession(db: db, batchId: batchId, file: info.file, format: info.format ?? "")
            try body(session)
            let s = session.summary
            return (s, s.changedAnything, [s.inserted, s.merged, s.unchanged, s.rejected])
        }
    }
}
