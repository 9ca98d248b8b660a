/// A funder identifier as used throughout the tool: `nsfc`, `nkrdpc`, or another recognised funder id.
///
/// Kept open (a string wrapper, not a closed enum) because extraction recognises many look-alike
/// funders whose ids only need to be distinct and stable.
public struct FunderID: RawRepresentable, Hashable, Codable, Sendable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
    public var description: String { rawValue }
    public static func < (a: FunderID, b: FunderID) -> Bool { a.rawValue < b.rawValue }

    /// 国家自然科学基金 National Natural Science Foundation of China.
    public static let nsfc: FunderID = "nsfc"
    /// 国家重点研发计划 National Key R&D Program of China.
    public static let nkrdpc: FunderID = "nkrdpc"

    /// Display name for reports.
    public var displayName: String {
        switch self {
        case .nsfc: "NSFC 国家自然科学基金"
        case .nkrdpc: "National Key R&D 国家重点研发计划"
        default: rawValue
        }
    }
}
