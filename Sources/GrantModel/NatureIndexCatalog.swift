import Foundation

/// The Nature Index journal lists and which one applies to a publication year.
///
/// A paper counts for Nature Index when its journal is on the list in force in its publication year. Bundled: the
/// 82-journal list, in force for 2018–2023, and the 145-journal list, in force from 2024. Papers published before
/// the earliest list (before 2018) are judged against the earliest list, since Nature Index has no older list we
/// ship; papers without a year are judged against the newest list.
public struct NatureIndexCatalog: Sendable {
    struct Entry: Sendable {
        var name: String
        var fromYear: Int
        var journals: [NatureIndexJournal]
        var byISSN: [String: Int]
        var byEISSN: [String: Int]
        var byName: [String: Int]
        /// Name words without stop words, for the abbreviation rule.
        var words: [[String]]
    }

    /// Lists sorted by `fromYear`.
    private(set) var entries: [Entry] = []

    /// An empty catalog; add lists with `addList(csv:fromYear:)`.
    public init() {}

    /// The catalog of the two bundled lists.
    public static func bundled() throws -> NatureIndexCatalog {
        let newer = try loadResource("journals-2025")
        let older = try loadResource("journals-2020-82")
        var catalog = NatureIndexCatalog()
        let newerJournals = try journals(fromCSV: newer, listName: "journals-2025.csv")
        // The 82-journal file has names only: take each journal's ISSNs from the 2025 file by normalised name.
        let byName = Dictionary(newerJournals.map { (nameKey($0.name), $0) }, uniquingKeysWith: { first, _ in first })
        let olderJournals = try journals(fromCSV: older, listName: "journals-2020-82.csv").map { journal in
            guard let known = byName[nameKey(journal.name)] else { return journal }
            return NatureIndexJournal(name: journal.name, issn: known.issn, eissn: known.eissn,
                                      subject: journal.subject ?? known.subject)
        }
        catalog.insert(name: "NI-2018", fromYear: 2018, journals: olderJournals)
        catalog.insert(name: "NI-2024", fromYear: 2024, journals: newerJournals)
        return catalog
    }

    /// Adds (or replaces) the list in force from `fromYear`: CSV with columns `name[,issn,eissn,subject]`,
    /// with or without a header row naming them.
    public mutating func addList(csv: String, fromYear: Int) throws {
        let journals = try Self.journals(fromCSV: csv, listName: "list from \(fromYear)")
        insert(name: "NI-\(fromYear)", fromYear: fromYear, journals: journals)
    }

    /// The lists with the years they cover, oldest first.
    public func lists() -> [NatureIndexList] {
        entries.indices.map { i in
            let next = i + 1 < entries.count ? entries[i + 1].fromYear - 1 : nil
            return NatureIndexList(name: entries[i].name, fromYear: entries[i].fromYear, toYear: next,
                                   count: entries[i].journals.count)
        }
    }

    /// The journals of the list in force in `year` (see the type's note on years before the first list).
    public func journals(inForce year: Int?) -> [NatureIndexJournal] {
        entry(for: year)?.journals ?? []
    }

    /// Finds the paper's journal on the list in force in `year`: by ISSN, then eISSN (either against both of the
    /// journal's ISSNs), then normalised name, then abbreviation (WoS J9/JI, PubMed TA, Scopus abbreviated title).
    public func match(issn: String?, eissn: String?, journal: String?, abbreviations: [String],
                      year: Int?) -> NatureIndexMatch?
    {
        guard let entry = entry(for: year) else { return nil }
        func found(_ index: Int, _ method: NatureIndexMatch.Method) -> NatureIndexMatch {
            NatureIndexMatch(journal: entry.journals[index], method: method, list: entry.name)
        }
        if let issn = issn.flatMap(Self.normalizedISSN), let i = entry.byISSN[issn] ?? entry.byEISSN[issn] {
            return found(i, .issn)
        }
        if let eissn = eissn.flatMap(Self.normalizedISSN), let i = entry.byEISSN[eissn] ?? entry.byISSN[eissn] {
            return found(i, .eissn)
        }
        if let journal {
            let key = Self.nameKey(journal)
            if !key.isEmpty, let i = entry.byName[key] { return found(i, .name) }
        }
        for abbreviation in abbreviations {
            if let i = Self.abbreviationMatch(abbreviation, in: entry) { return found(i, .abbreviation) }
        }
        return nil
    }

    // MARK: - Building

    private func entry(for year: Int?) -> Entry? {
        guard let year else { return entries.last }
        return entries.last(where: { $0.fromYear <= year }) ?? entries.first
    }

    private mutating func insert(name: String, fromYear: Int, journals: [NatureIndexJournal]) {
        var entry = Entry(name: name, fromYear: fromYear, journals: journals, byISSN: [:], byEISSN: [:], byName: [:],
                          words: [])
        for (i, journal) in journals.enumerated() {
            if let issn = journal.issn { entry.byISSN[issn] = entry.byISSN[issn] ?? i }
            if let eissn = journal.eissn { entry.byEISSN[eissn] = entry.byEISSN[eissn] ?? i }
            let key = Self.nameKey(journal.name)
            entry.byName[key] = entry.byName[key] ?? i
            entry.words.append(Self.words(journal.name))
        }
        entries.removeAll { $0.fromYear == fromYear }
        entries.append(entry)
        entries.sort { $0.fromYear < $1.fromYear }
    }

    private static func loadResource(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: name, withExtension: "csv")
        else { throw ModelError.missingJournalList("\(name).csv") }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ModelError.missingJournalList("\(name).csv")
        }
    }

    /// Journals from a list CSV: a header row naming `name`, `issn`, `eissn`, `subject` (other columns ignored),
    /// or headerless rows in that order.
    static func journals(fromCSV csv: String, listName: String) throws -> [NatureIndexJournal] {
        var rows = csvRows(csv)
        guard !rows.isEmpty else { throw ModelError.invalidJournalList("\(listName) is empty") }
        var columns = ["name": 0, "issn": 1, "eissn": 2, "subject": 3]
        let header = rows[0].map { $0.trimmingSpaces.lowercased() }
        if header.first == "name" || header.contains("name") {
            columns = [:]
            for (i, title) in header.enumerated() where ["name", "issn", "eissn", "subject"].contains(title) {
                columns[title] = i
            }
            rows.removeFirst()
        }
        var journals: [NatureIndexJournal] = []
        for (offset, row) in rows.enumerated() {
            func cell(_ key: String) -> String? {
                guard let i = columns[key], i < row.count else { return nil }
                let v = row[i].trimmingSpaces
                return v.isEmpty ? nil : v
            }
            guard let name = cell("name") else {
                if row.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
                throw ModelError.invalidJournalList("\(listName) row \(offset + 2) has no name")
            }
            let issn = cell("issn")
            let eissn = cell("eissn")
            if let issn, normalizedISSN(issn) == nil {
                throw ModelError.invalidJournalList("\(listName) row \(offset + 2): bad issn \(issn)")
            }
            if let eissn, normalizedISSN(eissn) == nil {
                throw ModelError.invalidJournalList("\(listName) row \(offset + 2): bad eissn \(eissn)")
            }
            journals.append(NatureIndexJournal(name: name, issn: issn.flatMap(normalizedISSN),
                                               eissn: eissn.flatMap(normalizedISSN), subject: cell("subject")))
        }
        guard !journals.isEmpty else { throw ModelError.invalidJournalList("\(listName) has no journals") }
        return journals
    }
}
