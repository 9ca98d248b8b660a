import GrantModel

/// Push parser for PubMed MEDLINE text (`TAG - value`, tags padded to 4 characters, 6-space continuation lines,
/// records separated by blank lines; `PMID-` also starts a record).
public struct PubMedParser: LineParser {
    private let file: String
    private var record: RecordCursor
    private var problem: String?
    /// (tag, value) pairs of the current record; continuation lines are already joined.
    private var fields: [(tag: Substring, value: String)] = []

    public init(file: String) {
        self.file = file
        record = RecordCursor(file: file)
    }

    public mutating func feed(line rawLine: Substring, number: Int, emit: (PaperEvent) throws -> Void) rethrows {
        var line = rawLine
        if line.first == "\u{FEFF}" { line = line.dropFirst() }
        if line.utf8.last == 0x0D { line = Substring(line.utf8.dropLast()) }
        if line.utf8.allSatisfy(PaperFields.isSpace) {
            if record.isOpen { try flush(emit: emit) }
            return
        }
        if line.hasPrefix("      ") {
            guard record.isOpen, !fields.isEmpty else {
                try emit(.warning(PaperReject(file: file, line: number, record: 0, reason: "continuation line outside a record",
                                              raw: PaperFields.capped(String(line)))))
                return
            }
            record.take(line, at: number)
            let text = PaperFields.trimmed(line)
            fields[fields.count - 1].value += fields[fields.count - 1].value.isEmpty ? text : " " + text
            return
        }
        let u = line.utf8
        let dash = u.index(u.startIndex, offsetBy: 4, limitedBy: u.endIndex)
        guard let dash, dash < u.endIndex, u[dash] == UInt8(ascii: "-"),
              u[u.startIndex..<dash].first.map({ $0 >= 0x41 && $0 <= 0x5A }) == true
        else {
            take(line, at: number)
            if problem == nil { problem = "line \(number): not a MEDLINE tag line" }
            return
        }
        let tag = Substring(u[u.startIndex..<dash]).trimmingSuffixSpaces()
        if tag == "PMID", record.isOpen, !fields.isEmpty { try flush(emit: emit) }
        take(line, at: number)
        let valueStart = u.index(after: dash)
        fields.append((tag, PaperFields.trimmed(Substring(u[valueStart...]))))
    }

    public mutating func finish(emit: (PaperEvent) throws -> Void) rethrows {
        if record.isOpen { try flush(emit: emit) }
    }

    /// Adds a line to the current record, starting a fresh one (and clearing its fields) if none is open.
    private mutating func take(_ line: Substring, at number: Int) {
        if record.take(line, at: number) {
            problem = nil
            fields.removeAll(keepingCapacity: true)
        }
    }

    private mutating func flush(emit: (PaperEvent) throws -> Void) rethrows {
        record.close()
        if let problem {
            try emit(record.reject(problem))
            return
        }
        var pmid: String?
        var title: String?
        var journal: String?
        var abbreviations: [String] = []
        var issn: String?
        var eissn: String?
        var linkingISSN: String?
        var year: Int?
        var documentType: String?
        var language: String?
        var fullNames: [String] = []
        var shortNames: [String] = []
        var addresses: [String] = []
        var keywords: [String] = []
        var abstract: String?
        var doi: String?
        var funding: [FundingText] = []
        for (tag, value) in fields where !value.isEmpty {
            switch tag {
            case "PMID": pmid = pmid ?? value
            case "TI": title = title ?? value
            case "JT": journal = journal ?? value
            case "TA": abbreviations.append(value)
            case "IS":
                let normalized = PaperFields.issn(value)
                if value.hasSuffix("(Electronic)") { eissn = eissn ?? normalized }
                else if value.hasSuffix("(Linking)") { linkingISSN = linkingISSN ?? normalized }
                else { issn = issn ?? normalized }
            case "DP": year = year ?? PaperFields.year(value)
            case "PT": documentType = documentType ?? value
            case "LA": language = language ?? value
            case "FAU": fullNames.append(value)
            case "AU": shortNames.append(value)
            case "AD": addresses.append(value)
            case "MH", "OT": keywords.append(value)
            case "AB": abstract = abstract.map { $0 + " " + value } ?? value
            case "AID", "LID":
                if doi == nil, value.hasSuffix("[doi]") {
                    doi = PaperFields.trimmed(value.dropLast("[doi]".count))
                }
            case "GR": funding.append(FundingText(kind: .pubmedGR, text: value))
            default: break
            }
        }
        guard let pmid else {
            try emit(record.reject("record has no PMID"))
            return
        }
        // The linking ISSN is the print one when the print ISSN line is missing.
        if issn == nil, let linkingISSN, linkingISSN != eissn { issn = linkingISSN }
        try emit(.paper(PaperRecord(
            source: .pubmed, pmid: pmid, doi: doi, title: title ?? "", journal: journal,
            journalAbbreviations: abbreviations, issn: issn, eissn: eissn, year: year, documentType: documentType,
            language: language, authors: fullNames.isEmpty ? shortNames : fullNames, addresses: addresses,
            keywords: keywords, abstract: abstract, funding: funding,
            provenance: record.provenance)))
    }
}

extension Substring {
    /// The substring without trailing spaces.
    fileprivate func trimmingSuffixSpaces() -> Substring {
        var s = self
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
