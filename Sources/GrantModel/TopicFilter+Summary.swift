extension TopicFilter {
    /// Human-readable lines describing the topic and its rules, for report notes.
    ///
    /// ```
    /// topic medical-ai: NSFC medical AI projects, per the search strategy of Qiu et al. 2025
    /// H 医学科学部 Medical Sciences: title/keywords/abstract contains any of 人工智能, 机器学习, 深度学习, 算法, …
    /// other departments: not selected
    /// papers: title/keywords/abstract contains any of 人工智能, … and any of 医学, 健康, …
    /// ```
    public var summary: [String] {
        var lines = ["topic \(name)" + (description.isEmpty ? "" : ": \(description)")]
        for (code, rule) in departments.sorted(by: { $0.key < $1.key }) {
            lines.append("\(DepartmentLabel.label(for: code.trimmingSpaces.uppercased())): \(describe(rule))")
        }
        let subject = departments.isEmpty ? "grants" : "other departments"
        switch (otherDepartments, defaultRule) {
        case (.default, let rule?): lines.append("\(subject): \(describe(rule))")
        default: lines.append("\(subject): not selected")
        }
        if let papersRule {
            lines.append("papers: \(describe(papersRule))")
        } else if let defaultRule {
            lines.append("papers: \(describe(defaultRule))")
        } else {
            lines.append("papers: not selected")
        }
        if let source { lines.append("source: \(source)") }
        return lines
    }

    private func describe(_ rule: TopicRule) -> String {
        let searched = fields.map(\.rawValue).joined(separator: "/")
        let groups = rule.allOf.map { "any of " + expanded($0.any).joined(separator: ", ") }
        var text = "\(searched) contains " + groups.joined(separator: " and ")
        if !rule.none.isEmpty { text += "; but none of " + expanded(rule.none).joined(separator: ", ") }
        return text
    }

    /// Terms with `@list` references replaced by the list's terms, duplicates removed.
    private func expanded(_ terms: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for term in terms {
            let t = term.trimmingSpaces
            let members = t.hasPrefix("@") ? (termLists[String(t.dropFirst())] ?? [t]) : [t]
            for m in members where seen.insert(m.trimmingSpaces).inserted { out.append(m.trimmingSpaces) }
        }
        return out
    }
}
