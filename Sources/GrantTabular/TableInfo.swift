/// What was detected when a table file was opened.
public struct TableInfo: Sendable {
    public var format: TableFormat
    /// Text encoding (CSV only).
    public var encoding: TextEncoding?
    /// Field delimiter (CSV only).
    public var delimiter: UInt8?
    /// The selected sheet (XLSX/XLS only).
    public var sheet: String?
    /// All sheet names in workbook order (empty for CSV).
    public var sheets: [String]
    /// File size in bytes.
    public var totalBytes: Int

    public init(
        format: TableFormat, encoding: TextEncoding? = nil, delimiter: UInt8? = nil,
        sheet: String? = nil, sheets: [String] = [], totalBytes: Int
    ) {
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
        self.sheet = sheet
        self.sheets = sheets
        self.totalBytes = totalBytes
    }
}
