/// Decoding of XML character references and of the `_xHHHH_` escapes Excel writes for control characters.
enum XMLEntities {
    /// Appends `raw` to `out`, replacing `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NN;` and `&#xHH;`.
    /// An unknown or malformed reference is kept literally.
    static func appendDecoded(_ raw: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let n = raw.count
        var i = 0
        while i < n {
            let b = raw[i]
            guard b == 0x26 else {
                out.append(b)
                i += 1
                continue
            }
            var j = i + 1
            while j < n && j - i <= 12 && raw[j] != 0x3B { j += 1 }
            guard j < n, raw[j] == 0x3B else {
                out.append(b)
                i += 1
                continue
            }
            let body = UnsafeBufferPointer(rebasing: raw[(i + 1)..<j])
            if let scalar = reference(body) {
                appendUTF8(scalar, to: &out)
            } else {
                out.append(contentsOf: raw[i...j])
            }
            i = j + 1
        }
    }

    private static func reference(_ body: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        switch String(decoding: body, as: UTF8.self) {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case let s where s.hasPrefix("#x") || s.hasPrefix("#X"):
            return UInt32(s.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        case let s where s.hasPrefix("#"):
            return UInt32(s.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
        default: return nil
        }
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        UTF8.encode(scalar) { out.append($0) }
    }

    /// Replaces Excel's `_xHHHH_` escapes (e.g. `_x000D_` for CR) in cell text; `_x005F_` escapes `_`.
    static func unescapeOOXML(_ text: String) -> String {
        guard text.utf8.contains(0x5F), text.contains("_x") else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x5F, i + 6 < bytes.count, bytes[i + 1] == 0x78, bytes[i + 6] == 0x5F,
               let code = UInt32(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16),
               let scalar = Unicode.Scalar(code) {
                appendUTF8(scalar, to: &out)
                i += 7
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
