import Foundation
import GRDB
import GrantModel

/// What one file's import did.
public struct ImportSummary: Codable, Sendable, Equatable {
    public var file: String
    public var batchId: Int64?
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0
    /// Rows repeating an earlier row of the same file with identical values.
    public var duplicatesInFile = 0
    /// Key R&D projects created as placeholders for imported sub-projects.
    public var placeholders = 0
    /// Fields changed, by field name, over all updated rows.
    public var changedFields: [String: Int] = [:]

    public init(file: String) { self.file = file }
    public var changedAnything: Bool { inserted + updated + rejected + placeholders > 0 }
}

/// Where a row came from, for provenance and reject reports.
public struct RowOrigin: Sendable {
    public var file: String
    public var sheet: String?
    public var row: Int
    public init(file: String, sheet: String?, row: Int) {
        self.file = file
        self.sheet = sheet
        self.row = row
    }
}

/// Writes one file's grants inside a single transaction with prepared statements.
///
/// Grants go to the table in multi-row `INSERT OR IGNORE`s, which cost SQLite a fraction of one statement per row.
/// A row the insert skips has a number already stored (by an earlier import, or earlier in this file), and is then
/// compared with that row: unchanged, updated with history, or a conflicting duplicate. Nothing is held per row, so
/// memory stays flat however long the file.
///
/// Created by `GrantDatabase.importGrants`; not meant to outlive that call.
public final class GrantImportSession {
    let db: Database
    let batchId: Int64
    let strict: Bool
    public internal(set) var summary: ImportSummary
    private let insert: BulkInsert
    /// Grants waiting for `insert`, in file order.
    private var pending: [(grant: Grant, origin: RowOrigin)] = []
    private static let rowsPerWrite = 256
    /// Prepared on the first changed row (a fresh import never needs it).
    private var update: Statement?
    private let select: Statement
    /// Whether a row of this file is the one stored under its number.
    private let storedFromRow: Statement
    private let insertReject: Statement
    private let insertHistory: Statement
    /// Set when the grant table was empty: its indexes are rebuilt once at the end instead of row by row.
    private let droppedIndexes: SecondaryIndexes?
    /// Sub-project → project numbers seen in this file, checked for placeholders at the end.
    private var projectNumbers: [String: (year: Int?, programme: String?)] = [:]
    /// Number → row of this file that confirmed it unchanged. Rows this file inserted or updated carry its batch and
    /// row in the table itself; unchanged rows stay on their old batch, and a re-import must still see its own
    /// duplicates. Kept apart so a fresh import holds nothing per row in memory.
    private var unchangedRows: [String: Int] = [:]

