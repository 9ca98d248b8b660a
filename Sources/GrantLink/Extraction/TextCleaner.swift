/// Cleans acknowledgment text in one linear pass; see `CleanedText`.
enum TextCleaner {
    static func clean(_ text: String) -> CleanedText {
        var isASCII = true
        let utf8 = text.utf8
        var src = [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { buf, count in
            var k = 0
            for b in utf8 {
                if b >= 0x80 {
                    isASCII = false
                    break
                }
                buf[k] = Unicode.Scalar(b)
                k += 1
            }
            count = k
        }
        if !isASCII { src = Array(text.unicodeScalars) }
        let n = src.count
        // The output is never longer than the input, so both arrays are filled in place.
        var written = 0
        var origin: [Int] = []
        let out = [Unicode.Scalar](unsafeUninitializedCapacity: n) { out, outCount in
            origin = [Int](unsafeUninitializedCapacity: n + 1) { org, orgCount in
                written = cleanScalars(src, into: out, origin: org)
                org[written] = n
                orgCount = written + 1
            }
            outCount = written
        }
        return CleanedText(original: text, source: src, isASCII: isASCII, scalars: out, origin: origin)
    }

    /// The cleaning loop; returns how many scalars it wrote.
    private static func cleanScalars(_ src: [Unicode.Scalar], into out: UnsafeMutableBufferPointer<Unicode.Scalar>,
                                     origin: UnsafeMutableBufferPointer<Int>) -> Int
    {
        let n = src.count
        var w = 0
        var i = 0
        while i < n {
            let c = src[i]
            let v = c.value
            // Fast path: printable ASCII that no rule below touches.
            if v >= 0x20 && v < 0x7F && v != 0x26 && v != 0x2D && v != 0x61 {
                out[w] = c
                origin[w] = i
                w += 1
                i += 1
                continue
            }
            var emitted: Unicode.Scalar = c
            var next = i + 1
            switch v {
            case 0x26:  // &
                if let (decoded, after) = entity(src, at: i) {
                    emitted = decoded
                    next = after
                }
            case 0x61 where i > 0 && isUpper(src[i - 1]) && matches(src, at: i, "amp;"):
                // WoS writes `R&amp;D` as `Ramp;D`.
                emitted = "&"
                next = i + 4
            case 0x2D, 0x2010, 0x2011, 0xAD:  // hyphen: rejoin `Foun-dation`, `Tech- nology`
                if w > 0, isLower(out[w - 1]), !wordHasDigit(out, backwardFrom: w - 1) {
                    var j = i + 1
                    while j < n, isSpace(src[j]) { j += 1 }
                    if j < n, isLower(src[j]), !wordHasDigit(src, forwardFrom: j) {
                        i = j
                        continue
                    }
                }
                emitted = "-"
            case 0xFF01...0xFF5E:
                emitted = Unicode.Scalar(v - 0xFEE0) ?? c
            case 0x3000, 0x00A0, 0x2002...0x200B, 0x202F, 0x205F, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0xFEFF:
                emitted = " "
            case 0x3001:  // 、 ideographic comma: a list separator
                emitted = ","
            default:
                break
            }
            out[w] = emitted
            origin[w] = i
            w += 1
            i = next
        }
        return w
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
    private static func wordHasDigit(_ s: UnsafeMutableBufferPointer<Unicode.Scalar>, backwardFrom i: Int) -> Bool {
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
