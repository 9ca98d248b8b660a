import GRDB

/// Title and identifier matching for an import command into a store that had no papers when it began.
///
/// The (titleKey, year) index takes whole titles in random order, and keeping it current was about 40% of a
/// 600k-paper first import. With no papers stored before, a record can only match a paper the same command added,
/// so the index is dropped for the command and those papers are found by a hash of title and year kept here;
/// the index is rebuilt by sort before the command commits. Memory: about 33 bytes per new paper.
///
/// A hash only proposes candidates: `PaperIdentities.match` compares the stored title and year before merging, so a
/// collision, or an id a rolled-back file used, costs a lookup and nothing else. Each entry also says which
/// identifiers the paper has, because a record cannot join a paper by title when both have the same kind of
/// identifier (equal ones would have matched first): the same title in the same year is common (a series, a
/// template), and reading each such paper's row to find that out was most of the cost of title matching.
///
/// The same reasoning spares most identifier look-ups: a Bloom filter of the identifiers this command stored
/// (about 1.3 bytes each) says which DOIs, UTs, EIDs and PMIDs cannot be in the store, and only the rest (the
/// duplicates, and about 1% of the others) are looked up in its unique indexes.
final class FreshPapers {
    private let droppedIndexes: SecondaryIndexes
    /// The first paper with each hash, and any later ones (rare: the same title twice in a year), each as
    /// `id << 4 | identifiers`.
    private var first: [Int64: Int64] = [:]
    private var more: [Int64: [Int64]] = [:]
    private var identifiers = BloomFilter()

    private init(droppedIndexes: SecondaryIndexes) { self.droppedIndexes = droppedIndexes }

    /// Drops the paper table's secondary indexes and returns the map that stands in for the title index, if the
    /// table is empty; nil (changing nothing) otherwise. Call it outside any file's savepoint, so a file that is
    /// rolled back cannot bring the indexes back behind the map's back.
    static func startIfEmpty(_ db: Database) throws -> FreshPapers? {
        try SecondaryIndexes.dropIfEmpty("paper", in: db).map(FreshPapers.init)
    }

    /// Records a paper added (or given a year or identifier) by this command.
    func add(_ id: Int64, _ ids: PaperIdentities.Ids) {
        for kind in PaperIdentities.Kind.allCases {
            if let v = ids[kind] { identifiers.insert(v, tag: kind.rawValue) }
        }
        let h = Self.hash(ids.titleKey, ids.year)
        let entry = id << 4 | Self.identifierBits(ids)
        if let f = first[h] {
            if f != entry { more[h, default: []].append(entry) }
        } else {
            first[h] = entry
        }
    }

    /// The papers of this command with this title and year that `record` could join: none of its identifiers.
    func candidates(for record: PaperIdentities.Ids) -> [Int64] {
        let h = Self.hash(record.titleKey, record.year)
        guard let f = first[h] else { return [] }
        let bits = Self.identifierBits(record)
        guard let others = more[h] else { return f & bits == 0 ? [f >> 4] : [] }
        return ([f] + others).filter { $0 & bits == 0 }.map { $0 >> 4 }
    }

    /// False when no paper of this command has `value` as its `kind` identifier; true when one may have.
    func mayHave(_ kind: PaperIdentities.Kind, _ value: String) -> Bool {
        identifiers.mayContain(value, tag: kind.rawValue)
    }

    private static func identifierBits(_ ids: PaperIdentities.Ids) -> Int64 {
        (ids.doi == nil ? 0 : 1) | (ids.ut == nil ? 0 : 2) | (ids.eid == nil ? 0 : 4) | (ids.pmid == nil ? 0 : 8)
    }

    /// Rebuilds the dropped indexes; the command's last step before it commits.
    func finish(_ db: Database) throws {
        // SQLite sorts for an index build in as much memory as the page cache may hold (64 MB at 600k papers, on
        // top of the map); a quarter of that, with the rest of the sort in a temporary file, took no longer.
        let restoreCache = try db.temporarily(set: "cache_size", to: -16384)
        defer { restoreCache() }
        try droppedIndexes.rebuild(in: db)
    }

    /// 64-bit FNV-1a of the title's UTF-8 and the year.
    private static func hash(_ titleKey: String, _ year: Int?) -> Int64 {
        // Plain loops: a nested `mix` closure over `h` cost an exclusivity check per byte (3 s of a 600k import).
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in titleKey.utf8 { h = (h ^ UInt64(byte)) &* prime }
        h = h &* prime  // a 0 byte between title and year
        var y = UInt64(bitPattern: Int64(year ?? Int.min))
        for _ in 0..<8 {
            h = (h ^ (y & 0xff)) &* prime
            y >>= 8
        }
        return Int64(bitPattern: h)
    }
}
