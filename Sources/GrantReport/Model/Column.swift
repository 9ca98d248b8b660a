/// A table column: its header and how its cells are formatted.
public struct Column: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case text, integer, decimal, percent
        /// Money in 万元 (10,000 yuan): builders divide yuan by 10,000 and say so in the header.
        case yuan
    }

    public var name: String
    public var kind: Kind
    /// Fraction digits for decimal, percent (of the percentage) and yuan columns.
    public var digits: Int

    public init(_ name: String, _ kind: Kind, digits: Int? = nil) {
        self.name = name
        self.kind = kind
        self.digits = digits ?? (kind == .percent ? 1 : 2)
    }

    public var isNumeric: Bool { kind != .text }
}
