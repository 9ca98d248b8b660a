import Foundation
import GRDB
import GrantModel

/// The SQLite store: one file, WAL mode, named migrations. Analysts can query it with any SQLite tool.
public final class GrantDatabase: Sendable {
    public let pool: DatabasePool
    public let path: String

    /// Opens (creating if needed) the database at `path` and brings its schema up to date, waiting up to
    /// `busyTimeout` seconds for another process's write to end.
    public init(path: String, busyTimeout: TimeInterval = 10) throws {
        self.path = path
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: dir.path) {
            do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
                throw StoreError.cannotOpen(path: path, detail: "cannot create its folder: \(fileErrorReason(error))")
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // Imports and linking touch indexes all over the file; the 2 MB default cache turns that into
            // reads and writes. Readers mostly scan, which the OS's page cache serves as well, and a large cache
            // per reader only added to a report's memory. NORMAL is safe in WAL mode: a crash loses at most the last
            // commit, never atomicity. Checkpointing every 4096 pages (64 MB at 16 KiB, 16 MB in an older 4 KiB
            // store) rather than 1000 copies an index page once for many commits.
            // A new store gets 16 KiB pages (SQLite ignores this for an existing one): a bulk write then makes a
            // quarter of the page splits, page writes and system calls, which cut a 600k-paper import by 15%.
            let cacheKiB = db.configuration.readonly ? 8192 : 65536
            try db.execute(sql: """
                PRAGMA page_size = 16384; PRAGMA cache_size = -\(cacheKiB); PRAGMA synchronous = NORMAL;
                PRAGMA wal_autocheckpoint = 4096
                """)
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try GrantDatabase.migrator.migrate(pool)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            // Most likely an import or `link` in another process, which holds the file until it commits.
            throw StoreError.cannotOpen(path: path, detail: "it is locked by another process (an import or `grants link` "
                                        + "holds it until it finishes); try again then")
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, detail: error.message ?? "\(error)")
        }
    }

    /// Writes in one immediate transaction with foreign-key checks off, for the bulk writers (imports and `link`).
    ///
    /// Every reference they write is an id they created or read in the same transaction, and they delete no parent
    /// row, so the checks (a parent-table lookup per reference, a third of a link's time) could not fail; the store
    /// tests run `PRAGMA foreign_key_check` after them to keep it so.
    ///
    /// It runs under a rollback journal when it can (see `BulkJournal`), so the pool's idle readers are closed first.
    func bulkWrite<T>(_ body: (Database) throws -> T) throws -> T {
        var result: T?
        pool.releaseMemory()
        try pool.writeWithoutTransaction { db in
            // Both pragmas are no-ops inside a transaction, so they are set around it.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            let journal = try BulkJournal.enter(db)
            defer { journal.leave(db) }
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
        }
        return result!
    }

    /// Frees SQLite's page caches, for a caller about to need the memory for something else.
    public func releaseMemory() { pool.releaseMemory() }

    /// The path used when neither `--db` nor `GRANTS_DB` is given.
    public static let defaultPath = "grants.sqlite"

    /// Resolves the database path: explicit option, else `GRANTS_DB`, else `./grants.sqlite`.
    public static func resolvePath(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return option }
        if let env = environment["GRANTS_DB"], !env.isEmpty { return env }
        return defaultPath
    }
}
