extension String {
    /// Folds full-width forms (U+FF01–U+FF5E) and the ideographic space to ASCII, and odd spaces to a plain space.
    ///
    /// Chinese input methods produce `８１８７１２３４` and `（` as readily as ASCII.
    public var asciiFolded: String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(unicodeScalars.count)
        for s in unicodeScalars {
            switch s.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(s.value - 0xFEE0)!)
            case 0x3000, 0x00A0, 0x2002...0x200B, 0x202F, 0x205F: scalars.append(" ")
            default: scalars.append(s)
            }
        }
        return String(scalars)
    }

    /// The string without leading and trailing white space (including full-width and no-break spaces).
    public var trimmingSpaces: String {
        // Fast path: most cells have nothing to trim, and Character-level scanning is costly.
        if let f = unicodeScalars.first, let l = unicodeScalars.last, !f.mayBeTrimmed, !l.mayBeTrimmed {
            return self
        }
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{3000}" || $0 == "\u{FEFF}" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }

    /// A grant number in canonical form: ASCII, upper case, no spaces, no `No.`/`NSFC`/`#`/`Grant` prefixes.
    ///
    /// `"No. ８１８７ １２３４"` → `"81871234"`; `"NSFC52070131"` → `"52070131"`.
    public var normalizedGrantNumber: String {
        if isCanonicalGrantNumber { return self }
        var s = asciiFolded.uppercased().filter { !$0.isWhitespace }
        let prefixes = ["GRANTNOS.", "GRANTNO.", "GRANTNO", "GRANT", "NOS.", "NO.", "NO:", "NSFC", "#", ":", "：", "."]
        var changed = true
        while changed {
            changed = false
            for p in prefixes where s.hasPrefix(p) && s.count > p.count {
                s.removeFirst(p.count)
                changed = true
            }
        }
        while let last = s.last, ".,;:)]".contains(last) { s.removeLast() }
        return s
    }
}

extension String {
    /// True when `normalizedGrantNumber` would return the text unchanged: ASCII digits, capitals and `-` only,
    /// not starting with a prefix's first letter (`G`, `N`). Lists almost always hold numbers like this.
    var isCanonicalGrantNumber: Bool {
        guard let first = utf8.first, first != UInt8(ascii: "G"), first != UInt8(ascii: "N") else { return false }
        return utf8.allSatisfy { b in
            (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || b == UInt8(ascii: "-")
        }
    }
}

extension Unicode.Scalar {
    /// Whether `trimmingSpaces` could remove this scalar at an end: white space or a byte-order mark.
    ///
    /// Printable ASCII and everything above U+3000 (CJK) are answered without the Unicode property tables.
    var mayBeTrimmed: Bool {
        switch value {
        case 0x21...0x7E: false
        case 0x3001...0xFEFE, 0xFF00...: false
        default: properties.isWhitespace || self == "\u{FEFF}"
        }
    }
}
