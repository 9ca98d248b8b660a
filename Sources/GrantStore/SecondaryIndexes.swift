import GRDB

/// A table's secondary indexes, dropped for a bulk load and rebuilt after it.
///
/// Keeping several indexes current row by row costs SQLite more than inserting the rows does; building each
/// index once from the finished table is a sort. Both happen inside the import's transaction, so a failed import
/// rolls back to the indexes it found. Unique indexes, which enforce something as rows go in, stay in place.
struct SecondaryIndexes {
    /// The `CREATE INDEX` statements, exactly as the migrations wrote them.
    private let definitions: [(name: String, sql: String)]

    /// Drops the secondary indexes of `table` if it has no rows; returns nil (and drops nothing) otherwise.
    static func dropIfEmpty(_ table: String, in db: Database) throws -> SecondaryIndexes? {
        guard try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table.quotedDatabaseIdentifier))")! else {
            return nil
        }
        return try drop(table, in: db)
    }

    /// Drops the secondary indexes of `table`.
    static func drop(_ table: String, in db: Database) throws -> SecondaryIndexes {
        // Only plain CREATE INDEX ones (origin 'c'), and no unique ones: those enforce something while rows go in.
        let definitions = try Row.fetchAll(db, sql: """
            SELECT m.name, m.sql FROM pragma_index_list(?) l JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name
            WHERE l.origin = 'c' AND NOT l."unique" ORDER BY m.name
            """, arguments: [table]).map { (name: $0[0] as String, sql: $0[1] as String) }
        for index in definitions {
            try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)")
        }
        return SecondaryIndexes(definitions: definitions)
    }

    /// Creates the dropped indexes again.
    func rebuild(in db: Database) throws {
        for index in definitions {
            try db.execute(sql: index.sql)
        }
    }
}