    init(db: Database, batchId: Int64, file: String, strict: Bool) throws {
        self.db = db
        self.batchId = batchId
        self.strict = strict
        self.summary = ImportSummary(file: file)
        summary.batchId = batchId
        droppedIndexes = try SecondaryIndexes.dropIfEmpty("grant", in: db)
        insert = BulkInsert(table: "grant", columns: GrantColumns.all, conflict: .ignore)
        select = try db.makeStatement(sql: """
            SELECT id, batchId, sourceRow, \(GrantColumns.content.joined(separator: ", ")) FROM "grant" WHERE number = ?
            """)
        storedFromRow = try db.makeStatement(sql: """
            SELECT 1 FROM "grant" WHERE number = ? AND batchId = ? AND sourceRow = ?
            """)
        insertReject = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO reject (batchId, kind, file, sheet, row, reason, raw) VALUES (?, 'grant', ?, ?, ?, ?, ?)
            """)
        insertHistory = try db.makeStatement(sql: """
            INSERT INTO grantHistory (grantId, batchId, field, oldValue, newValue) VALUES (?, ?, ?, ?, ?)
            """)
    }

    /// Inserts the grant, or updates it if a previous import had different values. The row may wait for the next
    /// multi-row write; `finish()` writes the last ones.
    public func upsert(_ grant: Grant, origin: RowOrigin) throws {
        pending.append((grant, origin))
        if pending.count >= Self.rowsPerWrite { try writePending() }
    }

    /// Inserts the waiting rows, then compares each one the insert skipped with the stored row, in file order.
    private func writePending() throws {
        let before = db.totalChangesCount
        try insert.write(db, count: pending.count) { [batchId] k, b in
            GrantColumns.write(pending[k].grant, origin: pending[k].origin, batchId: batchId, to: &b)
        }
        let inserted = db.totalChangesCount - before
        summary.inserted += inserted
        for (grant, origin) in pending {
            // When only some rows went in, the stored row's batch and source row tell which.
            let wasInserted = try inserted == pending.count
                || (inserted > 0 && Bool.fetchOne(storedFromRow, arguments: [grant.number, batchId, origin.row]) != nil)
            if wasInserted { noteProject(of: grant) } else { try compareWithStored(grant, origin: origin) }
        }
        pending.removeAll(keepingCapacity: true)
    }

    private func compareWithStored(_ grant: Grant, origin: RowOrigin) throws {
        let content = GrantColumns.values(of: grant)
        guard let existing = try Row.fetchOne(select, arguments: [grant.number]) else {
            // Skipped for something other than its number: inserting it alone makes SQLite name what.
            var row = ValueList()
            GrantColumns.write(grant, origin: origin, batchId: batchId, to: &row)
            try db.execute(sql: """
                INSERT INTO "grant" (\(GrantColumns.all.joined(separator: ", ")))
                VALUES (\(Array(repeating: "?", count: row.values.count).joined(separator: ", ")))
                """, arguments: StatementArguments(row.values))
            summary.inserted += 1
            noteProject(of: grant)
            return
        }
        let id: Int64 = existing[0]
        // Columns 0…2 are id, batchId and sourceRow; the content columns follow in `GrantColumns.content` order.
        let changed = GrantColumns.content.indices.compactMap { i -> (String, DatabaseValue, DatabaseValue)? in
            let old: DatabaseValue = existing[3 + i]
            return old == content[i] ? nil : (GrantColumns.content[i], old, content[i])
        }
        // The stored row now holds this file's first occurrence, so compare against it.
        let storedBatch: Int64? = existing[1]
        let firstRow: Int? = storedBatch == batchId ? existing[2] : unchangedRows[grant.number]
        if let firstRow {
            if changed.isEmpty {
                summary.duplicatesInFile += 1
            } else {
                let fields = changed.map(\.0).joined(separator: ", ")
                try reject(origin: origin, reason: "duplicate number \(grant.number) with conflicting values (\(fields)) — first seen at row \(firstRow)",
                           raw: grant.number)
            }
            return
        }
        if changed.isEmpty {
            unchangedRows[grant.number] = origin.row
            summary.unchanged += 1
            return
        }
        let update = try self.update ?? db.makeStatement(sql: """
            UPDATE "grant" SET \(GrantColumns.all.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?
            """)
        self.update = update
        try update.run(db) { [batchId] b in
            GrantColumns.write(grant, origin: origin, batchId: batchId, to: &b, withNumber: false)
            b.bind(id)
        }
        for (field, old, new) in changed {
            summary.changedFields[field, default: 0] += 1
            try insertHistory.execute(arguments: [id, batchId, field, old.description(), new.description()])
        }
        summary.updated += 1
        noteProject(of: grant)
    }

    /// Stores the column mapping the import used on its batch record.
    public func setMapping(_ json: String) throws {
        try db.execute(sql: "UPDATE importBatch SET mapping = ? WHERE id = ?", arguments: [json, batchId])
    }

    /// Records a rejected row. With `strict`, stops the import (and the transaction rolls back).
    public func reject(origin: RowOrigin, reason: String, raw: String) throws {
        if strict { throw StoreError.strictReject(file: origin.file, row: origin.row, reason: reason) }
        try insertReject.execute(arguments: [batchId, origin.file, origin.sheet, origin.row, reason, raw])
        if db.changesCount > 0 { summary.rejected += 1 }
    }

    private func noteProject(of grant: Grant) {
        if let project = grant.projectNumber { projectNumbers[project] = (grant.year, grant.department) }
    }

    /// Creates placeholder project rows for sub-projects whose project was never imported, and rebuilds the indexes
    /// dropped for a bulk load.
    func finish() throws {
        try writePending()
        let insertPlaceholder = try db.makeStatement(sql: """
            INSERT INTO "grant" (number, funder, department, departmentSource, year, yearSource, isPlaceholder, notes, batchId)
            VALUES (?, 'nkrdpc', ?, 'inferred', ?, 'inferred', 1, ?, ?)
            ON CONFLICT(number) DO NOTHING
            """)
        for (project, facts) in projectNumbers.sorted(by: { $0.key < $1.key }) {
            try insertPlaceholder.execute(arguments: [
                project, facts.programme, facts.year,
                "[\"placeholder: project not in any imported list; created for its sub-projects\"]", batchId,
            ])
            summary.placeholders += db.changesCount
        }
        try droppedIndexes?.rebuild(in: db)
    }
}

private extension DatabaseValue {
    func description() -> String? {
        switch storage {
        case .null: nil
        case .int64(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): s
        case .blob(let b): b.base64EncodedString()
        }
    }
}

/// The grant table's columns in one place, so insert, select, compare and update agree.
enum GrantColumns {
    static let content = [
        "funder", "title", "pi", "institution", "fundingType", "fundingTypeSource", "applicationCode",
        "department", "departmentSource", "year", "yearSource", "amountYuan", "amountRaw", "amountUnit",
        "period", "keywords", "abstract", "extra", "projectNumber", "isPlaceholder", "notes",
    ]
    static let provenance = ["sourceFile", "sourceSheet", "sourceRow", "batchId"]
    /// What `write(_:origin:batchId:to:)` writes.
    static let all = ["number"] + content + provenance

    static func values(of g: Grant) -> [DatabaseValue] {
        var list = ValueList()
        write(g, to: &list)
        return list.values
    }

    /// The columns of `all`, in order; without the number when `withNumber` is false.
    static func write(_ g: Grant, origin: RowOrigin, batchId: Int64, to sink: inout some ValueSink, withNumber: Bool = true) {
        if withNumber { sink.bind(g.number) }
        write(g, to: &sink)
        sink.bind(origin.file); sink.bind(origin.sheet); sink.bind(origin.row); sink.bind(batchId)
    }

    /// The `content` columns of `g`, in order.
    static func write(_ g: Grant, to sink: inout some ValueSink) {
        sink.bind(g.funder.rawValue); sink.bind(g.title); sink.bind(g.pi); sink.bind(g.institution)
        sink.bind(g.fundingType); sink.bind(g.fundingTypeSource?.rawValue); sink.bind(g.applicationCode)
        sink.bind(g.department); sink.bind(g.departmentSource?.rawValue); sink.bind(g.year)
        sink.bind(g.yearSource?.rawValue); sink.bind(g.amountYuan); sink.bind(g.amountRaw); sink.bind(g.amountUnit)
        sink.bind(g.period); sink.bind(g.keywords); sink.bind(g.abstract); sink.bind(g.extra)
        sink.bind(g.projectNumber); sink.bind(g.isPlaceholder); sink.bind(JSONText.array(g.notes))
    }
}
