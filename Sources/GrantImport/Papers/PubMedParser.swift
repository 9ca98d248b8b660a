import GrantModel

/// Push parser for PubMed MEDLINE text (`TAG - value`, tags padded to 4 characters, 6-space continuation lines,
/// records separated by blank lines; `PMID-` also starts a record).
public struct PubMedParser: LineParser {
    private let file: String
    private var inRecord = false
    private var recordNumber = 0
    private var recordLine = 0
    private var problem: String?
    private var raw = ""
    /// (tag, value) pairs of the current record; continuation lines are already joined.
    private var fields: [(tag: Substring, value: String)] = []

    public init(file: String) {
        self.file = file
    }

    public mutating func feed(line rawLine: Substring, number: Int, emit: (PaperEvent) throws -> Void) rethrows {
        var line = rawLine
        if line.first == "\u{FEFF}" { line = line.dropFirst() }
        if line.utf8.last == 0x0D { line = Substring(line.utf8.dropLast()) }
        if line.utf8.allSatisfy(PaperFields.isSpace) {
            if inRecord { try flush(emit: emit) }
            return
        }
        if line.hasPrefix("      ") {
            guard inRecord, !fields.isEmpty else {
                try emit(.warning(PaperReject(file: file, line: number, record: 0, reason: "continuation line outside a record",
                                              raw: PaperFields.capped(String(line)))))
                return
            }
            appendRaw(line)
            let text = PaperFields.trimmed(line)
            fields[fields.count - 1].value += fields[fields.count - 1].value.isEmpty ? text : " " + text
            return
        }
        let u = line.utf8
        let dash = u.index(u.startIndex, offsetBy: 4, limitedBy: u.endIndex)
        guard let dash, dash < u.endIndex, u[dash] == UInt8(ascii: "-"),
              u[u.startIndex..<dash].first.map({ $0 >= 0x41 && $0 <= 0x5A }) == true
        else {
            if !inRecord { start(number) }
            appendRaw(line)
            if problem == nil { problem = "line \(number): not a MEDLINE tag line" }
            return
        }
        let tag = Substring(u[u.startIndex..<dash]).trimmingSuffixSpaces()
        if tag == "PMID", inRecord, !fields.isEmpty { try flush(emit: emit) }
        if !inRecord { start(number) }
        appendRaw(line)
        let valueStart = u.index(after: dash)
        fields.append((tag, PaperFields.trimmed(Substring(u[valueStart...]))))
    }

    public mutating func finish(emit: (PaperEvent) throws -> Void) rethrows {
        if inRecord { try flush(emit: emit) }
    }

    private mutating func start(_ number: Int) {
        inRecord = true
        recordNumber += 1
        recordLine = number
        problem = nil
        raw.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
    }

    private mutating func appendRaw(_ line: Substring) {
        if raw.utf8.count < PaperReject.rawLimit {
            raw += line
            raw += "\n"
        }
    }

    private mutating func flush(emit: (PaperEvent) throws -> Void) rethrows {
        inRecord = false
        func reject(_ reason: String) -> PaperEvent {
            .reject(PaperReject(file: file, line: recordLine, record: recordNumber, reason: reason,
                                raw: PaperFields.capped(raw)))
        }
        if let problem {
            try emit(reject(problem))
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
            try emit(reject("record has no PMID"))
            return
        }
        // The linking ISSN is the print one when the print ISSN line is missing.
        if issn == nil, let linkingISSN, linkingISSN != eissn { issn = linkingISSN }
        try emit(.paper(PaperRecord(
            source: .pubmed, pmid: pmid, doi: doi, title: title ?? "", journal: journal,
            journalAbbreviations: abbreviations, issn: issn, eissn: eissn, year: year, documentType: documentType,
            language: language, authors: fullNames.isEmpty ? shortNames : fullNames, addresses: addresses,
            keywords: keywords, abstract: abstract, funding: funding,
            provenance: Provenance(file: file, record: recordNumber, line: recordLine))))
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
