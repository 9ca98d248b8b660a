/// Small JSON writers for the store's text columns (string arrays and string maps).
///
/// Foundation's `JSONEncoder` costs tens of microseconds per call on Linux, which dominated imports.
public enum JSONText {
    /// `["a","b"]`, or `nil` for an empty list (stored as NULL).
    public static func array(_ items: [String]) -> String? {
        guard !items.isEmpty else { return nil }
        var out = "["
        for (i, s) in items.enumerated() {
            if i > 0 { out += "," }
            appendQuoted(s, to: &out)
        }
        return out + "]"
    }

    /// `{"k":"v",…}` with keys sorted, or `nil` for an empty map.
    public static func object(_ dict: [String: String]) -> String? {
        guard !dict.isEmpty else { return nil }
        var out = "{"
        for (i, key) in dict.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            appendQuoted(key, to: &out)
            out += ":"
            appendQuoted(dict[key] ?? "", to: &out)
        }
        return out + "}"
    }

    /// `s` as a JSON string literal.
    public static func quoted(_ s: String) -> String {
        var out = ""
        appendQuoted(s, to: &out)
        return out
    }

    /// Appends `s` as a JSON string literal in UTF-8, for writers that build bytes.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        if needsEscaping(s) { return out.append(contentsOf: quoted(s).utf8) }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: s.utf8)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `s` as a JSON string literal: RFC 8259 escapes, plus U+2028/U+2029 (which break JavaScript
    /// string literals); everything else as UTF-8.
    static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        if !needsEscaping(s) {
            out += s  // the common case: nothing to escape
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar == "\u{2028}" || scalar == "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// 0xE2 leads the UTF-8 form of U+2028/U+2029, so text without it (and without quotes, backslashes or
    /// controls) is written as is.
    private static func needsEscaping(_ s: String) -> Bool {
        func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for b in bytes where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0xE2 { return true }
            return false
        }
        // Native strings are contiguous UTF-8: a plain loop over the buffer, several times faster than the view.
        return s.utf8.withContiguousStorageIfAvailable(check) ?? s.utf8.contains {
            $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2
        }
    }
}
