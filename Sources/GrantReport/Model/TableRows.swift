/// The rows of a report table: stored, or made one at a time from the builder's own compact rows.
///
/// A per-grant table has 500k rows; as stored cells it took more memory than everything else in the report,
/// so renderers that go through the rows once (JSON, CSV) never hold them all as cells.
public struct TableRows: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral {
    private enum Storage: Sendable {
        case stored([[Cell]])
        case made(count: Int, row: @Sendable (Int) -> [Cell])
    }

    private let storage: Storage

    public init(_ rows: [[Cell]]) { storage = .stored(rows) }

    public init(arrayLiteral rows: [Cell]...) { storage = .stored(rows) }

    /// `count` rows, row `i` made by `row(i)` whenever it is read.
    public init(count: Int, row: @escaping @Sendable (Int) -> [Cell]) { storage = .made(count: count, row: row) }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .stored(let rows): rows.count
        case .made(let count, _): count
        }
    }

    public subscript(i: Int) -> [Cell] {
        switch storage {
        case .stored(let rows): rows[i]
        case .made(_, let row): row(i)
        }
    }

    public static func == (a: TableRows, b: TableRows) -> Bool { a.elementsEqual(b) }

    public func hash(into h: inout Hasher) {
        h.combine(count)
        for row in self { h.combine(row) }
    }
}
