/// A titled table with typed columns and an optional totals row.
public struct ReportTable: Hashable, Sendable {
    public var title: String
    public var columns: [Column]
    public var rows: TableRows
    public var totals: [Cell]?

    public init(title: String, columns: [Column], rows: [[Cell]], totals: [Cell]? = nil) {
        self.init(title: title, columns: columns, rows: TableRows(rows), totals: totals)
    }

    public init(title: String, columns: [Column], rows: TableRows, totals: [Cell]? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.totals = totals
    }

    /// Rows followed by the totals row, if any.
    public var allRows: some Sequence<[Cell]> { [AnySequence(rows), AnySequence(totals.map { [$0] } ?? [])].joined() }
}
