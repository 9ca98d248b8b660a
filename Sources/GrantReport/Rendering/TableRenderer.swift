/// Plain-text tables for a terminal: columns aligned by display width, numbers right-aligned, a rule above
/// the totals row, and the formulas printed below.
public struct TableRenderer: Sendable {
    /// Spaces between columns.
    public var gap: Int

    public init(gap: Int = 2) { self.gap = gap }

    public func render(_ report: Report) -> String {
        var out: [String] = [Self.printable(report.title), Self.printable(CellFormatter.periodLine(report.context))]
        if !report.context.dataSources.isEmpty {
            out.append(Self.printable("Data sources: " + report.context.dataSources.joined(separator: "; ")))
        }
        if !report.context.filters.isEmpty {
            out.append(Self.printable("Filters: " + report.context.filters.joined(separator: "; ")))
        }
        for table in report.tables {
            out.append("")
            out.append(contentsOf: render(table))
        }
        out.append("")
        out.append("How this was computed:")
        out.append(contentsOf: report.notes.map { "  - " + Self.printable($0) })
        return out.joined(separator: "\n") + "\n"
    }

    /// The table's lines: title, header, rule, rows, rule + totals.
    public func render(_ table: ReportTable) -> [String] {
        let header = table.columns.map { Self.printable($0.name) }
        let body = table.rows.map { texts($0, table.columns) }
        let totals = table.totals.map { texts($0, table.columns) }
        var widths = header.map(\.displayWidth)
        for row in body + (totals.map { [$0] } ?? []) {
            for (i, s) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], s.displayWidth) }
        }
        let rule = line(widths.map { String(repeating: "-", count: $0) }, widths, table.columns)
        var out = [Self.printable(table.title), line(header, widths, table.columns), rule]
        out.append(contentsOf: body.map { line($0, widths, table.columns) })
        if let totals {
            out.append(rule)
            out.append(line(totals, widths, table.columns))
        }
        return out
    }

    private func texts(_ row: [Cell], _ columns: [Column]) -> [String] {
        columns.indices.map { i in
            i < row.count ? Self.printable(CellFormatter.text(row[i], columns[i], undefined: "—")) : ""
        }
    }

    /// `s` with control characters (newlines, tabs, ESC of terminal escape sequences, C1 controls) replaced by
    /// spaces, so imported text can neither break a row nor drive the terminal.
    static func printable(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var o = ""
        for u in s.unicodeScalars { o.unicodeScalars.append(isControl(u) ? " " : u) }
        return o
    }

    private static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0)
    }

    private func line(_ cells: [String], _ widths: [Int], _ columns: [Column]) -> String {
        var s = ""
        for (i, text) in cells.enumerated() {
            let pad = String(repeating: " ", count: max(0, widths[i] - text.displayWidth))
            if i > 0 { s += String(repeating: " ", count: gap) }
            s += columns[i].isNumeric ? pad + text : text + pad
        }
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
