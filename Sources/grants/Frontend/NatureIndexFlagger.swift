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
