/// One self-contained HTML page: no network (a CSP forbids it), inline SVG charts beside their tables, every
/// text escaped, and a "How this was computed" section.
public struct HTMLRenderer: Sendable {
    public init() {}

    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    public func render(_ report: Report) -> String {
        let ctx = report.context
        var o = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        o += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.contentSecurityPolicy)\">\n"
        o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        o += "<title>\(report.title.htmlEscaped)</title>\n<style>\n\(Self.css)</style>\n</head>\n<body>\n"
        o += "<h1>\(report.title.htmlEscaped)</h1>\n"
        o += "<p class=\"meta\">\(CellFormatter.periodLine(ctx).htmlEscaped)</p>\n"
        for (i, table) in report.tables.enumerated() {
            let charts = report.charts.filter { $0.tableIndex == i }
            o += "<section class=\"block\">\n<h2>\(table.title.htmlEscaped)</h2>\n<div class=\"pair\">\n"
            for chart in charts { o += figure(chart) }
            o += "<div class=\"table-wrap\">\n" + render(table) + "</div>\n</div>\n</section>\n"
        }
        let loose = report.charts.filter { c in c.tableIndex.map { !report.tables.indices.contains($0) } ?? true }
        if !loose.isEmpty {
            o += "<section class=\"block\">\n<div class=\"pair\">\n" + loose.map(figure).joined() + "</div>\n</section>\n"
        }
        o += "<section id=\"method\">\n<h2>How this was computed</h2>\n"
        o += list("Data sources", ctx.dataSources) + list("Filters", ctx.filters)
        o += list("Formulas and notes", report.notes)
        o += "<p>Generated \(ctx.generatedAtISO.htmlEscaped); years counted by \(ctx.countBy.htmlEscaped).</p>\n"
        o += "</section>\n</body>\n</html>\n"
        return o
    }

    private func figure(_ chart: Chart) -> String {
        "<figure>\n" + SVGChart(chart: chart).render() + "\n<figcaption>\(chart.title.htmlEscaped)</figcaption>\n</figure>\n"
    }

    private func render(_ table: ReportTable) -> String {
        var o = "<table>\n<thead><tr>"
        for c in table.columns { o += "<th class=\"\(c.isNumeric ? "num" : "txt")\">\(c.name.htmlEscaped)</th>" }
        o += "</tr></thead>\n<tbody>\n"
        for row in table.rows { o += "<tr>" + cells(row, table.columns) + "</tr>\n" }
        o += "</tbody>\n"
        if let totals = table.totals { o += "<tfoot><tr>" + cells(totals, table.columns) + "</tr></tfoot>\n" }
        return o + "</table>\n"
    }

    private func cells(_ row: [Cell], _ columns: [Column]) -> String {
        columns.indices.map { i in
            let cell = i < row.count ? row[i] : .empty
            let text = CellFormatter.text(cell, columns[i], undefined: "—").htmlEscaped
            let cls = columns[i].isNumeric ? (cell.isUndefined ? "num undef" : "num") : "txt"
            let title = cell.isUndefined ? " title=\"undefined: previous value or denominator is 0\"" : ""
            return "<td class=\"\(cls)\"\(title)>\(text)</td>"
        }.joined()
    }

    private func list(_ heading: String, _ items: [String]) -> String {
        guard !items.isEmpty else { return "" }
        return "<h3>\(heading.htmlEscaped)</h3>\n<ul>\n" + items.map { "<li>\($0.htmlEscaped)</li>\n" }.joined() + "</ul>\n"
    }

    static let css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", sans-serif; margin: 24px;
          color: #222; }
        h1 { font-size: 1.5em; margin-bottom: 4px; }
        .meta { color: #555; margin-top: 0; }
        .pair { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
        figure { margin: 0; }
        figcaption { font-size: 0.9em; color: #555; text-align: center; }
        .table-wrap { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; font-size: 0.9em; }
        th, td { border: 1px solid #ddd; padding: 3px 8px; }
        th { background: #f3f3f3; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.undef { color: #999; }
        tfoot td { font-weight: bold; background: #fafafa; }
        svg .grid { stroke: #e5e5e5; }
        svg .axis { stroke: #444; }
        svg text { font-size: 11px; fill: #333; }
        svg .axis-label { font-size: 12px; }
        svg .total { font-size: 10px; fill: #555; }
        #method { margin-top: 32px; border-top: 1px solid #ddd; }

        """
}
