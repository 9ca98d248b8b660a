/// The normalized UTF-8 form that topic terms and searched text are compared in.
///
/// `asciiFolded.lowercased()`, except that runs of white space and hyphens become one space, so that
/// `machine-learning` and `machine\nlearning` (wrapped abstracts) match the term `machine learning`. A test checks
/// the equality; it is written as one pass over UTF-8 bytes because it runs on every title and abstract of up to a
/// million records. The output never contains a line break, which `TopicFilter` uses to separate fields.
enum TopicText {
    /// The normalized fields joined by line breaks (which normalized text never contains, so no term can match
    /// across two fields), built in one buffer.
    static func joined(_ a: String?, _ b: String?, _ c: String?) -> [UInt8] {
        var a = a
        var b = b
        var c = c
        let capacity = upperBound(a) + upperBound(b) + upperBound(c) + 2
        return [UInt8](unsafeUninitializedCapacity: capacity) { dst, count in
            var j = 0
            func write(_ text: inout String?) {
                guard text != nil else { return }
                if j > 0 {
                    dst[j] = 0x0A
                    j += 1
                }
                text?.withUTF8 { j = normalize($0, into: dst, at: j) }
            }
            write(&a)
            write(&b)
            write(&c)
            count = j
        }
    }

    /// The normalized bytes of one string.
    static func normalized(_ text: String) -> [UInt8] {
        joined(text, nil, nil)
    }

    /// Room enough for the normalized form: lower-casing grows a scalar by at most half (İ, 2 bytes →
    /// i + U+0307, 3 bytes); folding only shrinks.
    private static func upperBound(_ text: String?) -> Int {
        guard let text else { return 0 }
        return text.utf8.count * 2 + 4
    }

    /// Writes the normalized form of valid UTF-8 `src` into `dst` from `start`; returns the index after it.
    /// ASCII and CJK take fast paths; anything else is decoded to a scalar.
    private static func normalize(_ src: UnsafeBufferPointer<UInt8>, into dst: UnsafeMutableBufferPointer<UInt8>,
                                  at start: Int) -> Int
    {
        var afterSpace = false
        let n = src.count
        var i = 0
        var j = start
        while i < n {
            let b = src[i]
            if b < 0x80 {
                switch b {
                case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x2D:
                    if !afterSpace {
                        dst[j] = 0x20
                        j += 1
                    }
                    afterSpace = true
                default:
                    dst[j] = lowercasedASCII(b)
                    j += 1
                    afterSpace = false
                }
                i += 1
                continue
            }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            guard i + length <= n else { break }
            var v = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length { v = v << 6 | (UInt32(src[i + k]) & 0x3F) }
            switch v {
            case 0x3400...0x9FFF, 0xAC00...0xD7A3:
                // CJK ideographs and Hangul have no case: copy the bytes as they are.
                dst[j] = b
                dst[j + 1] = src[i + 1]
                dst[j + 2] = src[i + 2]
                j += 3
                afterSpace = false
            case 0x3000, 0x00A0, 0x2002...0x200B, 0x202F, 0x205F, 0x2010, 0x2011, 0xFF0D, 0x0085, 0x2028, 0x2029:
                if !afterSpace {
                    dst[j] = 0x20
                    j += 1
                }
                afterSpace = true
            case 0xFF01...0xFF5E:
                dst[j] = lowercasedASCII(UInt8(truncatingIfNeeded: v - 0xFEE0))
                j += 1
                afterSpace = false
            default:
                if let s = Unicode.Scalar(v), s.properties.changesWhenLowercased {
                    for l in s.properties.lowercaseMapping.unicodeScalars where j + 4 <= dst.count {
                        j = writeUTF8(l, into: dst, at: j)
                    }
                } else {
                    for k in 0..<length { dst[j + k] = src[i + k] }
                    j += length
                }
                afterSpace = false
            }
            i += length
        }
        return j
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

    /// Writes the UTF-8 form of `s` at `j`; returns the index after it.
    @inline(__always)
    private static func writeUTF8(_ s: Unicode.Scalar, into dst: UnsafeMutableBufferPointer<UInt8>, at j: Int) -> Int {
        var j = j
        for b in s.utf8 {
            dst[j] = b
            j += 1
        }
        return j
    }
}
