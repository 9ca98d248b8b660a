import GRDB

/// The report rollups, computed in memory from one read of grants, papers and links.
///
/// Grouping two million links several ways in SQL sorts them again for every grouping (tens of seconds at 1M
/// papers); here each link is visited once and counted into maps keyed by small integer codes.
struct ReportRollup {
    /// A dimension value (code into `values`), a funder (code into `funders`; -1 = any funder) and a year.
    struct Group: FoldedKey {
        var value: Int32, funder: Int32, year: Int32
        var folded: UInt64 { UInt64(UInt32(bitPattern: value)) << 32 | UInt64(UInt32(bitPattern: funder << 24 ^ year << 8)) }
    }

    struct RankedGroup: FoldedKey {
        var group: Group, rank: Int32
        var folded: UInt64 { group.folded ^ UInt64(UInt32(bitPattern: rank)) }
    }

    struct LagGroup: FoldedKey {
        var group: Group, lag: Int32, rank: Int32
        var folded: UInt64 { group.folded ^ UInt64(UInt32(bitPattern: lag << 4 ^ rank)) << 40 }
    }

    /// A group's grants: how many, their amounts, and their papers and NI papers at confidence ≥ 1, 2, 3.
    struct GrantSums {
        var grants = 0, amountYuan: Int64 = 0, amountsKnown = 0
        var papers = [0, 0, 0], ni = [0, 0, 0]
    }

    /// (dimension, value) for each value code.
    private(set) var values: [(dimension: ReportQuery.Dimension, value: String)] = []
    private(set) var funders: [String] = []
    private(set) var grantYears = CountTable<Group, GrantSums>(zero: GrantSums())
    private(set) var paperYears = CountTable<RankedGroup, (papers: Int, ni: Int)>(zero: (0, 0))
    private(set) var lags = CountTable<LagGroup, Int>(zero: 0)
    /// Per grant id × 3 (links of confidence ≥ 1, 2, 3): papers, NI papers, first and last publication year.
    private(set) var outPapers: [Int32] = [], outNI: [Int32] = [], outFirst: [Int32] = [], outLast: [Int32] = []
    /// year → nsfc, keyRD, both, nsfcNI, keyRDNI, bothNI.
    private(set) var funderYears: [Int: [Int]] = [:]

    static let noYear = Int32.min
    private let dimensions = GrantDatabase.cachedDimensions

    // Grants by id: funder code (-1 = no such grant), value code per dimension, approval year, not a sub-project.
    private var grantFunder: [Int32] = [], grantValues: [Int32] = [], grantYear: [Int32] = [], grantCounted: [Bool] = []
    // Papers by id: publication year, Nature Index flag (-1 = no such paper).
    private var paperYear: [Int32] = [], paperNI: [Int8] = []
    /// The current paper's groups and its best link confidence in each (a paper has a handful of links).
    private var best: [(group: Group, rank: Int32)] = []

    init(_ db: Database) throws {
        try readGrants(db)
        try readPapers(db)
        try readLinks(db)
        countGrants()
    }

