import GrantModel

/// The WoS fields GrantTracker keeps, filled by the tagged and the tab-delimited parser alike so that both
/// formats map to identical `PaperRecord`s.
struct WoSFields {
    var ut: String?
    var doi: String?
    var pmid: String?
    var title: String?
    var journal: String?
    var j9: String?
    var ji: String?
    var sn: String?
    var ei: String?
    var py: String?
    var ea: String?
    var pd: String?
    var documentType: String?
    var language: String?
    var af: [String] = []
    var au: [String] = []
    /// C1 addresses, normalised by `PaperFields.wosAddress` (no `[authors]` prefix, no final period).
    var addresses: [String] = []
    /// DE then ID keywords.
    var keywords: [String] = []
    var abstract: String?
    var fu: String?
    var fx: String?

    /// Why the record cannot be used, or nil.
    var problem: String? {
        if (ut ?? "").isEmpty && (title ?? "").isEmpty { return "record has neither UT nor TI" }
        return nil
    }

    func record(source: PaperRecord.Source, provenance: Provenance) -> PaperRecord {
        var funding: [FundingText] = []
        if let fu, !fu.isEmpty { funding.append(FundingText(kind: .wosFU, text: fu)) }
        if let fx, !fx.isEmpty { funding.append(FundingText(kind: .wosFX, text: fx)) }
        let year = py.flatMap { PaperFields.year($0) } ?? ea.flatMap { PaperFields.year($0) }
            ?? pd.flatMap { PaperFields.year($0) }
        return PaperRecord(
            source: source,
            ut: nonEmpty(ut),
            pmid: nonEmpty(pmid),
            doi: nonEmpty(doi),
            title: title ?? "",
            journal: nonEmpty(journal),
            journalAbbreviations: [j9, ji].compactMap { nonEmpty($0) },
            issn: sn.flatMap { PaperFields.issn($0) },
            eissn: ei.flatMap { PaperFields.issn($0) },
            year: year,
            documentType: nonEmpty(documentType),
            language: nonEmpty(language),
            authors: af.isEmpty ? au : af,
            addresses: addresses,
            countries: PaperFields.countries(ofAddresses: addresses),
            keywords: keywords,
            abstract: nonEmpty(abstract),
            funding: funding,
            provenance: provenance
        )
    }

    private func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}
