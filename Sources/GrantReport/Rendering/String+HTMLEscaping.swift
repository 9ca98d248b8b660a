extension String {
    /// Text safe inside HTML/SVG element content and quoted attribute values: `& < > " '` are escaped.
    public var htmlEscaped: String {
        var o = ""
        o.reserveCapacity(utf8.count)
        for u in unicodeScalars {
            switch u {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            case "'": o += "&#39;"
            default: o.unicodeScalars.append(u)
            }
        }
        return o
    }
}
