/// A text field of a grant or paper that a topic searches.
public enum TopicField: String, Codable, Sendable, CaseIterable {
    case title, keywords, abstract
}

/// A group of alternative terms: the group matches when the text contains any one of them.
///
/// A term written `@name` stands for every term of the topic's `term_lists["name"]`.
public struct TopicGroup: Codable, Equatable, Sendable {
    public var any: [String]

    public init(any: [String]) {
        self.any = any
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case any
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        any = try decoder.container(keyedBy: CodingKeys.self).decode([String].self, forKey: .any)
    }
}

/// A selection rule: every group of `allOf` must match, and no `none` term may occur.
///
/// JSON: `{"all_of": [{"any": ["人工智能", "@ai"]}, {"any": ["@medical"]}], "none": ["…"]}`.
public struct TopicRule: Codable, Equatable, Sendable {
    public var allOf: [TopicGroup]
    public var none: [String]

    public init(allOf: [TopicGroup], none: [String] = []) {
        self.allOf = allOf
        self.none = none
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case allOf = "all_of"
        case none
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        allOf = try c.decode([TopicGroup].self, forKey: .allOf)
        none = try c.decodeIfPresent([String].self, forKey: .none) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(allOf, forKey: .allOf)
        if !none.isEmpty { try c.encode(none, forKey: .none) }
    }
}

/// Any string key, to list the keys an object actually has.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Throws when a JSON object has keys outside `known`, so a typo (`"al_of"`, `"departmens"`) is reported
/// instead of silently changing the selection.
func rejectUnknownKeys(_ decoder: any Decoder, known: [String]) throws {
    let c = try decoder.container(keyedBy: AnyCodingKey.self)
    let unknown = c.allKeys.map(\.stringValue).filter { !known.contains($0) }.sorted()
    guard unknown.isEmpty else {
        let path = decoder.codingPath.map(\.stringValue).joined(separator: ".")
        throw ModelError.topicInvalid(
            reason: "unknown key \(unknown.map { "'\($0)'" }.joined(separator: ", "))"
                + (path.isEmpty ? "" : " in '\(path)'") + "; expected one of \(known.joined(separator: ", "))")
    }
}
