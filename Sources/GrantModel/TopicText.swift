/// The normalized UTF-8 form that topic terms and searched text are compared in.
///
/// `asciiFolded.lowercased()`, except that runs of white space and hyphens become one space, so that
/// `machine-learning` and `machine\nlearning` (wrapped abstracts) match the term `machine learning`. A test checks
/// the equality; it is written as one pass appending bytes because it runs on every title and abstract of up to a
/// million records. The output never contains a line break, which `TopicFilter` uses to separate fields.
enum TopicText {
    /// Appends the normalized UTF-8 bytes of `text` to `out`.
    static func append(_ text: String, to out: inout [UInt8]) {
        var afterSpace = out.last == 0x20
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 {
                switch v {
                case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x2D:
                    if !afterSpace { out.append(0x20) }
                    afterSpace = true
                default:
                    out.append(lowercasedASCII(UInt8(truncatingIfNeeded: v)))
                    afterSpace = false
                }
                continue
            }
            switch v {
            case 0x3000, 0x00A0, 0x2002...0x200B, 0x202F, 0x205F, 0x2010, 0x2011, 0xFF0D, 0x0085, 0x2028, 0x2029:
                if !afterSpace { out.append(0x20) }
                afterSpace = true
                continue
            default:
                afterSpace = false
            }
            switch v {
            case 0x3400...0x9FFF, 0xAC00...0xD7A3:
                // CJK ideographs and Hangul have no case: skip the property lookup.
                appendUTF8(s, to: &out)
            case 0xFF01...0xFF5E:
                out.append(lowercasedASCII(UInt8(truncatingIfNeeded: v - 0xFEE0)))
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
