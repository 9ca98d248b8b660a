import Foundation
import GRDB
import GrantStore

/// A file database in its own temporary directory (the store uses a WAL `DatabasePool`, which needs a file).
final class TempDatabase {
    let directory: URL
    let db: GrantDatabase

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("granttracker-tests-\(UUID().uuidString)")
        db = try GrantDatabase(path: directory.appendingPathComponent("grants.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func count(_ table: String, _ whereClause: String = "1", _ arguments: StatementArguments = []) throws -> Int {
        try db.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \"\(table)\" WHERE \(whereClause)", arguments: arguments) ?? -1 }
    }

    func row(_ sql: String, _ arguments: StatementArguments = []) throws -> Row? {
        try db.pool.read { try Row.fetchOne($0, sql: sql, arguments: arguments) }
    }

    func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
        try db.pool.read { try Row.fetchAll($0, sql: sql, arguments: arguments) }
    }
}

/// NULL-safe column reads: GRDB's non-optional subscript traps on NULL, which would crash the test run instead of failing.
extension Row {
    func text(_ column: String) -> String? { self[column] as String? }
    func int(_ column: String) -> Int64? { self[column] as Int64? }
    func bool(_ column: String) -> Bool? { self[column] as Bool? }
}
