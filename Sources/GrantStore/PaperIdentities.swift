import GRDB

/// The identifiers of the papers a chunk of records can match, so a chunk needs one query per identifier kind
/// instead of several per record.
///
/// It holds the stored papers the chunk's identifiers and titles found, and every paper the chunk inserted or
/// filled since, so a record sees the ones before it in the same file.
struct PaperIdentities {
    /// The identifier kinds, each with its column.
    enum Kind: UInt8, CaseIterable {
        case doi = 1, ut, eid, pmid
        var column: String { "\(self)" }
    }

    struct Ids: Equatable {
        var doi, ut, eid, pmid: String?
        var titleKey: String
        var year: Int?

        subscript(kind: Kind) -> String? {
            switch kind {
            case .doi: doi
            case .ut: ut
            case .eid: eid
            case .pmid: pmid
            }
        }

        /// Whether the title has at least `minimum` characters: enough to identify a paper. It walks at most that
        /// many characters, where `count` walks a whole title on every look.
        func titleIsDistinctive(_ minimum: Int) -> Bool {
            titleKey.index(titleKey.startIndex, offsetBy: minimum - 1, limitedBy: titleKey.endIndex)
                .map { $0 < titleKey.endIndex } ?? false
        }
    }

    private var ids: [Int64: Ids] = [:]
    private var byDOI: [String: Int64] = [:], byUT: [String: Int64] = [:]
    private var byEID: [String: Int64] = [:], byPMID: [String: Int64] = [:]
    /// Papers by normalised title, in id order (the order SQLite's index gave the per-record query).
    private var byTitle: [String: [Int64]] = [:]

    /// Forgets everything: the next chunk looks its papers up again.
    mutating func removeAll() {
        ids.removeAll(keepingCapacity: true)
        byDOI.removeAll(keepingCapacity: true)
        byUT.removeAll(keepingCapacity: true)
        byEID.removeAll(keepingCapacity: true)
        byPMID.removeAll(keepingCapacity: true)
        byTitle.removeAll(keepingCapacity: true)
    }

    /// Loads the stored papers that share any identifier, or title and year, with `wanted`. With `fresh`, every
    /// stored paper is this command's: its filter rules out most identifiers before a look-up, and the title index
    /// is gone, so the papers of the same title and year are found in its map.
    mutating func load(_ wanted: [Ids], minimumTitleLength: Int, fresh: FreshPapers?, db: Database) throws {
        for kind in Kind.allCases {
            var keys = wanted.compactMap { $0[kind] }
            if let fresh { keys.removeAll { !fresh.mayHave(kind, $0) } }
            try fetch(where: kind.column, in: keys.map(\.databaseValue), db: db)
        }
        // Titles recur (a series, a generic title), so the title index alone picks the papers of the same year
        // before any wide paper row is read.
        let titled = wanted.filter { $0.titleIsDistinctive(minimumTitleLength) }
        guard !titled.isEmpty else { return }
        if let fresh {
            let candidates = Set(titled.flatMap(fresh.candidates(for:)))
            try fetch(where: "id", in: candidates.filter { ids[$0] == nil }.map(\.databaseValue), db: db)
            return
        }
        let years = Set(titled.map { TitleYear(titleKey: $0.titleKey, year: $0.year) })
        let titles = Set(titled.map(\.titleKey)).map(\.databaseValue)
        var sameYear: [DatabaseValue] = []
        let rows = try Row.fetchCursor(try Self.statement("SELECT id, titleKey, year FROM paper WHERE titleKey", titles.count, db),
                                       arguments: Self.arguments(titles))
        while let r = try rows.next() {
            let id: Int64 = r[0]
            if ids[id] == nil, years.contains(TitleYear(titleKey: r[1], year: r[2])) { sameYear.append(id.databaseValue) }
        }
        try fetch(where: "id", in: sameYear, db: db)
    }

    private struct TitleYear: Hashable {
        var titleKey: String
        var year: Int?
    }

    /// Registers the papers whose `column` is one of `values`.
    private mutating func fetch(where column: String, in values: [DatabaseValue], db: Database) throws {
        let distinct = Array(Set(values))
        guard !distinct.isEmpty else { return }
        let statement = try Self.statement("SELECT id, doi, ut, eid, pmid, titleKey, year FROM paper WHERE \(column)",
                                           distinct.count, db)
        let rows = try Row.fetchCursor(statement, arguments: Self.arguments(distinct))
        while let r = try rows.next() {
            register(r[0], Ids(doi: r[1], ut: r[2], eid: r[3], pmid: r[4], titleKey: r[5], year: r[6]))
        }
    }

    /// `select IN (?, …)` padded to a power of two with NULLs (which match nothing), so a handful of cached
    /// statements serve every chunk.
    private static func statement(_ select: String, _ count: Int, _ db: Database) throws -> Statement {
        try db.cachedStatement(sql: "\(select) IN (\(Array(repeating: "?", count: paddedCount(count)).joined(separator: ",")))")
    }

    private static func arguments(_ values: [DatabaseValue]) -> StatementArguments {
        StatementArguments(values + Array(repeating: .null, count: paddedCount(values.count) - values.count))
    }

    private static func paddedCount(_ n: Int) -> Int {
        var size = 1
        while size < n { size *= 2 }
        return size
    }

    /// Records a paper's identifiers (stored, about to be, or just filled).
    mutating func register(_ id: Int64, _ new: Ids) {
        ids[id] = new
        if let v = new.doi { byDOI[v] = id }
        if let v = new.ut { byUT[v] = id }
        if let v = new.eid { byEID[v] = id }
        if let v = new.pmid { byPMID[v] = id }
        // One lookup of the (long) title, which the list is changed in place under.
        Self.insert(id, into: &byTitle[new.titleKey, default: []])
    }

    /// Adds `id` to a sorted list of distinct ids.
    private static func insert(_ id: Int64, into list: inout [Int64]) {
        guard !list.contains(id) else { return }
        list.append(id)
        if list.count > 1 { list.sort() }
    }

    func stored(_ id: Int64) -> Ids? { ids[id] }

    /// The paper a record belongs to: by DOI, then UT, EID, PMID, then title and year when no identifier contradicts.
    func match(_ r: Ids, minimumTitleLength: Int) -> Int64? {
        if let v = r.doi, let id = byDOI[v] { return id }
        if let v = r.ut, let id = byUT[v] { return id }
        if let v = r.eid, let id = byEID[v] { return id }
        if let v = r.pmid, let id = byPMID[v] { return id }
        guard r.titleIsDistinctive(minimumTitleLength) else { return nil }
        // Generic titles ("Editorial", "Reply") recur within a year: a title match must not join papers whose
        // identifiers differ.
        func agrees(_ a: String?, _ b: String?) -> Bool { a == nil || b == nil || a == b }
        return byTitle[r.titleKey]?.first { id in
            guard let s = ids[id] else { return false }
            return s.titleKey == r.titleKey && s.year == r.year && agrees(s.doi, r.doi) && agrees(s.ut, r.ut)
                && agrees(s.eid, r.eid) && agrees(s.pmid, r.pmid)
        }
    }
}
