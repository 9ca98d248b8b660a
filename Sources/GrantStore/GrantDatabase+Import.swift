import Foundation
import GRDB
import GrantModel

extension GrantDatabase {
    /// Describes the file being imported, for the batch record.
    public struct BatchInfo: Sendable {
        public var kind: String
        public var file: String
        public var sheet: String?
        public var format: String?
        public var encoding: String?
        public var options: String?
        public var mapping: String?
        public init(kind: String, file: String, sheet: String? = nil, format: String? = nil, encoding: String? = nil,
                    options: String? = nil, mapping: String? = nil)
        {
            self.kind = kind
            self.file = file
            self.sheet = sheet
            self.format = format
            self.encoding = encoding
            self.options = options
            self.mapping = mapping
        }
    }

    /// Runs several file imports in one immediate transaction: a command's files are kept together, or, after a
    /// kill or a failed commit, not at all. Each file still gets its own batch and summary, and a file that cannot
    /// be read is rolled back alone (see `importBatch`).
    ///
    /// One commit instead of one per file is what keeps a large import linear: every commit rewrites the index
    /// pages the file touched, and with hundreds of small export files that was most of the writing.
    public func inImportTransaction<T>(_ body: (ImportTransaction) throws -> T) throws -> T {
        try bulkWrite { db in
            let transaction = ImportTransaction(db: db)
            let result = try body(transaction)
            try transaction.finish()
            return result
        }
    }

    /// Imports one file's grants, in `transaction` or else in a transaction of its own.
    ///
    /// `body` streams the rows into the session. If it throws (or the process dies), nothing is kept.
    /// If the file changes nothing (a re-import), the batch itself is rolled back too, so a re-import leaves no trace.
    public func importGrants(_ info: BatchInfo, strict: Bool = false, in transaction: ImportTransaction? = nil,
                             _ body: (GrantImportSession) throws -> Void) throws -> ImportSummary
    {
        try importBatch(info, in: transaction) { db, batchId in
            let session = try GrantImportSession(db: db, batchId: batchId, file: info.file, strict: strict)
            try body(session)
            try session.finish()
            let s = session.summary
            return (s, s.changedAnything, [s.inserted, s.updated, s.unchanged, s.rejected])
        }
    }

    /// Runs one file's import with its batch row, inside `transaction` or a new immediate one.
    ///
    /// `work` returns the summary, whether anything changed, and the batch's counts (inserted, updated, unchanged,
    /// rejected). When nothing changed, the file leaves no trace, batch included.
    ///
    /// `guarded` runs it in a savepoint, so that a failure rolls back this file alone. Unguarded is for a caller that
    /// has read the whole file before writing it, so that only the database itself can fail, and that failure
    /// ends the transaction: a savepoint first copies every page the file changes to a sub-journal, which for
    /// 500-record exports into a large store was gigabytes of writes.
    func importBatch<Summary: BatchSummary>(
        _ info: BatchInfo, in transaction: ImportTransaction?, guarded: Bool = true,
        _ work: (Database, Int64) throws -> (Summary, changed: Bool, counts: [Int])
    ) throws -> Summary {
        guard let transaction else { return try inImportTransaction { try Self.importBatch(info, db: $0.db, work) } }
        return try guarded ? Self.importBatch(info, db: transaction.db, work)
            : Self.importBatchWithoutSavepoint(info, db: transaction.db, work)
    }

    private static func importBatchWithoutSavepoint<Summary: BatchSummary>(
        _ info: BatchInfo, db: Database, _ work: (Database, Int64) throws -> (Summary, changed: Bool, counts: [Int])
    ) throws -> Summary {
        let sequence = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'importBatch'")
        let batchId = try insertBatch(info, db: db)
        var (summary, changed, counts) = try work(db, batchId)
        if changed {
            try recordCounts(counts, batchId: batchId, db: db)
            return summary
        }
        // What a savepoint's rollback would have done: no batch row, and its id not used up.
        try db.execute(sql: "DELETE FROM importBatch WHERE id = ?", arguments: [batchId])
        if let sequence {
            try db.execute(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = 'importBatch'", arguments: [sequence])
        } else {
            try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name = 'importBatch'")
        }
        summary.batchId = nil
        return summary
    }

    private static func recordCounts(_ counts: [Int], batchId: Int64, db: Database) throws {
        try db.execute(sql: "UPDATE importBatch SET inserted = ?, updated = ?, unchanged = ?, rejected = ? WHERE id = ?",
                       arguments: StatementArguments(counts + [Int(batchId)]))
    }

    private static func importBatch<Summary: BatchSummary>(
        _ info: BatchInfo, db: Database, _ work: (Database, Int64) throws -> (Summary, changed: Bool, counts: [Int])
    ) throws -> Summary {
        var result: Summary?
        try db.inSavepoint {
            let batchId = try insertBatch(info, db: db)
            var (summary, changed, counts) = try work(db, batchId)
            guard changed else {
                summary.batchId = nil
                result = summary
                return .rollback
            }
            try recordCounts(counts, batchId: batchId, db: db)
            result = summary
            return .commit
        }
        guard let result else { throw StoreError.invalidQuery("import of \(info.file) produced no summary") }
        return result
    }

    static func insertBatch(_ info: BatchInfo, db: Database) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO importBatch (kind, file, sheet, format, encoding, options, mapping, startedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [info.kind, info.file, info.sheet, info.format, info.encoding, info.options, info.mapping, Date()])
        return db.lastInsertedRowID
    }
}

/// The open transaction of `GrantDatabase.inImportTransaction`, for the imports to run in.
public final class ImportTransaction {
    fileprivate let db: Database
    /// Decided by the first paper file: `.some(nil)` when the store already had papers.
    private var fresh: FreshPapers??

    fileprivate init(db: Database) { self.db = db }

    /// The title map and identifier filter standing in for look-ups in the store, if the command began on an empty
    /// paper table.
    func freshPapers() throws -> FreshPapers? {
        if let fresh { return fresh }
        let started = try FreshPapers.startIfEmpty(db)
        fresh = .some(started)
        return started
    }

    /// Rebuilds what the command's imports dropped, before it commits.
    fileprivate func finish() throws {
        try fresh??.finish(db)
    }
}

/// A per-file import summary that knows its batch (nil when a no-op import was rolled back).
protocol BatchSummary {
    var batchId: Int64? { get set }
}

extension ImportSummary: BatchSummary {}
extension PaperImportSummary: BatchSummary {}
