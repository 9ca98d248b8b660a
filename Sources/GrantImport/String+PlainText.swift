extension String {
    /// True when the text holds only ASCII, CJK unified ideographs (U+4E00–U+9FFF), CJK punctuation
    /// (U+3000–U+3029) and full-width forms (U+FF01–U+FF5E): none of these decompose canonically or combine,
    /// so a byte-wise substring search finds exactly what Foundation's canonical-equivalence search finds.
    var isPlainText: Bool {
        unicodeScalars.allSatisfy { s in
            switch s.value {
            case 0..<0x80, 0x3000...0x3029, 0x4E00...0x9FFF, 0xFF01...0xFF5E: true
            default: false
            }
        }
    }
}

extension String.UTF8View {
    /// Whether `needle` occurs in the bytes.
    func contains(subsequence needle: String.UTF8View) -> Bool {
        let hay = Array(self), pattern = Array(needle)
        guard pattern.count <= hay.count else { return false }
        if pattern.isEmpty { return true }
        for start in 0...(hay.count - pattern.count) where hay[start] == pattern[0] {
            if hay[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
        }
        return false
    }

    /// Whether `needle` (lower-case ASCII) occurs in the bytes, ASCII letters compared without case.
    func containsIgnoringASCIICase(_ needle: String) -> Bool {
        let hay = Array(self), pattern = Array(needle.utf8)
        guard pattern.count <= hay.count else { return false }
        if pattern.isEmpty { return true }
        func lower(_ b: UInt8) -> UInt8 { b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b }
        for start in 0...(hay.count - pattern.count) {
            if (0..<pattern.count).allSatisfy({ lower(hay[start + $0]) == pattern[$0] }) { return true }
        }
        return false
    }
}
