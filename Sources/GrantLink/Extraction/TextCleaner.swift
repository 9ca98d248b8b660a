/// Cleans acknowledgment text in one linear pass; see `CleanedText`.
enum TextCleaner {
    static func clean(_ text: String) -> CleanedText {
        let src = Array(text.unicodeScalars)
        var out: [Unicode.Scalar] = []
        var origin: [Int] = []
        out.reserveCapacity(src.count)
        origin.reserveCapacity(src.count + 1)
        var i = 0
        let n = src.count
        func emit(_ s: Unicode.Scalar, _ at: Int) {
            out.append(s)
            origin.append(at)
        }
        while i < n {
            let c = src[i]
            switch c.value {
            case 0x26:  // &
                if let (decoded, next) = entity(src, at: i) {
                    emit(decoded, i)
                    i = next
                    continue
                }
                emit(c, i)
            case 0x61 where i > 0 && isUpper(src[i - 1]) && matches(src, at: i, "amp;"):
                // WoS writes `R&amp;D` as `Ramp;D`.
                emit("&", i)
                i += 4
                continue
            case 0x2D, 0x2010, 0x2011, 0xAD:  // hyphen: rejoin `Foun-dation`, `Tech- nology`
                if let last = out.last, isLower(last), !wordHasDigit(out, backwardFrom: out.count - 1) {
                    var j = i + 1
                    while j < n, isSpace(src[j]) { j += 1 }
                    if j < n, isLower(src[j]), !wordHasDigit(src, forwardFrom: j) {
                        i = j
                        continue
                    }
                }
                emit(c.value == 0x2D ? c : "-", i)
            case 0xFF01...0xFF5E:
                emit(Unicode.Scalar(c.value - 0xFEE0) ?? c, i)
            case 0x3000, 0x00A0, 0x2002...0x200B, 0x202F, 0x205F, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0xFEFF:
                emit(" ", i)
            case 0x3001:  // 、 ideographic comma: a list separator
                emit(",", i)
            default:
                emit(c, i)
            }
            i += 1
        }
        origin.append(n)
        return CleanedText(original: text, source: src, isASCII: text.utf8.count == n, scalars: out, origin: origin)
    }

    private static let named: [String: Unicode.Scalar] = [
        "amp": "&", "nbsp": " ", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "ndash": "-", "mdash": "-",
    ]

    /// Decodes `&name;`, `&#NN;`, `&#xHH;` and WoS's `& nbsp;` at `i`.
    private static func entity(_ s: [Unicode.Scalar], at i: Int) -> (Unicode.Scalar, Int)? {
        var j = i + 1
        if j < s.count, s[j] == " ", matches(s, at: j + 1, "nbsp;") { return (" ", j + 6) }
        var name = ""
        while j < s.count, j - i <= 9, s[j] != ";" {
            guard s[j].properties.isASCIIHexDigit || isLetter(s[j]) || s[j] == "#" else { return nil }
            name.unicodeScalars.append(s[j])
            j += 1
        }
        guard j < s.count, s[j] == ";", !name.isEmpty else { return nil }
        if let v = named[name.lowercased()] { return (v, j + 1) }
        if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16),
            let u = Unicode.Scalar(v)
        {
            return (u, j + 1)
        }
        if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) { return (u, j + 1) }
        return nil
    }

    /// Whether the letter/digit run through `i` has a digit within 40 scalars: `jcyj-cxttX0002` is a code,
    /// not a hyphenated word. Bounded so that long runs cannot make cleaning quadratic.
    private static func wordHasDigit(_ s: [Unicode.Scalar], backwardFrom i: Int) -> Bool {
        var k = i
        while k >= 0, i - k < 40, isLetter(s[k]) || isDigit(s[k]) {
            if isDigit(s[k]) { return true }
            k -= 1
        }
        return false
    }

    private static func wordHasDigit(_ s: [Unicode.Scalar], forwardFrom i: Int) -> Bool {
        var k = i
        while k < s.count, k - i < 40, isLetter(s[k]) || isDigit(s[k]) {
            if isDigit(s[k]) { return true }
            k += 1
        }
        return false
    }

    static func matches(_ s: [Unicode.Scalar], at i: Int, _ lit: String) -> Bool {
        var k = i
        for u in lit.unicodeScalars {
            guard k < s.count, s[k] == u else { return false }
            k += 1
        }
        return true
    }

    static func isLower(_ s: Unicode.Scalar) -> Bool { s.value >= 0x61 && s.value <= 0x7A }
    static func isUpper(_ s: Unicode.Scalar) -> Bool { s.value >= 0x41 && s.value <= 0x5A }
    static func isLetter(_ s: Unicode.Scalar) -> Bool { isLower(s) || isUpper(s) }
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0xA0, 0x3000, 0x2002...0x200B, 0x202F, 0x205F, 0xFEFF: true
        default: false
        }
    }
}
