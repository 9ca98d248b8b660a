import GRDB

/// The journal a bulk write (an import or `link`) runs under: a rollback journal when the store can be had alone,
/// else the store's usual WAL.
///
/// WAL writes every changed page twice, to the log and again to the file at the checkpoint, and every page read
/// in a long transaction is first looked up in the log's index. A rollback journal keeps a copy of only the pages
/// that existed before the transaction and writes the rest once, in place; a load that mostly appends writes half
/// as much (a 600k-paper import took 41 s instead of 54). Atomicity is the same: a failure or a kill leaves a hot
/// journal that SQLite plays back, truncating the file, before anyone reads it. The price is that readers in other
/// processes wait (up to the busy timeout) while the write holds the file, as they would for any rollback-journal
/// writer; the store goes back to WAL when the write ends.
struct BulkJournal {
    /// Sets `synchronous` back to the store's own setting; nil when the switch was refused (another connection has
    /// the store open), so the write runs in WAL.
    private let restoreSynchronous: (() -> Void)?

    /// Switches `db` to a rollback journal if no other connection has the file open. It must be called outside
    /// a transaction, with the pool's idle readers closed.
    static func enter(_ db: Database) throws -> BulkJournal {
        // Another process holding the file makes the switch fail at once rather than after the busy timeout:
        // it is only an optimisation, so it should not cost a wait.
        let restoreTimeout = try db.temporarily(set: "busy_timeout", to: 0)
        defer { restoreTimeout() }
        guard (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")) == "delete" else {
            return BulkJournal(restoreSynchronous: nil)
        }
        // WAL's NORMAL is not power-safe with a rollback journal; FULL (2) adds a sync per cache spill and at commit.
        return BulkJournal(restoreSynchronous: try db.temporarily(set: "synchronous", to: 2))
    }

    /// Puts the store back in WAL mode. If another process has opened the file meanwhile, the switch waits for it
    /// up to the busy timeout and may fail; the store then stays in rollback mode until it is next opened, which
    /// sets WAL again, so the failure is harmless and not reported.
    func leave(_ db: Database) {
        guard let restoreSynchronous else { return }
        _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        restoreSynchronous()
    }
}
