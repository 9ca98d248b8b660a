import GRDB

/// A table's secondary indexes, dropped for a bulk load into an empty table and rebuilt after it.
///
/// Keeping five indexes current row by row costs SQLite several times what inserting the rows does; building each
/// index once from the finished table is a sort. Both happen inside the import's transaction, so a failed import
/// rolls back to the indexes it found. Indexes that back constraints (`UNIQUE`) have no SQL and stay in place.
struct SecondaryIndexes {
    /// The `CREATE INDEX` statements, exactly as the migrations wrote them.
    private let definitions: [(name: String, sql: String)]

    /// Drops the secondary indexes of `table` if it has no rows; returns nil (and drops nothing) otherwise.
    static func dropIfEmpty(_ table: String, in db: Database) throws -> SecondaryIndexes? {
        guard try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table.quotedDatabaseIdentifier))")! else {
            return nil
        }
        let definitions = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name
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
