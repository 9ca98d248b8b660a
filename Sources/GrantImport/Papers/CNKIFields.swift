import GrantModel

/// CNKI fields by the English part of their `Key-中文` name (`Fund-基金` → `fund`), shared by the text and the
/// Excel-row parser.
struct CNKIFields {
    private(set) var values: [String: String] = [:]

    /// The English key of a `Key-中文` label, lower-cased: `Title-题名` → `title`, `DOI-DOI` → `doi`. A bare Chinese
    /// label (`基金`, `题名`) is mapped to its English key too.
    static func key<S: StringProtocol>(ofLabel label: S) -> String? {
        let trimmed = PaperFields.trimmed(Substring(label))
        guard !trimmed.isEmpty else { return nil }
        if let dash = trimmed.firstIndex(of: "-") {
            let english = trimmed[..<dash]
            guard !english.isEmpty, english.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
            return english.lowercased()
        }
        return chineseLabels[trimmed]
    }

    private static let chineseLabels: [String: String] = [
        "来源库": "srcdatabase", "题名": "title", "作者": "author", "单位": "organ", "文献来源": "source",
        "关键词": "keyword", "摘要": "summary", "发表时间": "pubtime", "第一责任人": "firstduty", "基金": "fund",
        "年": "year", "卷": "volume", "期": "period", "页码": "pagecount", "中图分类号": "clc", "国际标准刊号": "issn",
        "网址": "url",
    ]

    mutating func set(_ key: String, _ value: String) {
        let v = PaperFields.trimmed(value)
        guard !v.isEmpty else { return }
        if let old = values[key] {
            values[key] = old + " " + v
        } else {
            values[key] = v
        }
    }

    mutating func append(toLast key: String, _ text: String) {
        set(key, text)
    }

    var isEmpty: Bool { values.isEmpty }

    var problem: String? {
        values["title"] == nil ? "record has no Title-题名" : nil
    }

    /// Splits CNKI lists on `;`, `；` and (for keywords) `,`/`，`.
    static func list(_ s: String?, alsoCommas: Bool = false) -> [String] {
        guard let s else { return [] }
        return s.split(whereSeparator: { ch in
            ch == ";" || ch == "；" || (alsoCommas && (ch == "," || ch == "，"))
        }).map { PaperFields.trimmed($0) }.filter { !$0.isEmpty }
    }

    func record(provenance: Provenance) -> PaperRecord {
        let v = values
        let year = v["year"].flatMap { PaperFields.year($0) } ?? v["pubtime"].flatMap { PaperFields.year($0) }
        let issns = Self.list(v["issn"])
        return PaperRecord(
            source: .cnki,
            doi: v["doi"],
            title: v["title"] ?? "",
            journal: v["source"],
            issn: issns.first.flatMap { PaperFields.issn($0) },
            year: year,
            documentType: v["srcdatabase"],
            authors: Self.list(v["author"]),
            addresses: Self.list(v["organ"]),
            keywords: Self.list(v["keyword"], alsoCommas: true),
            abstract: v["summary"],
            funding: v["fund"].map { [FundingText(kind: .cnkiFund, text: $0)] } ?? [],
            provenance: provenance
        )
    }
}
