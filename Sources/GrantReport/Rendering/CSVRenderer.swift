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

    public func render(_ report: Report) -> String { String(decoding: renderData(report), as: UTF8.self) }

    /// The report as UTF-8 with a BOM.
    public func renderData(_ report: Report) -> Data {
        var out = Data()
        write(report) { out.append($0) }
        return out
    }

    /// The report as UTF-8 with a BOM, handed to `sink` in 64 KB pieces as the rows are read, so a 500k-row table
    /// is never held whole, as lines or as bytes.
    public func write(_ report: Report, to sink: (Data) -> Void) {
        var pending: [UInt8] = Array("\u{FEFF}".utf8)
        func line(_ s: String) {
            pending.append(contentsOf: s.utf8)
            pending.append(contentsOf: [13, 10])  // CRLF
            if pending.count >= 1 << 16 {
                sink(Data(pending))
                pending.removeAll(keepingCapacity: true)
            }
        }
        let ctx = report.context
        line(row([text(report.title)]))
        line(row([text("Period"), text("\(ctx.fromYear)–\(ctx.toYear)"), text("by \(ctx.countBy)")]))
        line(row([text("Generated"), text(ctx.generatedAtISO)]))
        for table in report.tables {
            line("")
            line(row([text(table.title)]))
            line(row(table.columns.map { text($0.name) }))
            for cells in table.allRows {
                line(row(table.columns.indices.map { i in
                    i < cells.count ? field(cells[i], table.columns[i]) : ""
                }))
            }
        }
        line("")
        line(row([text("How this was computed")]))
        for s in ctx.dataSources { line(row([text("Data source"), text(s)])) }
        for s in ctx.filters { line(row([text("Filter"), text(s)])) }
        for s in report.notes { line(row([text("Note"), text(s)])) }
        sink(Data(pending))
    }

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
