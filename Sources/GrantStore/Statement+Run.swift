import GRDB
import GRDBSQLite

/// Binds values to a prepared statement through the SQLite C API, for multi-row inserts and the link's statements.
///
/// GRDB's `StatementArguments` box and check every value on each call, which cost more than SQLite's own work for
/// a paper row. The statement stays GRDB's, so caching, errors and transactions are unchanged.
struct ValueBinder: ValueSink {
    private let handle: OpaquePointer
    private var index: Int32 = 0

    fileprivate init(_ handle: OpaquePointer) { self.handle = handle }

    /// SQLite copies the bytes, so the Swift string may go away after the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ value: String?) {
        index += 1
        guard var value else { sqlite3_bind_null(handle, index); return }
        value.withUTF8 { buf in
            // An empty buffer may have no address, and a NULL pointer would bind NULL: "" is not NULL.
            if let base = buf.baseAddress {
                let bytes = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
                _ = sqlite3_bind_text(handle, index, bytes, Int32(buf.count), Self.transient)
            } else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
            }
        }
    }

    mutating func bind(_ value: Int64?) {
        index += 1
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// How many values have been bound.
    var bound: Int { Int(index) }
}

/// Where a row's values go, one per column in column order: straight into a statement (`ValueBinder`) or into a
/// list to compare with a stored row (`ValueList`). One function writes a table's columns for both.
protocol ValueSink {
    mutating func bind(_ value: String?)
    mutating func bind(_ value: Int64?)
}

extension ValueSink {
    mutating func bind(_ value: Int?) { bind(value.map(Int64.init)) }
    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }
}

/// The values as GRDB's `DatabaseValue`s.
struct ValueList: ValueSink {
    var values: [DatabaseValue] = []
    mutating func bind(_ value: String?) { values.append(value.databaseValue) }
    mutating func bind(_ value: Int64?) { values.append(value.databaseValue) }
}

extension Statement {
    /// Binds with `body`, steps the statement once, and returns the first column of the first row, if any.
    @discardableResult
    func run(_ db: Database, _ body: (inout ValueBinder) -> Void) throws -> Int64? {
        let handle = sqliteStatement
        sqlite3_reset(handle)
        var binder = ValueBinder(handle)
        body(&binder)
        let code = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        switch code {
        case SQLITE_DONE: return nil
        case SQLITE_ROW: return sqlite3_column_type(handle, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 0)
        default:
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
        }
    }
}
