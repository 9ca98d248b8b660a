import Foundation
import GRDB
import GRDBSQLite

/// Executes one prepared statement over and over with values bound through the SQLite C API.
///
/// For per-row imports, building and validating `StatementArguments` and letting SQLite copy every string
/// (`SQLITE_TRANSIENT`) cost more than the insert itself. Here each execution's text is copied into one buffer that
/// is reused from row to row, and SQLite reads it in place (`SQLITE_STATIC`) until the statement is reset.
final class StatementBinder {
    let statement: Statement
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var used = 0
    /// Text and blob parameters waiting for `execute()`, which binds them once the buffer can no longer move.
    private var pending: [(index: CInt, offset: Int, count: Int, isBlob: Bool)] = []

    init(_ statement: Statement) {
        self.statement = statement
        capacity = 4096
        buffer = .allocate(byteCount: capacity, alignment: 1)
        // Empty unchecked arguments mark the statement as bound, so `execute()` neither validates nor clears
        // what is bound here.
        statement.setUncheckedArguments(StatementArguments())
    }

    deinit { buffer.deallocate() }

    /// Binds `values` to the parameters from `start` on (1-based).
    func bind(_ values: some Sequence<DatabaseValue>, from start: CInt) {
        var index = start
        for value in values {
            let handle = statement.sqliteStatement
            switch value.storage {
            case .null: check(sqlite3_bind_null(handle, index), index)
            case .int64(let i): check(sqlite3_bind_int64(handle, index, i), index)
            case .double(let d): check(sqlite3_bind_double(handle, index, d), index)
            case .string(var s): s.withUTF8 { append(UnsafeRawBufferPointer($0), at: index, isBlob: false) }
            case .blob(let data): data.withUnsafeBytes { append($0, at: index, isBlob: true) }
            }
            index += 1
        }
    }

    /// Runs the statement with the values bound since the last execution, then resets it for the next ones.
    func execute() throws {
        defer {
            sqlite3_reset(statement.sqliteStatement)
            pending.removeAll(keepingCapacity: true)
            used = 0
        }
        let handle = statement.sqliteStatement
        for p in pending {
            // A nil destructor is SQLITE_STATIC: SQLite reads the buffer in place. Never a null pointer (that binds NULL).
            let bytes = buffer.advanced(by: p.offset)
            let code = p.isBlob ? sqlite3_bind_blob(handle, p.index, bytes, CInt(p.count), nil)
                : sqlite3_bind_text(handle, p.index, bytes.assumingMemoryBound(to: CChar.self), CInt(p.count), nil)
            check(code, p.index)
        }
        try statement.execute()
    }

    private func append(_ bytes: UnsafeRawBufferPointer, at index: CInt, isBlob: Bool) {
        if used + bytes.count > capacity {
            let grown = UnsafeMutableRawPointer.allocate(byteCount: max(capacity * 2, used + bytes.count), alignment: 1)
            grown.copyMemory(from: buffer, byteCount: used)
            buffer.deallocate()
            buffer = grown
            capacity = max(capacity * 2, used + bytes.count)
        }
        if let base = bytes.baseAddress { buffer.advanced(by: used).copyMemory(from: base, byteCount: bytes.count) }
        pending.append((index, used, bytes.count, isBlob))
        used += bytes.count
    }

    private func check(_ code: CInt, _ index: CInt) {
        precondition(code == SQLITE_OK, "binding parameter \(index) failed with SQLite code \(code)")
    }
}
