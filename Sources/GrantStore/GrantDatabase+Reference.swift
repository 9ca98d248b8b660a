import Foundation
import GRDB
import GrantModel

/// Reference data the user adds: school rosters and newer Nature Index journal lists.
extension GrantDatabase {
    /// One roster line: a PI (with institution, when known) and the school they belong to.
    public struct RosterEntry: Sendable {
        public var name: String
        public var institution: String?
        public var school: String
        public var row: Int
        public init(name: String, institution: String?, school: String, row: Int) {
            self.name = name
            self.institution = institution
            self.school = school
            self.row = row
        }
    }

    /// Replaces or adds roster entries from one file in one transaction; returns (inserted, updated, unchanged).
    public func importRoster(file: String, entries: [RosterEntry], rejects: [(row: Int, reason: String, raw: String)])
        throws -> ImportSummary
    {
        try importGrants(BatchInfo(kind: "roster", file: file)) { session in
            for r in rejects { try session.reject(origin: RowOrigin(file: file, sheet: nil, row: r.row), reason: r.reason, raw: r.raw) }
            try session.upsertRoster(entries)
        }
    }

    /// Stores a journal list added with `grants journals import` (its CSV text, validated by the caller).
    public func addJournalList(csv: String, fromYear: Int) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: ["journals.list.\(fromYear)", csv])
        }
    }

    /// User-added journal lists as (first year in force, CSV text), oldest first.
    public func journalLists() throws -> [(fromYear: Int, csv: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key LIKE 'journals.list.%'").compactMap { r in
                let key: String = r[0]
                return Int(key.dropFirst("journals.list.".count)).map { ($0, r[1] as String) }
            }.sorted { $0.fromYear < $1.fromYear }
        }
    }

    /// Recomputes every paper's Nature Index flag (after a journal list changed); returns how many papers are NI.
    public func reflagNatureIndex(
        _ match: (_ issn: String?, _ eissn: String?, _ journal: String?, _ abbreviations: [String], _ year: Int?) -> NatureIndexFlag?
    ) throws -> Int {
        try pool.write { db in
            let update = try db.makeStatement(sql: """
                UPDATE paper SET isNatureIndex = ?, natureIndexJournal = ?, natureIndexMatch = ? WHERE id = ?
                """)
            var count = 0
            let rows = try Row.fetchAll(db, sql: "SELECT id, issn, eissn, journal, journalAbbreviations, year FROM paper")
            for r in rows {
                let flag = match(r[1], r[2], r[3], Self.decodeList(r[4]), r[5])
                if flag != nil { count += 1 }
                try update.execute(arguments: [flag != nil, flag?.journal, flag?.matchedBy, r[0] as Int64])
            }
            return count
        }
    }
}

extension GrantImportSession {
    /// Roster rows share the grant session's batch, reject and summary handling.
    func upsertRoster(_ entries: [GrantDatabase.RosterEntry]) throws {
        let upsert = try db.makeStatement(sql: """
            INSERT INTO rosterEntry (name, institution, school, batchId) VALUES (?, ?, ?, ?)
            ON CONFLICT(name, institution) DO UPDATE SET school = excluded.school, batchId = excluded.batchId
            WHERE school IS NOT excluded.school
            """)
        for e in entries {
            // '' rather than NULL for "any institution", so the unique index holds.
            let institution = e.institution ?? ""
            let existed = try Bool.fetchOne(db, sql: "SELECT 1 FROM rosterEntry WHERE name = ? AND institution = ?",
                                            arguments: [e.name, institution]) ?? false
            try upsert.execute(arguments: [e.name, institution, e.school, batchId])
            let changed = db.changesCount > 0
            if !existed { summary.inserted += 1 } else if changed { summary.updated += 1 } else { summary.unchanged += 1 }
        }
    }
}
