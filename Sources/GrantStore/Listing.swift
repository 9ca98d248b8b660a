import Foundation
import GRDB

/// A query result as plain columns and rows, for listings in any output format.
public struct Listing: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case text(String)
        case integer(Int64)
        case real(Double)
        case null
    }

    public var columns: [String]
    public var rows: [[Value]]

    public init(columns: [String], rows: [[Value]]) {
        self.columns = columns
        self.rows = rows
    }

    /// Runs `sql` and keeps its result columns in order.
    static func fetch(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> Listing {
        let statement = try db.makeStatement(sql: sql)
        var rows: [[Value]] = []
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try cursor.next() {
            rows.append(row.databaseValues.map { v in
                switch v.storage {
                case .null: .null
                case .int64(let i): .integer(i)
                case .double(let d): .real(d)
                case .string(let s): .text(s)
                case .blob(let b): .text(b.base64EncodedString())
                }
            })
        }
        return Listing(columns: statement.columnNames, rows: rows)
    }
}

/// A WHERE clause assembled from optional filters, with its arguments.
struct Filter {
    private(set) var clauses: [String] = []
    private(set) var arguments: StatementArguments = []

    mutating func add(_ clause: String, _ values: [(any DatabaseValueConvertible)?] = []) {
        clauses.append(clause)
        arguments += StatementArguments(values)
    }

    var sql: String { clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ") }
}
