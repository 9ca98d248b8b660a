/// Splits cleaned text into tokens in one linear pass.
///
/// Letter runs split at lower→upper changes (`ShenzhenScience`); a run with digits is one number
/// candidate, extended over `-` joins (`2016YFD0200701-3`); a funder acronym glued to a number
/// (`NSFC52070131`) is split off; `R&D` / `R & D` become the single word `rd`.
enum Tokenizer {
    static func tokenize(_ s: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(s.count / 4)
        var i = 0
        let n = s.count
        var space = false
        while i < n {
            let c = s[i]
            if TextCleaner.isSpace(c) {
                space = true
                i += 1
                continue
            }
            if isAlnum(c) {
                var j = i
                var hasDigit = false
                while j < n, isAlnum(s[j]) {
                    if TextCleaner.isDigit(s[j]) { hasDigit = true }
                    j += 1
                }
                if hasDigit {
                    // Extend over `-` joins without spaces: `2017YFC0805800-02`, `cstc2019jcyj-cxttX0002`.
                    while j + 1 < n, s[j] == "-", isAlnum(s[j + 1]) {
                        j += 1
                        while j < n, isAlnum(s[j]) { j += 1 }
                    }
                    var start = i
                    if let p = gluedAcronymLength(s, i, j) {
                        tokens.append(word(s, i, i + p, space))
                        space = false
                        start = i + p
                    }
                    tokens.append(Token(kind: .number, start: start, end: j, text: upper(s, start, j), scalar: s[start],
                                        spaceBefore: space))
                } else {
                    appendWords(s, i, j, space, &tokens)
                    // `People's`
                    if j + 1 < n, s[j] == "'" || s[j] == "\u{2019}", s[j + 1] == "s" || s[j + 1] == "S",
                        !(j + 2 < n && isAlnum(s[j + 2]))
                    {
                        tokens[tokens.count - 1].end = j + 2
                        j += 2
                    }
                }
                i = j
            } else if isCJK(c) {
                tokens.append(Token(kind: .cjk, start: i, end: i + 1, text: "", scalar: c, spaceBefore: space))
                i += 1
            } else {
                if c == "&", let last = tokens.last, last.kind == .word, last.end - last.start == 1, last.text == "r" {
                    // R&D, R & D
                    var j = i + 1
                    while j < n, TextCleaner.isSpace(s[j]) { j += 1 }
                    if j < n, s[j] == "D" || s[j] == "d", !(j + 1 < n && isAlnum(s[j + 1])) {
                        tokens[tokens.count - 1].text = "rd"
                        tokens[tokens.count - 1].wordClass = WordClass.of("rd")
                        tokens[tokens.count - 1].end = j + 1
                        space = false
                        i = j + 1
                        continue
                    }
                }
                tokens.append(Token(kind: .punct, start: i, end: i + 1, text: "", scalar: c, spaceBefore: space))
                i += 1
            }
            space = false
        }
        return tokens
    }

    /// `NSFC52070131`, `NNSFC61234567`: the length of a funder acronym glued to a number.
    private static func gluedAcronymLength(_ s: [Unicode.Scalar], _ i: Int, _ j: Int) -> Int? {
        for p in ["NSFC", "NNSFC"] where j - i > p.unicodeScalars.count + 4 && TextCleaner.matches(s, at: i, p) {
            let k = i + p.unicodeScalars.count
            if TextCleaner.isDigit(s[k]) || ((s[k] == "U" || s[k] == "T") && TextCleaner.isDigit(s[k + 1])) {
                return p.unicodeScalars.count
            }
        }
        return nil
    }

    private static func appendWords(_ s: [Unicode.Scalar], _ i: Int, _ j: Int, _ space: Bool, _ tokens: inout [Token]) {
        var a = i
        var k = i + 1
        var first = true
        while k <= j {
            if k == j || (TextCleaner.isLower(s[k - 1]) && TextCleaner.isUpper(s[k])) {
                tokens.append(word(s, a, k, first ? space : false))
                first = false
                a = k
            }
            k += 1
        }
    }

    private static func word(_ s: [Unicode.Scalar], _ a: Int, _ b: Int, _ space: Bool) -> Token {
        var allCaps = true
        var hash = WordClass.fnvOffset
        let text = asciiString(s, a, b) { v in
            var lower = v
            if v >= 0x41 && v <= 0x5A { lower = v + 32 } else { allCaps = false }
            hash = WordClass.fnvStep(hash, lower)
            return lower
        }
        return Token(kind: .word, start: a, end: b, text: text, scalar: s[a],
                     wordClass: b - a <= 16 ? WordClass.lookup(hash: hash) : [],
                     capitalized: TextCleaner.isUpper(s[a]), allCaps: allCaps, spaceBefore: space)
    }

    private static func upper(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> String {
        asciiString(s, a, b) { v in v >= 0x61 && v <= 0x7A ? v - 32 : v }
    }

    /// Builds a string from ASCII scalars `s[a..<b]`, mapping each byte; one allocation at most.
    private static func asciiString(_ s: [Unicode.Scalar], _ a: Int, _ b: Int, _ map: (UInt8) -> UInt8) -> String {
        String(unsafeUninitializedCapacity: b - a) { buf in
            for k in a..<b { buf[k - a] = map(UInt8(truncatingIfNeeded: s[k].value)) }
            return b - a
        }
    }

    static func isAlnum(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
    }

    static func isCJK(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (v >= 0x3400 && v <= 0x9FFF) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x20000 && v <= 0x2FFFF)
    }
}
