/// A titled table with typed columns and an optional totals row.
public struct ReportTable: Hashable, Sendable {
    public var title: String
    public var columns: [Column]
    public var rows: [[Cell]]
    public var totals: [Cell]?

    public init(title: String, columns: [Column], rows: [[Cell]], totals: [Cell]? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.totals = totals
    }

    /// Rows followed by the totals row, if any.
    public var allRows: [[Cell]] { totals.map { rows + [$0] } ?? rows }
}
