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

    /// Reads a JSON array of strings as `array(_:)` writes it (any valid JSON string array is accepted);
    /// `nil` when the text is not one. Foundation's decoder cost more than the linking it fed.
    public static func parseArray(_ json: String) -> [String]? {
        var json = json
        return json.withUTF8 { buf -> [String]? in
            var i = 0
            func skipSpace() { while i < buf.count, buf[i] == 0x20 || buf[i] == 0x0A || buf[i] == 0x0D || buf[i] == 0x09 { i += 1 } }
            func expect(_ b: UInt8) -> Bool {
                skipSpace()
                guard i < buf.count, buf[i] == b else { return false }
                i += 1
                return true
            }
            guard expect(UInt8(ascii: "[")) else { return nil }
            var items: [String] = []
            if expect(UInt8(ascii: "]")) { skipSpace(); return i == buf.count ? items : nil }
            repeat {
                guard expect(UInt8(ascii: "\"")), let s = readString(buf, &i) else { return nil }
                items.append(s)
            } while expect(UInt8(ascii: ","))
            guard expect(UInt8(ascii: "]")) else { return nil }
            skipSpace()
            return i == buf.count ? items : nil
        }
    }

    /// Reads a string's body after its opening quote, up to and past the closing one.
    private static func readString(_ buf: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> String? {
        let start = i
        while i < buf.count, buf[i] != UInt8(ascii: "\""), buf[i] != UInt8(ascii: "\\"), buf[i] >= 0x20 { i += 1 }
        guard i < buf.count else { return nil }
        if buf[i] == UInt8(ascii: "\"") {  // the common case: nothing escaped
            defer { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self)
        }
        var bytes = Array(buf[start..<i])
        var pendingHigh: UInt32?
        while i < buf.count {
            let b = buf[i]
            i += 1
            if b == UInt8(ascii: "\"") { return pendingHigh == nil ? String(decoding: bytes, as: UTF8.self) : nil }
            guard b == UInt8(ascii: "\\") else {
                guard pendingHigh == nil, b >= 0x20 else { return nil }
                bytes.append(b)
                continue
            }
            guard i < buf.count else { return nil }
            let e = buf[i]
            i += 1
            if e == UInt8(ascii: "u") {
                guard i + 4 <= buf.count, let v = UInt32(String(decoding: UnsafeBufferPointer(rebasing: buf[i..<(i + 4)]), as: UTF8.self), radix: 16)
                else { return nil }
                i += 4
                var scalar: UInt32 = v
                if let high = pendingHigh {
                    guard (0xDC00...0xDFFF).contains(v) else { return nil }
                    scalar = 0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00)
                    pendingHigh = nil
                } else if (0xD800...0xDBFF).contains(v) {
                    pendingHigh = v
                    continue
                }
                guard let u = Unicode.Scalar(scalar) else { return nil }
                bytes.append(contentsOf: Array(String(Character(u)).utf8))
                continue
            }
            guard pendingHigh == nil else { return nil }
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(e)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            default: return nil
            }
        }
        return nil
    }
}
