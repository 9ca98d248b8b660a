/// One token of a cleaned acknowledgment: a word, a number candidate, a CJK character or a punctuation mark.
struct Token {
    enum Kind: UInt8 {
        /// ASCII letters only; `text` is lower-cased (`R&D` becomes `rd`).
        case word
        /// Letters and digits with at least one digit (`81871234`, `2017YFC0805800-02`); `text` is upper-cased.
        case number
        /// One CJK character; `scalar` holds it (`text` is empty).
        case cjk
        /// One other character; `scalar` holds it (`text` is empty).
        case punct
    }

    var kind: Kind
    /// Cleaned-scalar range, end exclusive.
    var start: Int
    var end: Int
    var text: String
    /// The first scalar of the token (the whole token for `cjk` and `punct`).
    var scalar: Unicode.Scalar = " "
    /// What the attribution walk needs to know about a word, looked up once.
    var wordClass: WordClass = []
    /// The word starts with an upper-case letter in the text.
    var capitalized: Bool = false
    /// The word is written in capitals only (`NSFC`, `MOST`).
    var allCaps: Bool = false
    /// White space precedes the token.
    var spaceBefore: Bool = false

    func isPunct(_ c: Unicode.Scalar) -> Bool { kind == .punct && scalar == c }
    func isWord(_ w: String) -> Bool { kind == .word && text == w }
}
