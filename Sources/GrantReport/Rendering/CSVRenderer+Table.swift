extension CSVRenderer {
    /// One bare table (header and rows, no report framing) as Excel-ready CSV: BOM, CRLF, neutralised text.
    public func render(_ table: ReportTable) -> String {
        var lines = [table.columns.map { text($0.name) }.joined(separator: ",")]
        for cells in table.allRows {
            lines.append(table.columns.indices.map { i in i < cells.count ? field(cells[i], table.columns[i]) : "" }
                .joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }
}
