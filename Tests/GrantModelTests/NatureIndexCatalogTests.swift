import GrantModel
import Testing

@Suite struct NatureIndexCatalogTests {
    let catalog: NatureIndexCatalog

    init() throws {
        catalog = try NatureIndexCatalog.bundled()
    }

    @Test func bundledLists() {
        let lists = catalog.lists()
        #expect(lists == [
            NatureIndexList(name: "NI-2018", fromYear: 2018, toYear: 2023, count: 82),
            NatureIndexList(name: "NI-2024", fromYear: 2024, toYear: nil, count: 145),
        ])
    }

    @Test func olderListTakesISSNsFromTheNewerFile() {
        let older = catalog.journals(inForce: 2020)
        #expect(older.count == 82)
        #expect(older.first { $0.name == "Nature" }?.issn == "0028-0836")
        #expect(older.first { $0.name == "Cell" }?.eissn == "1097-4172")
        // eLife left the list in 2024/25, so the newer file cannot lend it ISSNs; every other journal gets them.
        #expect(older.filter { $0.issn == nil && $0.eissn == nil }.map(\.name) == ["eLife"])
        #expect(catalog.match(issn: nil, eissn: nil, journal: "ELIFE", abbreviations: [], year: 2021)?.method == .name)
        #expect(catalog.match(issn: nil, eissn: nil, journal: "ELIFE", abbreviations: ["ELIFE"], year: 2024) == nil)
    }

    @Test(arguments: [
        // (journal, issn, abbreviations, year, expected NI)
        ("NATURE", "0028-0836", ["NATURE"], 2020, true),
        ("CELL", "0092-8674", ["CELL"], 2019, true),
        ("PROCEEDINGS OF THE NATIONAL ACADEMY OF SCIENCES OF THE UNITED STATES OF AMERICA", "0027-8424",
         ["P NATL ACAD SCI USA"], 2018, true),
        // The Lancet joined with the 2024/25 expansion: not NI in 2020, NI in 2024.
        ("LANCET", "0140-6736", ["LANCET"], 2020, false),
        ("LANCET", "0140-6736", ["LANCET"], 2024, true),
        ("NEW ENGLAND JOURNAL OF MEDICINE", "0028-4793", ["NEW ENGL J MED"], 2023, false),
        ("NEW ENGLAND JOURNAL OF MEDICINE", "0028-4793", ["NEW ENGL J MED"], 2025, true),
        // Before 2018 the earliest list applies.
        ("NATURE", "0028-0836", ["NATURE"], 2010, true),
        ("LANCET", "0140-6736", ["LANCET"], 2010, false),
        ("JOURNAL OF NANOPARTICLE RESEARCH", "1388-0764", ["J NANOPART RES"], 2024, false),
    ])
    func flaggedByYear(journal: String, issn: String, abbreviations: [String], year: Int, expected: Bool) {
        let match = catalog.match(issn: issn, eissn: nil, journal: journal, abbreviations: abbreviations, year: year)
        #expect((match != nil) == expected)
        if expected { #expect(match?.method == .issn) }
    }

    @Test func issnForms() {
        for form in ["00280836", "0028-0836", " 0028-0836 (Print)"] {
            #expect(catalog.match(issn: form, eissn: nil, journal: nil, abbreviations: [], year: 2020)?.journal.name
                == "Nature")
        }
        // An eISSN given as the print ISSN still matches, lower-case x is fine.
        #expect(catalog.match(issn: "1474-547x", eissn: nil, journal: nil, abbreviations: [], year: 2024)?.journal.name
            == "The Lancet")
        let byE = catalog.match(issn: "9999-9999", eissn: "1476-4687", journal: nil, abbreviations: [], year: 2020)
        #expect(byE?.method == .eissn)
        #expect(byE?.journal.name == "Nature")
        #expect(NatureIndexCatalog.normalizedISSN("002808361") == nil)
        #expect(NatureIndexCatalog.normalizedISSN("0028-083") == nil)
        #expect(NatureIndexCatalog.normalizedISSN("X028-0836") == nil)
    }

    @Test(arguments: [
        ("CELL HOST & MICROBE", "Cell Host & Microbe"),
        ("cell host and microbe", "Cell Host & Microbe"),
        ("Lancet", "The Lancet"),
        ("JAMA-JOURNAL OF THE AMERICAN MEDICAL ASSOCIATION", "JAMA: The Journal of the American Medical Association"),
        ("Nature.", "Nature"),
    ])
    func nameMatch(journal: String, expected: String) {
        let match = catalog.match(issn: nil, eissn: nil, journal: journal, abbreviations: [], year: 2024)
        #expect(match?.journal.name == expected)
        #expect(match?.method == .name)
    }

    @Test(arguments: [
        ("P NATL ACAD SCI USA", "Proceedings of the National Academy of Sciences of the United States of America"),
        ("Proc. Natl. Acad. Sci. U. S. A.", "Proceedings of the National Academy of Sciences of the United States of America"),
        ("PNAS", "Proceedings of the National Academy of Sciences of the United States of America"),
        ("NAT COMMUN", "Nature Communications"),
        ("J AM CHEM SOC", "Journal of the American Chemical Society"),
        ("Angew. Chem.-Int. Edit.", "Angewandte Chemie International Edition"),
        ("PHYS REV LETT", "Physical Review Letters"),
        ("P ROY SOC B-BIOL SCI", "Proceedings of the Royal Society B"),
        ("N Engl J Med", "The New England Journal of Medicine"),
    ])
    func abbreviationMatch(abbreviation: String, expected: String) {
        let match = catalog.match(issn: nil, eissn: nil, journal: "SOMETHING ELSE", abbreviations: [abbreviation],
                                  year: 2024)
        #expect(match?.journal.name == expected)
        #expect(match?.method == .abbreviation)
    }

    @Test(arguments: ["NAT REV DRUG DISCOV", "J NANOPART RES", "CELL REP", "SCI REP-UK", "NATURWISSENSCHAFTEN",
                      "PHYS REV E"])
    func nonNIAbbreviationsDoNotMatch(abbreviation: String) {
        #expect(catalog.match(issn: nil, eissn: nil, journal: nil, abbreviations: [abbreviation], year: 2024) == nil)
    }

    @Test func addedListTakesOverFromItsYear() throws {
        var c = catalog
        try c.addList(csv: "name,issn,eissn,subject\nJournal of Nanoparticle Research,1388-0764,,Physical Sciences\n",
                      fromYear: 2027)
        #expect(c.lists().map(\.name) == ["NI-2018", "NI-2024", "NI-2027"])
        #expect(c.lists()[1].toYear == 2026)
        #expect(c.match(issn: "1388-0764", eissn: nil, journal: nil, abbreviations: [], year: 2027) != nil)
        #expect(c.match(issn: "1388-0764", eissn: nil, journal: nil, abbreviations: [], year: 2026) == nil)
        #expect(c.match(issn: "0028-0836", eissn: nil, journal: nil, abbreviations: [], year: 2027) == nil)
        // Headerless rows are name, issn, eissn, subject.
        try c.addList(csv: "Nature,0028-0836,1476-4687,Multi\n", fromYear: 2030)
        #expect(c.match(issn: nil, eissn: nil, journal: "NATURE", abbreviations: [], year: 2031)?.list == "NI-2030")
    }

    @Test func badListsThrow() {
        var c = NatureIndexCatalog()
        #expect(throws: ModelError.self) { try c.addList(csv: "", fromYear: 2030) }
        #expect(throws: ModelError.self) { try c.addList(csv: "name,issn\nX,12345\n", fromYear: 2030) }
        #expect(c.lists().isEmpty)
        #expect(c.match(issn: "0028-0836", eissn: nil, journal: "Nature", abbreviations: [], year: 2020) == nil)
    }
}
