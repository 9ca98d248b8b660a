import Foundation

/// Excel-ready CSV: UTF-8 with BOM, CRLF line ends, RFC 4180 quoting, all tables in one file.
///
/// Layout: a report title row and provenance rows, then per table a blank line, a title row, the header,
/// the rows and the totals row; then a blank line and the "How this was computed" rows.
///
/// Formula injection: a TEXT cell beginning with `=`, `+`, `-`, `@`, tab or CR gets a `'` prefix. Numeric
/// cells are written from typed numbers (e.g. `-12.5%`, `-3`) and never neutralised, so genuine negatives stay
/// numbers; they cannot carry a formula because they are produced by number formatting, not copied from input.
/// Percentages are written as `37.9%` (Excel reads them as numbers); undefined numbers as `n/a`.
public struct CSVRenderer: Sendable {
    public init() {}

    public func render(_ report: Report) -> String {
        var lines: [String] = []
        let ctx = report.context
        lines.append(row([text(report.title)]))
        lines.append(row([text("Period"), text("\(ctx.fromYear)–\(ctx.toYear)"), text("by \(ctx.countBy)")]))
        lines.append(row([text("Generated"), text(ctx.generatedAtISO)]))
        for table in report.tables {
            lines.append("")
            lines.append(row([text(table.title)]))
            lines.append(row(table.columns.map { text($0.name) }))
            for cells in table.allRows {
                lines.append(row(table.columns.indices.map { i in
                    i < cells.count ? field(cells[i], table.columns[i]) : ""
                }))
            }
        }
        lines.append("")
        lines.append(row([text("How this was computed")]))
        for s in ctx.dataSources { lines.append(row([text("Data source"), text(s)])) }
        for s in ctx.filters { lines.append(row([text("Filter"), text(s)])) }
        for s in report.notes { lines.append(row([text("Note"), text(s)])) }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    public func renderData(_ report: Report) -> Data { Data(render(report).utf8) }

    private func row(_ fields: [String]) -> String { fields.joined(separator: ",") }

    func field(_ cell: Cell, _ column: Column) -> String {
        switch cell {
        case .text(let s): text(s)
        case .empty: ""
        default: quote(CellFormatter.text(cell, column, undefined: "n/a"))
        }
    }

    /// A text field: neutralised, then quoted.
    func text(_ s: String) -> String { quote(Self.neutralised(s)) }

    /// `s` with a leading `'` when spreadsheet software would otherwise read it as a formula.
    public static func neutralised(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + s
        default: return s
        }
    }

    private func quote(_ s: String) -> String {
        let needs = s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        return needs ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
