/// One record of a table, cells as text.
public struct TableRow: Sendable, Equatable {
    /// 1-based. CSV: the physical line on which the record starts; XLSX/XLS: the sheet row number.
    public var number: Int
    /// Cell texts; missing cells inside the row are empty strings.
    public var cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }
}
