extension TopicFilter {
    /// Checks the definition and builds the matchers.
    static func compile(name: String, fields: [TopicField], termLists: [String: [String]], defaultRule: TopicRule?,
                        papersRule: TopicRule?, departments: [String: TopicRule],
                        otherDepartments: OtherDepartments) throws -> Compiled
    {
        func fail(_ reason: String) -> ModelError { .topicInvalid(reason: reason) }

        guard !name.trimmingSpaces.isEmpty else { throw fail("'name' is empty") }
        guard !fields.isEmpty else { throw fail("'fields' is empty; use any of title, keywords, abstract") }
        for (list, terms) in termLists {
            guard !list.isEmpty, !list.contains("@") else { throw fail("term list name '\(list)' is not usable") }
            guard !terms.isEmpty else { throw fail("term_lists.\(list) is empty") }
            for term in terms where term.hasPrefix("@") {
                throw fail("term_lists.\(list): '\(term)' — lists cannot reference other lists")
            }
        }

        /// Expands `@list` references and checks every term.
        func expand(_ terms: [String], at path: String) throws -> [String] {
            var out: [String] = []
            for raw in terms {
                let term = raw.trimmingSpaces
                if term.hasPrefix("@") {
                    let list = String(term.dropFirst())
                    guard let members = termLists[list] else {
                        let known = termLists.keys.sorted().map { "@\($0)" }.joined(separator: ", ")
                        throw fail("\(path): unknown term list '\(term)'" + (known.isEmpty ? "" : " (known: \(known))"))
                    }
                    out += try expand(members, at: "term_lists.\(list)")
                    continue
                }
                let bytes = TopicText.normalized(term)
                guard bytes.count >= 2 else { throw fail("\(path): term '\(raw)' is too short") }
                out.append(term)
            }
            return out
        }

        func matcher(_ rule: TopicRule, at path: String) throws -> TopicMatcher {
            guard !rule.allOf.isEmpty else { throw fail("\(path).all_of is empty; give at least one group") }
            var groups: [[String]] = []
            for (i, group) in rule.allOf.enumerated() {
                let terms = try expand(group.any, at: "\(path).all_of[\(i)]")
                guard !terms.isEmpty else { throw fail("\(path).all_of[\(i)] has no terms") }
                groups.append(terms)
            }
            return TopicMatcher(groups: groups, none: try expand(rule.none, at: "\(path).none"))
        }

        var byDepartment: [String: TopicMatcher] = [:]
        for (code, rule) in departments.sorted(by: { $0.key < $1.key }) {
            let key = code.trimmingSpaces.uppercased()
            guard isDepartmentCode(key) else {
                throw fail("departments: unknown department code '\(code)'; use A…H, T, MRP, JOINT or YFA…YFZ")
            }
            guard byDepartment[key] == nil else { throw fail("departments: '\(code)' given twice") }
            byDepartment[key] = try matcher(rule, at: "departments.\(code)")
        }
        let defaultMatcher = try defaultRule.map { try matcher($0, at: "default") }
        let papersMatcher = try papersRule.map { try matcher($0, at: "papers") } ?? defaultMatcher
        if otherDepartments == .default, defaultMatcher == nil {
            throw fail("'other_departments' is \"default\" but there is no 'default' rule")
        }
        guard !byDepartment.isEmpty || defaultMatcher != nil || papersMatcher != nil else {
            throw fail("no rules: give 'default', 'papers' or 'departments'")
        }
        return Compiled(byDepartment: byDepartment, other: otherDepartments == .default ? defaultMatcher : nil,
                        papers: papersMatcher, searchesTitle: fields.contains(.title),
                        searchesKeywords: fields.contains(.keywords), searchesAbstract: fields.contains(.abstract))
    }

    /// Department codes as stored on grants: NSFC letters, `MRP`, `JOINT`, Key R&D `YF` + programme letter.
    static func isDepartmentCode(_ code: String) -> Bool {
        if NSFCDepartment(rawValue: code) != nil || code == "MRP" || code == "JOINT" { return true }
        let u = Array(code.unicodeScalars)
        return u.count == 3 && code.hasPrefix("YF") && ("A"..."Z").contains(u[2])
    }
}
