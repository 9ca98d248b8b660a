/// The normalized UTF-8 form that topic terms and searched text are compared in.
///
/// Equal to `asciiFolded.lowercased()` (a test checks this), but written as one pass that appends bytes to a
/// reused buffer, because it runs on every title and abstract of up to a million records.
enum TopicText {
    /// Appends the normalized UTF-8 bytes of `text` to `out`.
    static func append(_ text: String, to out: inout [UInt8]) {
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 {
                out.append(lowercasedASCII(UInt8(truncatingIfNeeded: v)))
                continue
            }
            switch v {
            case 0x3400...0x9FFF, 0xAC00...0xD7A3:
                // CJK ideographs and Hangul have no case: skip the property lookup.
                appendUTF8(s, to: &out)
            case 0xFF01...0xFF5E:
                out.append(lowercasedASCII(UInt8(truncatingIfNeeded: v - 0xFEE0)))
            case 0x3000, 0x00A0, 0x2002...0x200B, 0x202F, 0x205F:
                out.append(0x20)
            default:
                if s.properties.changesWhenLowercased {
                    for l in s.properties.lowercaseMapping.unicodeScalars { appendUTF8(l, to: &out) }
                } else {
                    appendUTF8(s, to: &out)
                }
            }
        }
    }

    /// The normalized bytes of one term.
    static func normalized(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        append(text, to: &out)
        return out
    }

    @inline(__always)
    static func lowercasedASCII(_ b: UInt8) -> UInt8 {
        (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
    }

    /// True for ASCII letters and digits: the characters a whole-word term may not touch.
    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)
    }

    @inline(__always)
    private static func appendUTF8(_ s: Unicode.Scalar, to out: inout [UInt8]) {
        let v = s.value
        switch v {
        case ..<0x80:
            out.append(UInt8(truncatingIfNeeded: v))
        case ..<0x800:
            out.append(0xC0 | UInt8(truncatingIfNeeded: v >> 6))
            out.append(0x80 | UInt8(truncatingIfNeeded: v & 0x3F))
        case ..<0x10000:
            out.append(0xE0 | UInt8(truncatingIfNeeded: v >> 12))
            out.append(0x80 | UInt8(truncatingIfNeeded: (v >> 6) & 0x3F))
            out.append(0x80 | UInt8(truncatingIfNeeded: v & 0x3F))
        default:
            out.append(0xF0 | UInt8(truncatingIfNeeded: v >> 18))
            out.append(0x80 | UInt8(truncatingIfNeeded: (v >> 12) & 0x3F))
            out.append(0x80 | UInt8(truncatingIfNeeded: (v >> 6) & 0x3F))
            out.append(0x80 | UInt8(truncatingIfNeeded: v & 0x3F))
        }
    }
}
