/// A bibliographic record as read from one export (Web of Science, Scopus, PubMed or CNKI).
public struct PaperRecord: Hashable, Codable, Sendable {
    public enum Source: String, Codable, Sendable, CaseIterable {
        case wos, wosTab = "wos-tab", scopus, pubmed, cnki
    }

    public var source: Source
    /// Web of Science accession number, e.g. `WOS:000472125200024`.
    public var ut: String?
    /// Scopus EID, e.g. `2-s2.0-85063…`.
    public var eid: String?
    public var pmid: String?
    public var doi: String?
    public var title: String
    public var journal: String?
    /// Abbreviated journal titles (WoS J9, JI; PubMed TA), used for Nature Index matching.
    public var journalAbbreviations: [String]
    public var issn: String?
    public var eissn: String?
    public var year: Int?
    public var documentType: String?
    public var language: String?
    /// Authors, full names where the export has them (WoS AF, Scopus `Author full names`, PubMed FAU).
    public var authors: [String]
    /// Affiliation/address lines as exported.
    public var addresses: [String]
    public var countries: [String]
    public var keywords: [String]
    public var abstract: String?
    /// Every funding text the record carries, raw.
    public var funding: [FundingText]
    public var provenance: Provenance

    public init(source: Source, ut: String? = nil, eid: String? = nil, pmid: String? = nil, doi: String? = nil,
                title: String = "", journal: String? = nil, journalAbbreviations: [String] = [],
                issn: String? = nil, eissn: String? = nil, year: Int? = nil, documentType: String? = nil,
                language: String? = nil, authors: [String] = [], addresses: [String] = [], countries: [String] = [],
                keywords: [String] = [], abstract: String? = nil, funding: [FundingText] = [],
                provenance: Provenance)
    {
        self.source = source
        self.ut = ut
        self.eid = eid
        self.pmid = pmid
        self.doi = doi
        self.title = title
        self.journal = journal
        self.journalAbbreviations = journalAbbreviations
        self.issn = issn
        self.eissn = eissn
        self.year = year
        self.documentType = documentType
        self.language = language
        self.authors = authors
        self.addresses = addresses
        self.countries = countries
        self.keywords = keywords
        self.abstract = abstract
        self.funding = funding
        self.provenance = provenance
    }
}

/// One funding text of a paper, tagged with the field it came from.
public struct FundingText: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// WoS FU: `Funder [g1, g2]; Funder2` — structured by Clarivate, secondary evidence.
        case wosFU = "fu"
        /// WoS FX: the acknowledgment as the authors wrote it.
        case wosFX = "fx"
        /// Scopus `Funding Details`.
        case scopusDetails = "scopus-details"
        /// Scopus `Funding Text n` / `Funding Texts`.
        case scopusText = "scopus-text"
        /// PubMed `GR` line, `number/agency/country`.
        case pubmedGR = "gr"
        /// CNKI `Fund-基金`.
        case cnkiFund = "cnki-fund"
    }

    public var kind: Kind
    public var text: String

    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

/// Where a record came from: file, 1-based record number, and 1-based line (or row) where it starts.
public struct Provenance: Hashable, Codable, Sendable {
    public var file: String
    public var record: Int
    public var line: Int

    public init(file: String, record: Int, line: Int) {
        self.file = file
        self.record = record
        self.line = line
    }
}
