import CXLSXWriter
import Foundation

/// An Excel workbook via libxlsxwriter: one sheet per table with typed numbers, number formats, a frozen header
/// row and fitted column widths; each chart is a native Excel chart placed beside the table it illustrates
/// (stacked column for departments per year, line for funders); a last "About" sheet holds provenance and formulas.
///
/// Text is always written with `worksheet_write_string`, so a title such as `=HYPERLINK(…)` stays text; series and
/// chart names are taken from cell references, never from formula strings.
public struct XLSXRenderer: Sendable {
    public init() {}

    /// Renders to bytes (through a temporary file, as libxlsxwriter 1.1.4 writes only to files).
    public func render(_ report: Report) throws -> Data {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("granttracker-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try write(report, to: url)
        do { return try Data(contentsOf: url) } catch {
            throw ReportError.xlsx("cannot read back \(url.path): \(error.localizedDescription)")
        }
    }

    /// Writes the workbook to `url`.
    /// - Throws: `ReportError.xlsx` when libxlsxwriter fails (bad path, write error, invalid sheet name).
    public func write(_ report: Report, to url: URL) throws {
        guard let wb = workbook_new(url.path) else { throw ReportError.xlsx("cannot create \(url.path)") }
        var closed = false
        defer { if !closed { _ = workbook_close(wb) } }

        // Fixed creation date so the same report gives the same workbook.
        var props = lxw_doc_properties()
        props.created = time_t(report.context.generatedAt.timeIntervalSince1970)
        try check(workbook_set_properties(wb, &props), "set properties")

        let formats = Formats(wb)
        var names = SheetNames()
        var sheetNames: [String] = []
        var sheets: [UnsafeMutablePointer<lxw_worksheet>] = []
        for table in report.tables {
            let name = names.unique(table.title)
            guard let ws = workbook_add_worksheet(wb, name) else { throw ReportError.xlsx("cannot add sheet \(name)") }
            try writeTable(table, ws, formats)
            sheetNames.append(name)
            sheets.append(ws)
        }
        var chartsPerSheet: [Int: Int] = [:]
        for (n, chart) in report.charts.enumerated() {
            if let t = chart.tableIndex, t < sheets.count, chart.series.allSatisfy({ $0.tableColumn != nil }) {
                let slot = chartsPerSheet[t, default: 0]
                chartsPerSheet[t] = slot + 1
                try insert(chart, wb, sheet: sheets[t], name: sheetNames[t], rows: chart.categories.count,
                           at: (row: 1 + 22 * slot, col: report.tables[t].columns.count + 1))
            } else {
                // No table to point at: give the chart its own data sheet.
                let name = names.unique("Chart \(n + 1)")
                guard let ws = workbook_add_worksheet(wb, name) else { throw ReportError.xlsx("cannot add \(name)") }
                let data = dataTable(chart)
                try writeTable(data, ws, formats)
                var copy = chart
                copy.series = chart.series.enumerated().map { i, s in
                    Chart.Series(name: s.name, values: s.values, tableColumn: i + 1)
                }
                try insert(copy, wb, sheet: ws, name: name, rows: chart.categories.count,
                           at: (row: 1, col: data.columns.count + 1))
            }
        }
        try writeAbout(report, wb, formats, name: names.unique("About"))

        closed = true
        let err = workbook_close(wb)
        try check(err, "write \(url.lastPathComponent)")
    }

    private func writeTable(_ table: ReportTable, _ ws: UnsafeMutablePointer<lxw_worksheet>, _ f: Formats) throws {
        for (c, col) in table.columns.enumerated() {
            try check(worksheet_write_string(ws, 0, lxw_col_t(c), col.name, f.header), "write header")
        }
        for (r, row) in table.allRows.enumerated() {
            let isTotals = table.totals != nil && r == table.rows.count
            for (c, col) in table.columns.enumerated() where c < row.count {
                try write(row[c], col, ws, row: lxw_row_t(r + 1), col: lxw_col_t(c), f, bold: isTotals)
            }
        }
        worksheet_freeze_panes(ws, 1, 0)
        for (c, col) in table.columns.enumerated() {
            let widest = ([col.name] + table.allRows.compactMap { c < $0.count ? text($0[c], col) : nil })
                .map(\.displayWidth).max() ?? 8
            let width = Double(min(60, max(8, widest + 2)))
            try check(worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), width, nil), "set column width")
        }
    }

    private func write(_ cell: Cell, _ col: Column, _ ws: UnsafeMutablePointer<lxw_worksheet>, row: lxw_row_t, col c: lxw_col_t,
                       _ f: Formats, bold: Bool) throws
    {
        let format = f.format(for: cell, col, bold: bold)
        let err: lxw_error
        switch cell {
        case .text(let s): err = worksheet_write_string(ws, row, c, s, format)
        case .empty: return
        case .integer(let v): err = worksheet_write_number(ws, row, c, Double(v), format)
        case .decimal(let v), .percent(let v):
            if let v, v.isFinite {
                err = worksheet_write_number(ws, row, c, v, format)
            } else {
                err = worksheet_write_string(ws, row, c, "n/a", format)
            }
        }
        try check(err, "write cell \(row),\(c)")
    }

    private func insert(_ chart: Chart, _ wb: UnsafeMutablePointer<lxw_workbook>, sheet: UnsafeMutablePointer<lxw_worksheet>,
                        name: String, rows: Int, at position: (row: Int, col: Int)) throws
    {
        let type = chart.kind == .stackedBar ? LXW_CHART_COLUMN_STACKED : LXW_CHART_LINE
        guard let xc = workbook_add_chart(wb, UInt8(type.rawValue)) else { throw ReportError.xlsx("cannot add chart") }
        for s in chart.series {
            guard let col = s.tableColumn, rows > 0 else { continue }
            guard let series = chart_add_series(xc, nil, nil) else { throw ReportError.xlsx("cannot add series") }
            chart_series_set_categories(series, name, 1, 0, lxw_row_t(rows), 0)
            chart_series_set_values(series, name, 1, lxw_col_t(col), lxw_row_t(rows), lxw_col_t(col))
            chart_series_set_name_range(series, name, 0, lxw_col_t(col))
        }
        // A leading "=" would make libxlsxwriter read the title as a formula reference.
        chart_title_set_name(xc, chart.title.hasPrefix("=") ? " " + chart.title : chart.title)
        chart_axis_set_name(xc.pointee.x_axis, chart.xLabel.hasPrefix("=") ? " " + chart.xLabel : chart.xLabel)
        chart_axis_set_name(xc.pointee.y_axis, chart.yLabel.hasPrefix("=") ? " " + chart.yLabel : chart.yLabel)
        chart_legend_set_position(xc, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        var options = lxw_chart_options()
        options.x_scale = 1.5
        options.y_scale = 1.4
        let err = worksheet_insert_chart_opt(sheet, lxw_row_t(position.row), lxw_col_t(position.col), xc, &options)
        try check(err, "insert chart")
    }

    private func writeAbout(_ report: Report, _ wb: UnsafeMutablePointer<lxw_workbook>, _ f: Formats,
                            name: String) throws
    {
        guard let ws = workbook_add_worksheet(wb, name) else { throw ReportError.xlsx("cannot add sheet \(name)") }
        let ctx = report.context
        var rows: [(String, String)] = [
            ("Report", report.title), ("Period", "\(ctx.fromYear)–\(ctx.toYear)"), ("Counted by", ctx.countBy),
            ("Generated", ctx.generatedAtISO),
        ]
        rows += ctx.dataSources.map { ("Data source", $0) }
        rows += ctx.filters.map { ("Filter", $0) }
        rows += report.notes.map { ("Note", $0) }
        for (r, (k, v)) in rows.enumerated() {
            try check(worksheet_write_string(ws, lxw_row_t(r), 0, k, f.header), "write about")
            try check(worksheet_write_string(ws, lxw_row_t(r), 1, v, nil), "write about")
        }
        try check(worksheet_set_column(ws, 0, 0, 14, nil), "set column width")
        try check(worksheet_set_column(ws, 1, 1, 100, nil), "set column width")
    }

    private func dataTable(_ chart: Chart) -> ReportTable {
        ReportTable(
            title: chart.title,
            columns: [Column(chart.xLabel, .text)] + chart.series.map { Column($0.name, .decimal) },
            rows: chart.categories.indices.map { i in
                [.text(chart.categories[i])] + chart.series.map { .decimal(i < $0.values.count ? $0.values[i] : nil) }
            })
    }

    private func text(_ cell: Cell, _ col: Column) -> String {
        let s = CellFormatter.text(cell, col, undefined: "n/a")
        return col.kind == .percent ? s : (col.kind == .yuan ? s + "," : s)  // room for the thousands separator
    }

    private func check(_ err: lxw_error, _ what: String) throws {
        guard err != LXW_NO_ERROR else { return }
        let message = lxw_strerror(err).map { String(cString: $0) } ?? "error \(err.rawValue)"
        throw ReportError.xlsx("\(what): \(message)")
    }

    /// Cell formats, created once per workbook; looked up by style index on the hot path.
    private struct Formats {
        enum Style: Int, CaseIterable {
            case text, integer, decimal1, decimal2, percent, yuan

            var numberFormat: String? {
                switch self {
                case .text: nil
                case .integer: "0"
                case .decimal1: "0.0"
                case .decimal2: "0.00"
                case .percent: "0.0%"
                case .yuan: "#,##0.00"
                }
            }
        }

        let header: UnsafeMutablePointer<lxw_format>?
        private let plain: [UnsafeMutablePointer<lxw_format>?]
        private let bold: [UnsafeMutablePointer<lxw_format>?]

        init(_ wb: UnsafeMutablePointer<lxw_workbook>) {
            func make(_ num: String?, bold: Bool) -> UnsafeMutablePointer<lxw_format>? {
                let f = workbook_add_format(wb)
                if let num { format_set_num_format(f, num) }
                if bold { format_set_bold(f) }
                return f
            }
            header = make(nil, bold: true)
            plain = Style.allCases.map { make($0.numberFormat, bold: false) }
            bold = Style.allCases.map { make($0.numberFormat, bold: true) }
        }

        func format(for cell: Cell, _ col: Column, bold isBold: Bool) -> UnsafeMutablePointer<lxw_format>? {
            let style: Style
            switch (cell, col.kind) {
            case (.text, _), (.empty, _): style = .text
            case (_, .percent): style = .percent
            case (_, .yuan): style = .yuan
            case (.integer, _), (_, .integer): style = .integer
            default: style = col.digits == 1 ? .decimal1 : .decimal2
            }
            return isBold ? bold[style.rawValue] : plain[style.rawValue]
        }
    }
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`, no leading/trailing apostrophe, unique
/// ignoring case.
struct SheetNames {
    private var used: Set<String> = []

    mutating func unique(_ title: String) -> String {
        var base = String(title.map { "[]:*?/\\".contains($0) ? "_" : $0 })
            .trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        if base.isEmpty { base = "Sheet" }
        base = String(base.prefix(31))
        var name = base
        var n = 2
        while used.contains(name.lowercased()) {
            let suffix = " (\(n))"
            name = String(base.prefix(31 - suffix.count)) + suffix
            n += 1
        }
        used.insert(name.lowercased())
        return name
    }
}
