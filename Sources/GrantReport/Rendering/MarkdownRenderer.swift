/// GitHub-flavoured Markdown: one pipe table per report table, numbers right-aligned, notes as a list.
public struct MarkdownRenderer: Sendable {
    public init() {}

    public func render(_ report: Report) -> String {
        let ctx = report.context
        var o: [String] = ["# " + escape(report.title), "", escape(CellFormatter.periodLine(ctx))]
        for table in report.tables {
            o.append("")
            o.append("## " + escape(table.title))
            o.append("")
            o.append("| " + table.columns.map { escape($0.name) }.joined(separator: " | ") + " |")
            o.append("|" + table.columns.map { $0.isNumeric ? " ---: " : " --- " }.joined(separator: "|") + "|")
            for (n, cells) in table.allRows.enumerated() {
                let isTotals = table.totals != nil && n == table.rows.count
                let texts = table.columns.indices.map { i -> String in
                    let t = i < cells.count ? escape(CellFormatter.text(cells[i], table.columns[i], undefined: "—")) : ""
                    return isTotals && !t.isEmpty ? "**\(t)**" : t
                }
                o.append("| " + texts.joined(separator: " | ") + " |")
            }
        }
        if !report.charts.isEmpty {
            o.append("")
            o.append("Charts (in the HTML and XLSX versions): "
                + report.charts.map { escape($0.title) }.joined(separator: "; ") + ".")
        }
        o.append("")
        o.append("## How this was computed")
        o.append("")
        o.append(contentsOf: ctx.dataSources.map { "- Data source: " + escape($0) })
        o.append(contentsOf: ctx.filters.map { "- Filter: " + escape($0) })
        o.append(contentsOf: report.notes.map { "- " + escape($0) })
        return o.joined(separator: "\n") + "\n"
    }

    /// Escapes what would break a table cell or be read as markup: `\`, `|`, `<`, `>`, `*`, `_`, backticks;
    /// newlines become spaces.
    func escape(_ s: String) -> String {
        var o = ""
        var lastWasCR = false
        for u in s.unicodeScalars {
            defer { lastWasCR = u == "\r" }
            switch u {
            case "\\", "|", "*", "_", "`", "[", "]": o += "\\"; o.unicodeScalars.append(u)
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "&": o += "&amp;"
            case "\r": o += " "
            case "\n": if !lastWasCR { o += " " }
            default: o.unicodeScalars.append(u)
            }
        }
        return o
    }
}
