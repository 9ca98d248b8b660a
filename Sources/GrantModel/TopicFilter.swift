/// A topic (e.g. "medical AI") as rules on the text of grants and papers, possibly different per department.
///
/// Load one with ``preset(named:)`` or ``init(contentsOf:)``; the JSON format is described in
/// `Resources/topics/README.md`. A grant is judged by the rule of its department, or by the `default` rule
/// when its department has none and `other_departments` is `"default"`; a paper (no department) by the
/// `papers` rule, else the `default` rule.
///
/// Matching is case-insensitive and full-width-insensitive (`ＡＩ` = `ai`). CJK and longer Latin terms match as
/// substrings; Latin terms of up to three letters (`AI`) match only as whole words.
public struct TopicFilter: Sendable {
    /// What a grant of a department without its own rule is judged by.
    public enum OtherDepartments: String, Codable, Sendable {
        /// Not selected: the topic only covers the departments it names.
        case exclude
        /// Judged by the `default` rule.
        case `default`
    }

    public let name: String
    public let description: String
    /// Where the strategy comes from (citation), if anywhere.
    public let source: String?
    /// Free-text remarks kept with the topic (choices made, how to change them).
    public let notes: [String]
    /// The fields searched; all three unless the file says otherwise.
    public let fields: [TopicField]
    /// Named term lists that groups reference as `@name`.
    public let termLists: [String: [String]]
    public let defaultRule: TopicRule?
    /// Rule for papers; `nil` means papers use `defaultRule`.
    public let papersRule: TopicRule?
    /// Rules keyed by department code (`H`, `F`, `MRP`, `YFC`, …).
    public let departments: [String: TopicRule]
    public let otherDepartments: OtherDepartments

    let compiled: Compiled

    /// The matchers built from the rules, built once when the topic is created.
    struct Compiled: Sendable {
        var byDepartment: [String: TopicMatcher]
        var other: TopicMatcher?
        var papers: TopicMatcher?
        var searchesTitle: Bool
        var searchesKeywords: Bool
        var searchesAbstract: Bool
    }

    /// Creates and checks a topic.
    ///
    /// - Throws: `ModelError.topicInvalid` naming what is wrong (empty group, unknown `@list`, unknown department…).
    public init(name: String, description: String, source: String? = nil, notes: [String] = [],
                fields: [TopicField] = TopicField.allCases, termLists: [String: [String]] = [:],
                defaultRule: TopicRule? = nil, papersRule: TopicRule? = nil,
                departments: [String: TopicRule] = [:], otherDepartments: OtherDepartments? = nil) throws
    {
        self.name = name
        self.description = description
        self.source = source
        self.notes = notes
        self.fields = fields
        self.termLists = termLists
        self.defaultRule = defaultRule
        self.papersRule = papersRule
        self.departments = departments
        self.otherDepartments = otherDepartments ?? (defaultRule == nil ? .exclude : .default)
        compiled = try Self.compile(name: name, fields: fields, termLists: termLists, defaultRule: defaultRule,
                                    papersRule: papersRule, departments: departments,
                                    otherDepartments: self.otherDepartments)
    }

    /// Whether a grant belongs to the topic.
    ///
    /// - Parameter department: the stored department code (`H`, `MRP`, `YFC`…); `nil` or unknown codes follow
    ///   `other_departments`.
    public func matchesGrant(department: String?, title: String?, keywords: String?, abstract: String?) -> Bool {
        let matcher: TopicMatcher?
        if let department {
            matcher = compiled.byDepartment[department]
                ?? compiled.byDepartment[department.trimmingSpaces.uppercased()] ?? compiled.other
        } else {
            matcher = compiled.other
        }
        guard let matcher else { return false }
        return matcher.matches(text(title: title, keywords: keywords, abstract: abstract))
    }

    /// Whether a paper belongs to the topic, by the `papers` rule or else the `default` rule.
    public func matchesPaper(title: String?, keywords: String?, abstract: String?) -> Bool {
        guard let matcher = compiled.papers else { return false }
        return matcher.matches(text(title: title, keywords: keywords, abstract: abstract))
    }

    /// The searched fields, normalized and joined by line breaks.
    private func text(title: String?, keywords: String?, abstract: String?) -> [UInt8] {
        TopicText.joined(compiled.searchesTitle ? title : nil, compiled.searchesKeywords ? keywords : nil,
                         compiled.searchesAbstract ? abstract : nil)
    }
}

extension TopicFilter: Equatable {
    public static func == (a: TopicFilter, b: TopicFilter) -> Bool {
        a.name == b.name && a.description == b.description && a.source == b.source && a.notes == b.notes
            && a.fields == b.fields && a.termLists == b.termLists && a.defaultRule == b.defaultRule
            && a.papersRule == b.papersRule && a.departments == b.departments
            && a.otherDepartments == b.otherDepartments
    }
}
