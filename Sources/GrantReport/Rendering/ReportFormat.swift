import Foundation

/// The output formats, for callers (the CLI) that pick one by name.
public enum ReportFormat: String, CaseIterable, Sendable {
    case table, csv, json, md, html, xlsx

    public var fileExtension: String { self == .table ? "txt" : rawValue }

    /// True for the formats that read each table row once, in order, and write as they go (`write(_:to:)`): a
    /// table's rows may then be made as they are read, from a source that cannot go back.
    public var readsRowsOnce: Bool { self == .csv || self == .json }

    /// The report in this format, handed to `sink` a piece at a time for CSV and JSON, whole for the others.
    /// - Throws: `ReportError.xlsx` when the workbook cannot be written.
    public func write(_ report: Report, to sink: (Data) -> Void) throws {
        switch self {
        case .csv: CSVRenderer().write(report, to: sink)
        case .json: JSONRenderer().write(report, to: sink)
        default: sink(try render(report))
        }
    }

    /// The report in this format; text formats are UTF-8.
    /// - Throws: `ReportError.xlsx` when the workbook cannot be written.
    public func render(_ report: Report) throws -> Data {
        switch self {
        case .table: Data(TableRenderer().render(report).utf8)
        case .csv: CSVRenderer().renderData(report)
        case .json: JSONRenderer().renderData(report)
        case .md: Data(MarkdownRenderer().render(report).utf8)
        case .html: Data(HTMLRenderer().render(report).utf8)
        case .xlsx: try XLSXRenderer().render(report)
        }
    }
}
