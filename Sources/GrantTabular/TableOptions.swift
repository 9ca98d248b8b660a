/// How to open a table file.
public struct TableOptions: Sendable {
    /// Worksheet name for XLSX/XLS; nil means the first sheet. Ignored for CSV.
    public var sheet: String?
    /// Forces a text encoding for CSV; nil means detect (BOM, then UTF-8, else GB18030).
    public var encoding: TextEncoding?
    /// Forces a CSV delimiter byte; nil means detect among comma, tab and semicolon.
    public var delimiter: UInt8?

    public init(sheet: String? = nil, encoding: TextEncoding? = nil, delimiter: UInt8? = nil) {
        self.sheet = sheet
        self.encoding = encoding
        self.delimiter = delimiter
    }
}
