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
/// Created by `GrantDatabase.importGrants`; not meant to outlive that call.
public final class GrantImportSession {
    let db: Database
    let batchId: Int64
    let strict: Bool
    public internal(set) var summary: ImportSummary
    private let insert: StatementBinder
    /// Prepared on the first changed row (a fresh import never needs it).
    private var update: StatementBinder?
    private let select: Statement
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
        let cols = GrantColumns.content + GrantColumns.provenance
        insert = try StatementBinder(db.makeStatement(sql: """
            INSERT INTO "grant" (number, \(cols.joined(separator: ", ")))
            VALUES (?, \(Array(repeating: "?", count: cols.count).joined(separator: ", ")))
            ON CONFLICT(number) DO NOTHING
            """))
        select = try db.makeStatement(sql: """
            SELECT id, batchId, sourceRow, \(GrantColumns.content.joined(separator: ", ")) FROM "grant" WHERE number = ?
            """)
        insertReject = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO reject (batchId, kind, file, sheet, row, reason, raw) VALUES (?, 'grant', ?, ?, ?, ?, ?)
            """)
        insertHistory = try db.makeStatement(sql: """
            INSERT INTO grantHistory (grantId, batchId, field, oldValue, newValue) VALUES (?, ?, ?, ?, ?)
            """)
    }

    /// Inserts the grant, or updates it if a previous import had different values.
    public func upsert(_ grant: Grant, origin: RowOrigin) throws {
        try upsert(PreparedGrant(grant), origin: origin)
    }

    /// `upsert(_:origin:)` for a grant whose column values were computed ahead, possibly on another thread.
    public func upsert(_ prepared: PreparedGrant, origin: RowOrigin) throws {
        let (grant, content) = (prepared.grant, prepared.content)
        let provenance = [origin.file.databaseValue, origin.sheet.databaseValue, origin.row.databaseValue,
                          batchId.databaseValue]
        insert.bind(CollectionOfOne(grant.number.databaseValue), from: 1)
        insert.bind(content, from: 2)
        insert.bind(provenance, from: CInt(2 + content.count))
        try insert.execute()
        if db.changesCount > 0 {
            summary.inserted += 1
            noteProject(of: grant)
            return
        }
        guard let existing = try Row.fetchOne(select, arguments: [grant.number]) else { return }
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
        let update = try self.update ?? StatementBinder(db.makeStatement(sql: """
            UPDATE "grant" SET \((GrantColumns.content + GrantColumns.provenance).map { "\($0) = ?" }.joined(separator: ", "))
            WHERE id = ?
            """))
        self.update = update
        update.bind(content, from: 1)
        update.bind(provenance + [id.databaseValue], from: CInt(1 + content.count))
        try update.execute()
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

/// A grant with its column values computed, so that a reading thread can do that work ahead of the writing one.
public struct PreparedGrant: Sendable {
    public let grant: Grant
    let content: [DatabaseValue]

    public init(_ grant: Grant) {
        self.grant = grant
        content = GrantColumns.values(of: grant)
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

    static func values(of g: Grant) -> [DatabaseValue] {
        let notes = JSONText.array(g.notes)
        return [
            g.funder.rawValue.databaseValue, g.title.databaseValue, g.pi.databaseValue, g.institution.databaseValue,
            g.fundingType.databaseValue, g.fundingTypeSource?.rawValue.databaseValue ?? .null,
            g.applicationCode.databaseValue, g.department.databaseValue,
            g.departmentSource?.rawValue.databaseValue ?? .null, g.year.databaseValue,
            g.yearSource?.rawValue.databaseValue ?? .null, g.amountYuan.databaseValue, g.amountRaw.databaseValue,
            g.amountUnit.databaseValue, g.period.databaseValue, g.keywords.databaseValue, g.abstract.databaseValue,
            g.extra.databaseValue, g.projectNumber.databaseValue, g.isPlaceholder.databaseValue, notes.databaseValue,
        ]
    }
}
