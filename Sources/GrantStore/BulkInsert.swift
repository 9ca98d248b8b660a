import GRDB

/// Writes rows of one table with multi-row INSERTs, binding each value straight from the caller's own data.
///
/// SQLite's cost per statement (a cursor on every index) is paid once per batch of rows instead of once per row,
/// which more than halves the cost of an import. Binding from the caller's data rather than from buffered copies
/// saves a retain, a release and a boxed value per column (8% of a paper import's writing thread).
///
/// The statements are `INSERT OR FAIL` (or `OR IGNORE`, for a caller that checks which rows went in): a plain
/// multi-row INSERT must be able to undo its own earlier rows when a later one breaks a constraint, so SQLite copies
/// every existing page it touches to a statement journal first (a gigabyte of writes for 100k papers). Callers never
/// go on after an error: it rolls back the enclosing savepoint (an import's large file) or transaction (a link, or
/// an import).
struct BulkInsert {
    private let table: String
    private let width: Int
    /// Rows per statement: large enough to amortise the statement, far below SQLite's 32,766 bound variables.
    private static let rowsPerStatement = 64
    /// The SQL of a full statement, made once: making it to look the statement up cost a second per million rows.
    private let fullSQL: String
    private let columnList: String
    private let conflict: Database.ConflictResolution

    init(table: String, columns: [String], conflict: Database.ConflictResolution = .fail) {
        precondition(conflict == .fail || conflict == .ignore, "other resolutions need a statement journal")
        self.table = table
        self.conflict = conflict
        width = columns.count
        columnList = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        fullSQL = Self.sql(table: table, columnList: columnList, width: width, rows: Self.rowsPerStatement, conflict: conflict)
    }

    /// The id the next row of `table` gets when the writer hands ids out itself (so rows that cite it can be
    /// written with it). AUTOINCREMENT's counter may be ahead of max(id) after deletions, and an id is never reused.
    static func nextId(in table: String, _ db: Database) throws -> Int64 {
        1 + (try Int64.fetchOne(db, sql: """
            SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0),
                       coalesce((SELECT max(id) FROM \(table.quotedDatabaseIdentifier)), 0))
            """, arguments: [table]) ?? 0)
    }

    /// Writes `count` rows; `bind(k, &b)` binds row k's values, one per column, in column order.
    func write(_ db: Database, count: Int, _ bind: (Int, inout ValueBinder) -> Void) throws {
        var start = 0
        while start < count {
            let rows = min(Self.rowsPerStatement, count - start)
            let statement = try db.cachedStatement(sql: rows == Self.rowsPerStatement ? fullSQL
                                                   : Self.sql(table: table, columnList: columnList, width: width, rows: rows,
                                                              conflict: conflict))
            try statement.run(db) { b in
                for k in start..<(start + rows) { bind(k, &b) }
                precondition(b.bound == rows * width, "\(table): \(b.bound) values bound for \(rows) rows of \(width)")
            }
            start += rows
        }
    }

    private static func sql(table: String, columnList: String, width: Int, rows: Int,
                            conflict: Database.ConflictResolution) -> String {
        let one = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        return "INSERT OR \(conflict.rawValue) INTO \"\(table)\" (\(columnList)) VALUES " + Array(repeating: one, count: rows).joined(separator: ", ")
    }
}

/// Rows buffered for a `BulkInsert`, for a writer whose rows are not already held elsewhere.
struct BufferedInsert<Row> {
    private let insert: BulkInsert
    private let bind: (Row, inout ValueBinder) -> Void
    private var rows: [Row] = []

    init(table: String, columns: [String], bind: @escaping (Row, inout ValueBinder) -> Void) {
        insert = BulkInsert(table: table, columns: columns)
        self.bind = bind
    }

    mutating func append(_ row: Row) { rows.append(row) }

    /// Writes the buffered rows and empties the buffer.
    mutating func flush(_ db: Database) throws {
        try insert.write(db, count: rows.count) { k, b in bind(rows[k], &b) }
        rows.removeAll(keepingCapacity: true)
    }
}
