extension NatureIndexCatalog {
    /// Rows of a small RFC 4180 CSV text (quoted fields, doubled quotes, CRLF or LF); a leading BOM is dropped.
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        func endField() {
            row.append(field)
            field = ""
            afterQuote = false
        }
        for s in scalars {
            if quoted {
                if s == "\"" {
                    quoted = false
                    afterQuote = true
                } else {
                    field.unicodeScalars.append(s)
                }
                continue
            }
            switch s {
            case "\"":
                if afterQuote { field.unicodeScalars.append("\"") }
                quoted = true
            case ",":
                endField()
            case "\r":
                break
            case "\n":
                endField()
                rows.append(row)
                row = []
            default:
                field.unicodeScalars.append(s)
            }
            if s != "\"" { afterQuote = false }
        }
        if !field.isEmpty || !row.isEmpty {
            endField()
            rows.append(row)
        }
        return rows
    }
}
