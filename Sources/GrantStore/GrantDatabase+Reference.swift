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

    /// A journal list added with `grants journals import`.
    public struct JournalListEntry: Sendable {
        public var name: String
        public var issn: String?
        public var eissn: String?
        public var subject: String?
        public init(name: String, issn: String?, eissn: String?, subject: String?) {
            self.name = name
            self.issn = issn
            self.eissn = eissn
            self.subject = subject
        }
    }

    public func addJournalList(name: String, fromYear: Int, entries: [JournalListEntry]) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM journalListEntry WHERE listName = ?", arguments: [name])
            for e in entries {
                try db.execute(sql: """
                    INSERT INTO journalListEntry (listName, fromYear, name, issn, eissn, subject) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [name, fromYear, e.name, e.issn, e.eissn, e.subject])
            }
        }
    }

    /// User-added journal lists: name, first year in force, and entries.
    public func journalLists() throws -> [(name: String, fromYear: Int, entries: [JournalListEntry])] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT listName, fromYear, name, issn, eissn, subject FROM journalListEntry ORDER BY listName, id")
            var lists: [(name: String, fromYear: Int, entries: [JournalListEntry])] = []
            for r in rows {
                let e = JournalListEntry(name: r[2], issn: r[3], eissn: r[4], subject: r[5])
                if lists.last?.name == (r[0] as String) { lists[lists.count - 1].entries.append(e) } else {
                    lists.append((r[0], r[1], [e]))
                }
            }
            return lists
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