    private mutating func readGrants(_ db: Database) throws {
        let count = (try Int.fetchOne(db, sql: "SELECT max(id) FROM \"grant\"") ?? 0) + 1
        grantFunder = Array(repeating: -1, count: count)
        grantValues = Array(repeating: 0, count: count * dimensions.count)
        grantYear = Array(repeating: Self.noYear, count: count)
        grantCounted = Array(repeating: false, count: count)
        (outPapers, outNI) = (Array(repeating: 0, count: count * 3), Array(repeating: 0, count: count * 3))
        (outFirst, outLast) = (Array(repeating: Int32.max, count: count * 3), Array(repeating: Self.noYear, count: count * 3))
        var valueCodes: [[String: Int32]] = Array(repeating: [:], count: dimensions.count)
        var funderCodes: [String: Int32] = [:]
        let columns = dimensions.map(GrantDatabase.dimensionSQL).joined(separator: ", ")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT g.id, g.funder, g.year, g.amountYuan, g.projectNumber IS NULL, \(columns) FROM "grant" g
            """)
        while let r = try rows.next() {
            let id: Int = r[0], funderName: String = r[1]
            let funder = funderCodes[funderName] ?? {
                funders.append(funderName)
                funderCodes[funderName] = Int32(funders.count - 1)
                return Int32(funders.count - 1)
            }()
            grantFunder[id] = funder
            let year: Int? = r[2]
            grantYear[id] = year.map(Int32.init) ?? Self.noYear
            grantCounted[id] = r[4]
            let amount: Int64? = r[3]
            for (d, dimension) in dimensions.enumerated() {
                let name: String = r[5 + d]
                let code = valueCodes[d][name] ?? {
                    values.append((dimension, name))
                    valueCodes[d][name] = Int32(values.count - 1)
                    return Int32(values.count - 1)
                }()
                grantValues[id * dimensions.count + d] = code
                if grantCounted[id], let year {
                    grantYears.update(Group(value: code, funder: funder, year: Int32(year))) { s in
                        s.grants += 1
                        if let amount { (s.amountYuan, s.amountsKnown) = (s.amountYuan + amount, s.amountsKnown + 1) }
                    }
                }
            }
        }
    }

    private mutating func readPapers(_ db: Database) throws {
        let count = (try Int.fetchOne(db, sql: "SELECT max(id) FROM paper") ?? 0) + 1
        paperYear = Array(repeating: Self.noYear, count: count)
        paperNI = Array(repeating: -1, count: count)
        // Served by the covering (year, isNatureIndex) index, not the wide paper rows.
        let rows = try Row.fetchCursor(db, sql: "SELECT id, year, isNatureIndex FROM paper")
        while let r = try rows.next() {
            let id: Int = r[0], year: Int? = r[1], ni: Bool = r[2]
            paperYear[id] = year.map(Int32.init) ?? Self.noYear
            paperNI[id] = ni ? 1 : 0
        }
        let cites = try Row.fetchCursor(db, sql: "SELECT paperId, citesNSFC, citesKeyRD FROM paperFunder")
        while let r = try cites.next() {
            let id: Int = r[0], nsfc: Bool = r[1], keyRD: Bool = r[2]
            guard id < paperYear.count, paperYear[id] != Self.noYear, nsfc || keyRD else { continue }
            let ni = paperNI[id] == 1, both = nsfc && keyRD
            let add = [nsfc, keyRD, both, nsfc && ni, keyRD && ni, both && ni].map { $0 ? 1 : 0 }
            let year = Int(paperYear[id])
            funderYears[year] = zip(funderYears[year] ?? [0, 0, 0, 0, 0, 0], add).map { $0 + $1 }
        }
    }

    /// Links are read in id order (which follows papers, as `link` decides them in paper order) and sorted by
    /// paper when a later run added links to older papers, so each paper's links are adjacent.
    private mutating func readLinks(_ db: Database) throws {
        var links: [(paper: Int32, grant: Int32, rank: Int32)] = []
        links.reserveCapacity(try Int.fetchOne(db, sql: "SELECT max(id) FROM link") ?? 0)
        let rows = try Row.fetchCursor(db, sql: "SELECT paperId, grantId, confidenceRank FROM link")
        while let r = try rows.next() { links.append((r[0], r[1], r[2])) }
        if zip(links, links.dropFirst()).contains(where: { $0.paper > $1.paper }) { links.sort { $0.paper < $1.paper } }

        var start = 0
        while start < links.count {
            var end = start + 1
            while end < links.count, links[end].paper == links[start].paper { end += 1 }
            countPaper(links[start..<end])
            start = end
        }
    }

    /// Each counted grant's output into its groups, once every link is read.
    private mutating func countGrants() {
        for id in grantFunder.indices where grantCounted[id] && grantYear[id] != Self.noYear {
            // Slices, so the closure reads no property of the rollup it is updating.
            let papers = outPapers[id * 3..<id * 3 + 3], ni = outNI[id * 3..<id * 3 + 3]
            for d in dimensions.indices {
                let group = Group(value: grantValues[id * dimensions.count + d], funder: grantFunder[id], year: grantYear[id])
                grantYears.update(group) { s in
                    for k in 0..<3 {
                        s.papers[k] += Int(papers[papers.startIndex + k])
                        s.ni[k] += Int(ni[ni.startIndex + k])
                    }
                }
            }
        }
    }

    /// Notes `group` for the current paper at `rank`, keeping the best rank.
    private mutating func keep(_ group: Group, _ rank: Int32) {
        if let k = best.firstIndex(where: { $0.group == group }) {
            best[k].rank = max(best[k].rank, rank)
        } else {
            best.append((group, rank))
        }
    }

    /// One paper's links: grant outputs and lags per link; for each group the paper belongs to, the paper once,
    /// at its best confidence in that group.
    private mutating func countPaper(_ links: ArraySlice<(paper: Int32, grant: Int32, rank: Int32)>) {
        let paper = Int(links.first!.paper)
        guard paper < paperNI.count, paperNI[paper] >= 0 else { return }
        let year = paperYear[paper], ni = paperNI[paper] == 1
        best.removeAll(keepingCapacity: true)
        for link in links {
            let g = Int(link.grant)
            guard g < grantFunder.count, grantFunder[g] >= 0 else { continue }
            for i in g * 3..<g * 3 + min(max(Int(link.rank), 0), 3) {
                outPapers[i] += 1
                if ni { outNI[i] += 1 }
                guard year != Self.noYear else { continue }
                outFirst[i] = min(outFirst[i], year)
                outLast[i] = max(outLast[i], year)
            }
            guard grantCounted[g], year != Self.noYear else { continue }
            let funder = grantFunder[g]
            for d in dimensions.indices {
                let value = grantValues[g * dimensions.count + d]
                keep(Group(value: value, funder: funder, year: year), link.rank)
                keep(Group(value: value, funder: -1, year: year), link.rank)
                if grantYear[g] != Self.noYear {
                    let group = Group(value: value, funder: funder, year: year)
                    lags.update(LagGroup(group: group, lag: year - grantYear[g], rank: link.rank)) { $0 += 1 }
                }
            }
        }
        for (group, rank) in best {
            paperYears.update(RankedGroup(group: group, rank: rank)) { $0 = ($0.papers + 1, $0.ni + (ni ? 1 : 0)) }
        }
    }
}
