import Foundation

/// The output formats, for callers (the CLI) that pick one by name.
public enum ReportFormat: String, CaseIterable, Sendable {
    case table, csv, json, md, html, xlsx

    public var fileExtension: String { self == .table ? "txt" : rawValue }

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
