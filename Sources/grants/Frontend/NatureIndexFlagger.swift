import GrantModel
import GrantStore

/// The bundled Nature Index lists plus any the user added to this database.
enum NatureIndexFlagger {
    static func catalog(_ db: GrantDatabase) throws -> NatureIndexCatalog {
        var catalog = try NatureIndexCatalog.bundled()
        for list in try db.journalLists() { try catalog.addList(csv: list.csv, fromYear: list.fromYear) }
        return catalog
    }

    static func flag(_ catalog: NatureIndexCatalog, issn: String?, eissn: String?, journal: String?,
                     abbreviations: [String], year: Int?) -> NatureIndexFlag?
    {
        catalog.match(issn: issn, eissn: eissn, journal: journal, abbreviations: abbreviations, year: year).map {
            NatureIndexFlag(journal: $0.journal.name, matchedBy: "\($0.method.rawValue) (\($0.list))")
        }
    }
}

/// Remembers each journal's Nature Index decision: an export has thousands of papers but few journals, and
/// name and abbreviation matching is the costly part of a paper import.
final class NatureIndexMemo {
    private let catalog: NatureIndexCatalog
    private let listStarts: [Int]
    private var cache: [String: NatureIndexFlag?] = [:]

    init(_ catalog: NatureIndexCatalog) {
        self.catalog = catalog
        listStarts = catalog.lists().map(\.fromYear)
    }

    func flag(issn: String?, eissn: String?, journal: String?, abbreviations: [String], year: Int?) -> NatureIndexFlag? {
        let key = [issn ?? "", eissn ?? "", journal ?? "", abbreviations.joined(separator: "\u{1}"), listKey(year)]
            .joined(separator: "\u{2}")
        if let hit = cache[key] { return hit }
        let result = NatureIndexFlagger.flag(catalog, issn: issn, eissn: eissn, journal: journal,
                                             abbreviations: abbreviations, year: year)
        cache[key] = result
        return result
    }

    /// The decision depends on the year only through the list in force then, so key on that list.
    private func listKey(_ year: Int?) -> String {
        guard let year else { return "newest" }
        return String(listStarts.last(where: { $0 <= year }) ?? listStarts.first ?? 0)
    }
}
