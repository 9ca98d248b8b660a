/// An acknowledgment text prepared for scanning, with a map back to the original scalar offsets.
///
/// Cleaning folds full-width forms to ASCII, decodes HTML entities (including WoS's `Ramp;D` for `R&amp;D`),
/// turns line breaks and odd spaces into plain spaces, and rejoins words hyphenated across a line (`Foun-dation`).
struct CleanedText {
    /// The original text and its scalars.
    var original: String
    var source: [Unicode.Scalar]
    /// Scalar offsets equal UTF-8 offsets, so substrings can be cut from `original.utf8` directly.
    var isASCII: Bool
    /// The cleaned scalars.
    var scalars: [Unicode.Scalar]
    /// `origin[i]` is the offset in `source` of `scalars[i]`; one extra entry holds `source.count`.
    var origin: [Int]

    /// The original text between two cleaned offsets (end exclusive).
    func originalText(from start: Int, to end: Int) -> String {
        let a = origin[start]
        let b = end > start ? origin[end - 1] + 1 : a
        if isASCII {
            let u = original.utf8
            return String(Substring(u[u.index(u.startIndex, offsetBy: a)..<u.index(u.startIndex, offsetBy: b)]))
        }
        // Encoded straight into the string's storage: appending scalars to a UnicodeScalarView one by one took 8%
        // of extraction.
        let scalars = source[a..<b]
        let capacity = scalars.reduce(0) { $0 + UTF8.width($1) }
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var n = 0
            for s in scalars {
                UTF8.encode(s) { byte in
                    buffer[n] = byte
                    n += 1
                }
            }
            return n
        }
    }

    /// Original offsets for a cleaned range (end exclusive).
    func originalRange(from start: Int, to end: Int) -> Range<Int> {
        let a = origin[start]
        let b = end > start ? origin[end - 1] + 1 : a
        return a..<b
    }
}
