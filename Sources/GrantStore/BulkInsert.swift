import GRDB

/// Buffers rows for one table and writes them with multi-row INSERTs.
///
/// SQLite's cost per statement (a cursor on every index) is paid once per batch of rows instead of once per row,
/// which more than halves the cost of an import.
///
/// The statements are `INSERT OR FAIL`: a plain multi-row INSERT must be able to undo its own earlier rows when a
/// later one breaks a constraint, so SQLite copies every existing page it touches to a statement journal first
/// (a gigabyte of writes for 100k papers). Callers never go on after an error: it rolls back the enclosing savepoint
/// (an import's large file) or transaction (a link, or an import).
struct BulkInsert {
    private let table: String
    private let columns: [String]
    private var values: [SQLValue] = []
    /// Rows per statement: large enough to amortise the statement, far below SQLite's 32,766 bound variables.
    private static let rowsPerStatement = 64
    /// The SQL of a full statement, made once: making it to look the statement up cost a second per million rows.
    private let fullSQL: String

    init(table: String, columns: [String]) {
        self.table = table
        self.columns = columns
        fullSQL = Self.sql(table: table, columns: columns, rows: Self.rowsPerStatement)
    }

    var isEmpty: Bool { values.isEmpty }

    /// The id the next row of `table` gets when the writer hands ids out itself (so rows that cite it can be
    /// buffered with it). AUTOINCREMENT's counter may be ahead of max(id) after deletions, and an id is never reused.
    static func nextId(in table: String, _ db: Database) throws -> Int64 {
        1 + (try Int64.fetchOne(db, sql: """
            SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0),
                       coalesce((SELECT max(id) FROM \(table.quotedDatabaseIdentifier)), 0))
            """, arguments: [table]) ?? 0)
    }

    /// Adds one row; `row` must give a value for every column, in order.
    mutating func append(_ row: SQLValue...) {
        precondition(row.count == columns.count, "\(table): \(row.count) values for \(columns.count) columns")
        values.append(contentsOf: row)
    }

    /// Writes the buffered rows and empties the buffer.
    mutating func flush(_ db: Database) throws {
        let width = columns.count
        var start = 0
        while start < values.count {
            let rows = min(Self.rowsPerStatement, (values.count - start) / width)
            let statement = try db.cachedStatement(sql: rows == Self.rowsPerStatement ? fullSQL
                                                   : Self.sql(table: table, columns: columns, rows: rows))
            let slice = values[start..<(start + rows * width)]
            try statement.run(db) { b in for v in slice { b.bind(v) } }
            start += rows * width
        }
        values.removeAll(keepingCapacity: true)
    }

    private static func sql(table: String, columns: [String], rows: Int) -> String {
        let one = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        return "INSERT OR FAIL INTO \"\(table)\" (\(list)) VALUES " + Array(repeating: one, count: rows).joined(separator: ", ")
    }
}
