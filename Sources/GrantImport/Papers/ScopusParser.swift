import Foundation
import GrantModel

/// Push parser for Scopus CSV exports, both the older layout (`Funding Details` with no-break spaces and
/// `Funding Text 1…n`) and the 2023 layout (`Author full names`, `Funding Details` as `Funder, ACR, (g1, g2)`,
/// `Funding Texts`). Rows come from a CSV tokenizer; the header row first.
public struct ScopusParser: RowParser {
    private let file: String
    private var columns: [String: Int] = [:]
    private var fundingTextColumns: [Int] = []
    private var headerCount = 0
    private var recordNumber = 0

    public init(file: String) {
        self.file = file
    }

    public mutating func feed(row: [String], number: Int, emit: (PaperEvent) throws -> Void) rethrows {
        if headerCount == 0 {
            readHeader(row)
            return
        }
        if row.allSatisfy({ PaperFields.trimmed($0).isEmpty }) { return }
        recordNumber += 1
        let rawText = PaperFields.capped(row.joined(separator: ","))
        func reject(_ reason: String) -> PaperEvent {
            .reject(PaperReject(file: file, line: number, record: recordNumber, reason: reason, raw: rawText))
        }
        var row = row
        var extraFundingTexts: [String] = []
        if row.count > headerCount, let last = fundingTextColumns.last {
            // Older exports name only as many `Funding Text n` columns as the first rows need, yet later rows carry
            // more: the surplus fields sit right after the last named one.
            let surplus = row.count - headerCount
            extraFundingTexts = Array(row[(last + 1)...(last + surplus)])
            row.removeSubrange((last + 1)...(last + surplus))
        }
        guard row.count == headerCount else {
            try emit(reject("row has \(row.count) fields, header has \(headerCount)"))
            return
        }
        func value(_ column: String) -> String? {
            guard let i = columns[column] else { return nil }
            let v = PaperFields.trimmed(row[i])
            return v.isEmpty ? nil : v
        }
        let title = value("Title") ?? ""
        let eid = value("EID")
        guard !title.isEmpty || eid != nil else {
            try emit(reject("row has neither Title nor EID"))
            return
        }
        var authors = value("Author full names").map(Self.fullNames) ?? []
        if authors.isEmpty, let list = value("Authors") {
            // Older exports separate authors with ", " (`Phillips J.C., Braun R.`), newer ones with "; ".
            authors = list.contains(";") ? PaperFields.split(list, on: ";")
                : list.components(separatedBy: ", ").map { PaperFields.trimmed($0) }.filter { !$0.isEmpty }
        }
        var addresses = value("Affiliations").map { PaperFields.split($0, on: ";") } ?? []
        if addresses.isEmpty, let withAffiliations = value("Authors with affiliations") {
            addresses = PaperFields.split(withAffiliations, on: ";")
        }
        var keywords: [String] = []
        for column in ["Author Keywords", "Index Keywords"] {
            if let v = value(column) { keywords += PaperFields.split(v, on: ";") }
        }
        var funding: [FundingText] = []
        if let details = value("Funding Details") {
            funding.append(FundingText(kind: .scopusDetails, text: details))
        }
        for text in fundingTextColumns.map({ row[$0] }) + extraFundingTexts {
            let text = FundingText(kind: .scopusText, text: PaperFields.trimmed(text))
            // Scopus sometimes repeats a text in the next column; one copy is enough.
            if !text.text.isEmpty, !funding.contains(text) { funding.append(text) }
        }
        if let texts = value("Funding Texts") {
            funding += Self.splitFundingTexts(texts).map { FundingText(kind: .scopusText, text: $0) }
        }
        var abstract = value("Abstract")
        if abstract == "[No abstract available]" { abstract = nil }
        let issns = value("ISSN").map { PaperFields.split($0, on: ";") } ?? []
        let record = PaperRecord(
            source: .scopus,
            eid: eid,
            pmid: value("PubMed ID"),
            doi: value("DOI"),
            title: title,
            journal: value("Source title"),
            journalAbbreviations: value("Abbreviated Source Title").map { [$0] } ?? [],
            issn: issns.first.flatMap { PaperFields.issn($0) },
            eissn: issns.dropFirst().first.flatMap { PaperFields.issn($0) },
            year: value("Year").flatMap { PaperFields.year($0) },
            documentType: value("Document Type"),
            language: value("Language of Original Document"),
            authors: authors,
            addresses: addresses,
            countries: PaperFields.countries(ofAddresses: addresses),
            keywords: keywords,
            abstract: abstract,
            funding: funding,
            provenance: Provenance(file: file, record: recordNumber, line: number)
        )
        try emit(.paper(record))
    }

    public mutating func finish(emit: (PaperEvent) throws -> Void) rethrows {}

    private mutating func readHeader(_ row: [String]) {
        var header = row.map { PaperFields.trimmed($0) }
        if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
        headerCount = max(header.count, 1)
        for (i, name) in header.enumerated() {
            columns[name] = columns[name] ?? i
            // `Funding Text 1`, `Funding Text 2`, … (older layout).
            if name.hasPrefix("Funding Text "), Int(name.dropFirst("Funding Text ".count)) != nil {
                fundingTextColumns.append(i)
            }
        }
    }

    /// `Hao, Jie (57221302630); High, Robin (6701683718)` → `["Hao, Jie", "High, Robin"]`.
    static func fullNames(_ list: String) -> [String] {
        PaperFields.split(list, on: ";").map { name in
            if name.hasSuffix(")"), let open = name.lastIndex(of: "("),
               name[name.index(after: open)..<name.index(before: name.endIndex)].allSatisfy(\.isNumber)
            {
                return PaperFields.trimmed(name[..<open])
            }
            return name
        }
    }

    /// `Funding text 1: A; Funding text 2: B` → `["A", "B"]`; a value without the labels is one text.
    static func splitFundingTexts(_ s: String) -> [String] {
        let label = "Funding text "
        var starts: [(label: String.Index, text: String.Index)] = []
        var search = s.startIndex
        while let range = s.range(of: label, range: search..<s.endIndex) {
            var i = range.upperBound
            var digits = 0
            while i < s.endIndex, s[i].isASCII, s[i].isNumber {
                i = s.index(after: i)
                digits += 1
            }
            let atBoundary = range.lowerBound == s.startIndex || s[..<range.lowerBound].hasSuffix("; ")
            if digits > 0, i < s.endIndex, s[i] == ":", atBoundary {
                starts.append((range.lowerBound, s.index(after: i)))
            }
            search = range.upperBound
        }
        guard !starts.isEmpty else { return [PaperFields.trimmed(s)].filter { !$0.isEmpty } }
        var texts: [String] = []
        if starts[0].label > s.startIndex {
            texts.append(trimmedText(s[..<starts[0].label]))
        }
        for (n, start) in starts.enumerated() {
            let end = n + 1 < starts.count ? starts[n + 1].label : s.endIndex
            texts.append(trimmedText(s[start.text..<end]))
        }
        return texts.filter { !$0.isEmpty }
    }

    /// Trims spaces and the `;` that joined two texts.
    private static func trimmedText(_ s: Substring) -> String {
        var t = PaperFields.trimmed(s)
        if t.hasSuffix(";") { t.removeLast() }
        return PaperFields.trimmed(t)
    }
}
