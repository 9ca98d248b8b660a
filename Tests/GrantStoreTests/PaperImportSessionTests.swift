import Foundation
import GRDB
import Testing
import GrantModel
@testable import GrantStore

@Suite struct PaperImportSessionTests {
    static func record(_ source: PaperRecord.Source, file: String, ut: String? = nil, eid: String? = nil,
                       pmid: String? = nil, doi: String? = nil, title: String, year: Int? = 2020,
                       funding: [FundingText] = [], authors: [String] = [], line: Int = 1) -> PaperRecord
    {
        PaperRecord(source: source, ut: ut, eid: eid, pmid: pmid, doi: doi, title: title, year: year, authors: authors,
                    funding: funding, provenance: Provenance(file: file, record: 1, line: line))
    }

    @discardableResult
    static func load(_ t: TempDatabase, _ file: String, format: String, _ records: [PaperRecord]) throws
        -> PaperImportSummary
    {
        try t.db.importPapers(.init(kind: "papers", file: file, format: format)) { s in
            for r in records { try s.add(r, natureIndex: nil) }
        }
    }

    static let fx = FundingText(kind: .wosFX, text: "Supported by the National Natural Science Foundation of China (81871234).")
    static let scopus = FundingText(kind: .scopusText, text: "This work was supported by NSFC grant 81871234.")

    @Test func sameDOIDifferentCaseMergesIntoOnePaper() throws {
        let t = try TempDatabase()
        let a = try Self.load(t, "wos.txt", format: "wos", [
            Self.record(.wos, file: "wos.txt", ut: "WOS:000472125200024", doi: "10.1016/J.Cell.2019.01.001",
                        title: "A study", funding: [Self.fx]),
        ])
        #expect(a.inserted == 1)
        let b = try Self.load(t, "scopus.csv", format: "scopus", [
            Self.record(.scopus, file: "scopus.csv", eid: "2-s2.0-85063000000", doi: "10.1016/j.cell.2019.01.001",
                        title: "A different rendering of the title", funding: [Self.scopus]),
        ])
        #expect(b.inserted == 0)
        #expect(b.merged == 1)
        #expect(try t.count("paper") == 1)
        let p = try #require(try t.row("SELECT * FROM paper"))
        #expect(p.text("doi") == "10.1016/j.cell.2019.01.001")
        #expect(p.text("ut") == "WOS:000472125200024")
        #expect(p.text("eid") == "2-s2.0-85063000000", "the second source fills the identifier the first lacked")
        let sources = try t.rows("SELECT source, recordKey, file FROM paperSource ORDER BY source")
        #expect(sources.map { $0["source"] as String } == ["scopus", "wos"])
        #expect(sources.map { $0["file"] as String } == ["scopus.csv", "wos.txt"])
        let texts = try t.db.pool.read { try String.fetchAll($0, sql: "SELECT kind FROM fundingText ORDER BY kind") }
        #expect(texts == ["fx", "scopus-text"])
    }

    @Test func utThenEIDMerges() throws {
        let t = try TempDatabase()
        // WoS plain text, then the same record from a WoS tab export (same UT, title punctuation differs).
        try Self.load(t, "wos.txt", format: "wos", [
            Self.record(.wos, file: "wos.txt", ut: "WOS:000000000000001", title: "Deep learning for CT screening of lung nodules", funding: [Self.fx]),
        ])
        let tab = try Self.load(t, "wos.tsv", format: "wos-tab", [
            Self.record(.wosTab, file: "wos.tsv", ut: "WOS:000000000000001", title: "Deep-learning for CT screening of lung nodules.",
                        funding: [FundingText(kind: .wosFU, text: "National Natural Science Foundation of China [81871234]")]),
        ])
        #expect(tab.merged == 1)
        // Scopus has no UT; it matches by title and year and brings its EID.
        let sc = try Self.load(t, "scopus.csv", format: "scopus", [
            Self.record(.scopus, file: "scopus.csv", eid: "2-s2.0-1", title: "DEEP LEARNING FOR CT SCREENING OF LUNG NODULES", funding: [Self.scopus]),
        ])
        #expect(sc.merged == 1)
        // A second Scopus export of the record then matches on the EID alone, whatever its title says.
        let sc2 = try Self.load(t, "scopus2.csv", format: "scopus", [
            Self.record(.scopus, file: "scopus2.csv", eid: "2-s2.0-1", title: "Deep learning for computed tomography",
                        year: 2021, funding: [Self.scopus]),
        ])
        #expect(sc2.inserted == 0)
        #expect(sc2.merged == 0, "the same Scopus record again adds nothing: one source row per source and record")
        #expect(sc2.unchanged == 1)
        #expect(sc2.batchId == nil)
        #expect(try t.count("paper") == 1)
        #expect(try t.count("paperSource") == 3)
        #expect(try t.count("fundingText") == 3)
        let p = try #require(try t.row("SELECT ut, eid, year FROM paper"))
        #expect(p.text("ut") == "WOS:000000000000001")
        #expect(p.text("eid") == "2-s2.0-1")
        #expect(p.int("year") == 2020, "the stored year is not overwritten")
    }

    @Test func titleAndYearMatchIgnoresPunctuationAndCase() throws {
        let t = try TempDatabase()
        try Self.load(t, "cnki.txt", format: "cnki", [
            Self.record(.cnki, file: "cnki.txt", title: "Radiomics: a Review, Part 1",
                        funding: [FundingText(kind: .cnkiFund, text: "国家自然科学基金(81871234)")]),
        ])
        let s = try Self.load(t, "pubmed.txt", format: "pubmed", [
            Self.record(.pubmed, file: "pubmed.txt", pmid: "31234567", title: "radiomics - a review; part 1.",
                        funding: [FundingText(kind: .pubmedGR, text: "81871234/National Natural Science Foundation of China/")]),
        ])
        #expect(s.merged == 1)
        #expect(try t.count("paper") == 1)
        #expect(try t.count("paperSource") == 2)
        #expect(try t.count("fundingText") == 2)
        #expect(try t.row("SELECT pmid FROM paper")?.text("pmid") == "31234567")
    }

    @Test func titleKeyNormalisation() {
        #expect(PaperImportSession.titleKey("Radiomics: a Review, Part 1") == PaperImportSession.titleKey("RADIOMICS — A REVIEW (PART 1)."))
        #expect(PaperImportSession.titleKey("基于深度学习的CT影像分析") == PaperImportSession.titleKey("基于深度学习的ＣＴ影像分析。"))
        #expect(PaperImportSession.titleKey("Part 1") != PaperImportSession.titleKey("Part 2"))
        #expect(PaperImportSession.titleKey("?!") == "")
    }

    @Test func aTitleOfTwentyCharactersIsDistinctiveAndOneOfNineteenIsNot() {
        func ids(_ key: String) -> PaperIdentities.Ids { .init(titleKey: key, year: 2020) }
        let n = PaperImportSession.minimumTitleKeyLength
        for unit in ["a", "深", "e\u{301}"] {  // one, three and (a letter and its accent) three bytes per character
            #expect(ids(String(repeating: unit, count: n)).titleIsDistinctive(n))
            #expect(!ids(String(repeating: unit, count: n - 1)).titleIsDistinctive(n))
        }
        #expect(!ids("").titleIsDistinctive(n))
    }

    @Test func sameTitleDifferentYearStaysApart() throws {
        let t = try TempDatabase()
        try Self.load(t, "a.txt", format: "wos", [
            Self.record(.wos, file: "a.txt", ut: "WOS:1", title: "Annual report", year: 2019),
            Self.record(.wos, file: "a.txt", ut: "WOS:2", title: "Annual report", year: 2020),
        ])
        #expect(try t.count("paper") == 2)
    }

    @Test func sameTitleAndYearButDifferentDOIsStayApart() throws {
        // Generic titles ("Editorial", "Reply") recur within a year; distinct DOIs prove distinct papers.
        let t = try TempDatabase()
        let s = try Self.load(t, "a.csv", format: "scopus", [
            Self.record(.scopus, file: "a.csv", eid: "2-s2.0-1", doi: "10.1/a", title: "Editorial"),
            Self.record(.scopus, file: "a.csv", eid: "2-s2.0-2", doi: "10.1/b", title: "Editorial"),
        ])
        #expect(s.inserted == 2)
        #expect(try t.count("paper") == 2)
        // A title this short is too generic to join either of them, even with no identifier to contradict it.
        let c = try Self.load(t, "c.txt", format: "cnki", [Self.record(.cnki, file: "c.txt", title: "editorial")])
        #expect(c.inserted == 1)
        #expect(c.merged == 0)
        #expect(try t.count("paper") == 3)
    }

    @Test func emptyIdentifiersAreAbsentIdentifiers() throws {
        // CSV exports give empty cells, not missing ones; two papers without a DOI must not collide on "".
        let t = try TempDatabase()
        let s = try Self.load(t, "a.csv", format: "scopus", [
            Self.record(.scopus, file: "a.csv", ut: "", eid: "2-s2.0-1", pmid: " ", doi: "", title: "One"),
            Self.record(.scopus, file: "a.csv", ut: "", eid: "2-s2.0-2", pmid: "", doi: " ", title: "Two"),
        ])
        #expect(s.inserted == 2)
        #expect(try t.count("paper", "doi IS NULL AND ut IS NULL AND pmid IS NULL") == 2)
        #expect(try t.db.pool.read { try String.fetchAll($0, sql: "SELECT recordKey FROM paperSource ORDER BY id") }
            == ["2-s2.0-1", "2-s2.0-2"])
    }

    @Test func doiURLFormsMatchTheBareDOI() throws {
        let t = try TempDatabase()
        try Self.load(t, "a.txt", format: "wos", [Self.record(.wos, file: "a.txt", ut: "WOS:1", doi: "10.1/ABC", title: "x")])
        let s = try Self.load(t, "b.csv", format: "scopus", [
            Self.record(.scopus, file: "b.csv", eid: "2-s2.0-1", doi: "https://doi.org/10.1/abc", title: "y"),
            Self.record(.scopus, file: "b.csv", eid: "2-s2.0-2", doi: "doi:10.2/Z", title: "z"),
        ])
        #expect(s.merged == 1)
        #expect(s.inserted == 1)
        #expect(try t.db.pool.read { try String?.fetchAll($0, sql: "SELECT doi FROM paper ORDER BY id") } == ["10.1/abc", "10.2/z"])
    }

    @Test func mergeFillsListsTheFirstSourceLacked() throws {
        let t = try TempDatabase()
        try Self.load(t, "cnki.txt", format: "cnki", [Self.record(.cnki, file: "cnki.txt", title: "CT radiomics of pulmonary nodules")])
        var wos = Self.record(.wos, file: "wos.txt", ut: "WOS:1", title: "CT Radiomics of Pulmonary Nodules.", authors: ["Zhang, San"])
        wos.addresses = ["[Zhang, San] Peking Univ, Beijing, Peoples R China"]
        wos.countries = ["China"]
        wos.keywords = ["radiomics"]
        wos.journalAbbreviations = ["RADIOLOGY"]
        let s = try Self.load(t, "wos.txt", format: "wos", [wos])
        #expect(s.merged == 1)
        let p = try #require(try t.row("SELECT authors, addresses, countries, keywords, journalAbbreviations FROM paper"))
        #expect(p.text("authors") == #"["Zhang, San"]"#)
        #expect((p["addresses"] as String?)?.contains("Peking Univ") == true)
        #expect(p.text("countries") == #"["China"]"#)
        #expect(p.text("keywords") == #"["radiomics"]"#)
        #expect(p.text("journalAbbreviations") == #"["RADIOLOGY"]"#)
    }

    @Test func mergeKeepsListsAlreadyStored() throws {
        let t = try TempDatabase()
        try Self.load(t, "wos.txt", format: "wos", [
            Self.record(.wos, file: "wos.txt", ut: "WOS:1", doi: "10.1/x", title: "x", authors: ["Zhang, San"]),
        ])
        let s = try Self.load(t, "cnki.txt", format: "cnki", [
            Self.record(.cnki, file: "cnki.txt", doi: "10.1/x", title: "x", authors: ["张三"]),
        ])
        #expect(s.merged == 1, "a new source row")
        #expect(try t.row("SELECT authors FROM paper")?.text("authors") == #"["Zhang, San"]"#)
    }

    @Test func natureIndexFlagFromALaterSourceIsKept() throws {
        // CNKI often lacks the ISSN the Nature Index match needs; the WoS record of the same paper has it.
        let t = try TempDatabase()
        try Self.load(t, "cnki.txt", format: "cnki", [Self.record(.cnki, file: "cnki.txt", doi: "10.1/x", title: "x")])
        let s = try t.db.importPapers(.init(kind: "papers", file: "wos.txt", format: "wos")) { s in
            try s.add(Self.record(.wos, file: "wos.txt", ut: "WOS:1", doi: "10.1/X", title: "x"),
                      natureIndex: NatureIndexFlag(journal: "Cell", matchedBy: "issn"))
        }
        #expect(s.merged == 1)
        #expect(s.natureIndex == 1)
        let p = try #require(try t.row("SELECT isNatureIndex, natureIndexJournal, natureIndexMatch FROM paper"))
        #expect(p.bool("isNatureIndex") == true)
        #expect(p.text("natureIndexJournal") == "Cell")
        #expect(p.text("natureIndexMatch") == "issn")
    }

    @Test func reimportingTheSameRecordsLeavesNoBatch() throws {
        let t = try TempDatabase()
        let records = [
            Self.record(.wos, file: "wos.txt", ut: "WOS:1", doi: "10.1/X", title: "One", funding: [Self.fx], line: 1),
            Self.record(.wos, file: "wos.txt", ut: "WOS:2", title: "Two", line: 30),
        ]
        let first = try Self.load(t, "wos.txt", format: "wos", records)
        #expect(first.inserted == 2)
        #expect(first.records == 2)
        let again = try Self.load(t, "wos.txt", format: "wos", records)
        #expect(again.inserted == 0)
        #expect(again.merged == 0)
        #expect(again.unchanged == 2)
        #expect(again.batchId == nil)
        #expect(try t.count("importBatch") == 1)
        #expect(try t.count("paperSource") == 2)
        #expect(try t.count("fundingText") == 1)
        let batch = try #require(try t.row("SELECT * FROM importBatch"))
        #expect(batch.text("kind") == "papers")
        #expect(batch.text("format") == "wos")
        #expect(batch.int("inserted") == 2)
    }

    @Test func rejectIsStoredWithFileLineReason() throws {
        let t = try TempDatabase()
        let long = String(repeating: "x", count: 5000)
        let s = try t.db.importPapers(.init(kind: "papers", file: "wos.txt", format: "wos")) { s in
            try s.reject(file: "wos.txt", line: 42, reason: "record truncated: no ER line", raw: long)
        }
        #expect(s.rejected == 1)
        let r = try #require(try t.row("SELECT * FROM reject"))
        #expect(r.text("kind") == "paper")
        #expect(r.text("file") == "wos.txt")
        #expect(r.int("row") == 42)
        #expect(r.text("reason") == "record truncated: no ER line")
        #expect((r["raw"] as String).count == 4000, "raw text is capped")
        #expect(r.int("batchId") == s.batchId)
        // The same reject again is neither duplicated nor a reason to keep a batch.
        let again = try t.db.importPapers(.init(kind: "papers", file: "wos.txt", format: "wos")) { s in
            try s.reject(file: "wos.txt", line: 42, reason: "record truncated: no ER line", raw: long)
        }
        #expect(again.rejected == 0)
        #expect(again.batchId == nil)
        #expect(try t.count("reject") == 1)
        #expect(try t.count("importBatch") == 1)
    }

    @Test func natureIndexFlagIsStored() throws {
        let t = try TempDatabase()
        let s = try t.db.importPapers(.init(kind: "papers", file: "a.txt", format: "wos")) { s in
            try s.add(Self.record(.wos, file: "a.txt", ut: "WOS:1", title: "Cell paper"),
                      natureIndex: NatureIndexFlag(journal: "Cell", matchedBy: "issn"))
        }
        #expect(s.natureIndex == 1)
        let p = try #require(try t.row("SELECT isNatureIndex, natureIndexJournal, natureIndexMatch FROM paper"))
        #expect(p.bool("isNatureIndex") == true)
        #expect(p.text("natureIndexJournal") == "Cell")
        #expect(p.text("natureIndexMatch") == "issn")
    }

    @Test func errorInsideTheBodyRollsBackPapers() throws {
        let t = try TempDatabase()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try t.db.importPapers(.init(kind: "papers", file: "a.txt", format: "wos")) { s in
                try s.add(Self.record(.wos, file: "a.txt", ut: "WOS:1", title: "x", funding: [Self.fx]), natureIndex: nil)
                throw Boom()
            }
        }
        for table in ["paper", "paperSource", "fundingText", "importBatch"] {
            #expect(try t.count(table) == 0)
        }
    }

    // MARK: - Chunked writing: records are matched and written a chunk at a time

    @Test func duplicatesWithinOneChunkMergeIntoTheFirst() throws {
        let t = try TempDatabase()
        let s = try Self.load(t, "mixed.txt", format: "wos", [
            Self.record(.wos, file: "mixed.txt", ut: "WOS:1", doi: "10.1/a", title: "Deep learning for CT screening",
                        funding: [Self.fx], line: 1),
            Self.record(.wos, file: "mixed.txt", ut: "WOS:2", title: "Another paper entirely different", line: 20),
            // The same paper exported again (DOI in another case), bringing a second funding text.
            Self.record(.scopus, file: "mixed.txt", eid: "2-s2.0-9", doi: "10.1/A", title: "Deep learning for CT screening",
                        funding: [Self.fx, Self.scopus], line: 40),
            // Found by the EID the previous record just gave the paper.
            Self.record(.scopus, file: "mixed.txt", eid: "2-s2.0-9", title: "Deep learning, CT screening", line: 60),
        ])
        #expect(s.inserted == 2)
        #expect(s.merged == 1)
        #expect(s.unchanged == 1, "same source, same record key, nothing new")
        #expect(try t.count("paper") == 2)
        let p = try #require(try t.row("SELECT id, ut, eid, doi FROM paper WHERE doi = '10.1/a'"))
        #expect(p.text("eid") == "2-s2.0-9")
        #expect(try t.count("fundingText", "paperId = \(p.int("id") ?? -1)") == 2, "the repeated FX text is stored once")
    }

    @Test func aDuplicateInALaterChunkFindsThePaperWrittenEarlier() throws {
        let t = try TempDatabase()
        let n = PaperImportSession.chunkSize + 10
        var records = (1...n).map { i in
            Self.record(.wos, file: "big.txt", ut: "WOS:\(i)", title: "Paper number \(i) about lung nodules", line: i)
        }
        // A second record of paper 3 after the first chunk boundary, and a title-only one matching paper 5.
        records.append(Self.record(.scopus, file: "big.txt", eid: "2-s2.0-3", doi: nil, title: "x", line: n + 1))
        records[records.count - 1].ut = "WOS:3"
        records.append(Self.record(.cnki, file: "big.txt", title: "Paper number 5 about lung nodules.", line: n + 2))
        let s = try Self.load(t, "big.txt", format: "wos", records)
        #expect(s.records == n + 2)
        #expect(s.inserted == n)
        #expect(s.merged == 2)
        #expect(try t.count("paper") == n)
        #expect(try t.row("SELECT eid FROM paper WHERE ut = 'WOS:3'")?.text("eid") == "2-s2.0-3")
        #expect(try t.count("paperSource") == n + 2)
    }

    /// A first import rules identifiers out with a filter of the ones it stored: one a merge gave a paper must be
    /// in it too, or a record two chunks later that has only that identifier becomes a second paper.
    @Test func anIdentifierAMergeAddedFindsThePaperChunksLater() throws {
        let t = try TempDatabase()
        let fillers = { (from: Int) in
            (from..<from + PaperImportSession.chunkSize).map { i in
                Self.record(.wos, file: "a.txt", ut: "WOS:F\(i)", title: "Filler paper number \(i) on imaging", line: i)
            }
        }
        var records = [Self.record(.wos, file: "a.txt", ut: "WOS:1", title: "Radiomics of lung nodules", line: 1)]
        records += fillers(10)
        records.append(Self.record(.scopus, file: "a.txt", eid: "2-s2.0-7", doi: "10.1/z", title: "Radiomics, lung", line: 5_000))
        records[records.count - 1].ut = "WOS:1"
        records += fillers(6_000)
        records.append(Self.record(.pubmed, file: "a.txt", pmid: "31234567", doi: "10.1/Z", title: "Other words", line: 9_000))
        records.append(Self.record(.scopus, file: "a.txt", eid: "2-s2.0-7", title: "Yet other words", line: 9_001))
        let s = try Self.load(t, "a.txt", format: "wos", records)
        #expect(s.inserted == 1 + 2 * PaperImportSession.chunkSize)
        #expect(s.merged == 3)
        #expect(try t.count("paperSource", "paperId = (SELECT id FROM paper WHERE ut = 'WOS:1')") == 4)
        #expect(try t.row("SELECT pmid FROM paper WHERE ut = 'WOS:1'")?.text("pmid") == "31234567")
    }

    /// A command that starts on an empty paper table matches titles without the title index (dropped for the load,
    /// rebuilt before commit), with the same rules: same title and year, and no identifier on both sides.
    @Test func aFirstImportMatchesTitlesWithoutTheIndexAndRebuildsIt() throws {
        let t = try TempDatabase()
        struct Broken: Error {}
        let title = "Radiomics of lung nodules: a review"
        let outcomes: [Result<PaperImportSummary, any Error>] = try t.db.inImportTransaction { transaction in
            [
                // Rolled back: it must take neither its paper nor the dropped indexes' state with it.
                Result {
                    try t.db.importPapers(.init(kind: "papers", file: "broken.txt", format: "wos"), in: transaction) { s in
                        try s.add(Self.record(.wos, file: "broken.txt", ut: "WOS:9", title: title), natureIndex: nil)
                        throw Broken()
                    }
                },
                Result {
                    try t.db.importPapers(.init(kind: "papers", file: "a.txt", format: "wos"), in: transaction) { s in
                        for r in [
                            Self.record(.wos, file: "a.txt", ut: "WOS:1", title: title, line: 1),
                            Self.record(.wos, file: "a.txt", ut: "WOS:2", title: title, line: 20),  // two UTs: two papers
                            Self.record(.cnki, file: "a.txt", title: title.uppercased(), line: 40),  // joins WOS:1
                            Self.record(.pubmed, file: "a.txt", pmid: "31234567", title: title, year: 2021, line: 60),
                        ] { try s.add(r, natureIndex: nil) }
                    }
                },
            ]
        }
        #expect(outcomes.map { (try? $0.get()) != nil } == [false, true])
        #expect(try t.rows("SELECT coalesce(ut, pmid) FROM paper ORDER BY id").map { $0[0] as String } == ["WOS:1", "WOS:2", "31234567"])
        #expect(try t.count("paperSource", "paperId = (SELECT id FROM paper WHERE ut = 'WOS:1')") == 2)
        let indexes = Set(try t.rows("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'paper'").map { $0[0] as String })
        #expect(indexes.isSuperset(of: ["paper_titleKey_year", "paper_year_natureIndex"]))

        // The next command finds the stored papers through the rebuilt index.
        let later = try Self.load(t, "b.txt", format: "cnki", [Self.record(.cnki, file: "b.txt", title: title, year: 2021)])
        #expect(later.merged == 1)
        #expect(try t.count("paper") == 3)
    }

    /// Across chunks of a first import: a record joins a same-title paper when they share no kind of identifier,
    /// and stays apart when both have one (a different DOI proves a different paper).
    @Test func aFirstImportJoinsByTitleOnlyWhereNoIdentifierContradicts() throws {
        let t = try TempDatabase()
        let title = "Radiomics of lung nodules: a review"
        var records = [Self.record(.scopus, file: "a.csv", doi: "10.1/x", title: title, line: 1)]
        records += (1...PaperImportSession.chunkSize).map { i in
            Self.record(.wos, file: "a.csv", ut: "WOS:F\(i)", title: "Filler paper number \(i) on imaging", line: 1 + i)
        }
        records.append(Self.record(.wos, file: "a.csv", ut: "WOS:77", title: title, line: 9_000))  // joins 10.1/x
        records.append(Self.record(.scopus, file: "a.csv", doi: "10.1/y", title: title, line: 9_001))  // apart
        let s = try Self.load(t, "a.csv", format: "scopus", records)
        #expect(s.merged == 1)
        #expect(try t.row("SELECT ut FROM paper WHERE doi = '10.1/x'")?.text("ut") == "WOS:77")
        #expect(try t.count("paper", "titleKey = ?", [PaperImportSession.titleKey(title)]) == 2)
    }

    @Test func newIdsNeverReuseThoseOfDeletedPapers() throws {
        let t = try TempDatabase()
        try Self.load(t, "a.txt", format: "wos", [
            Self.record(.wos, file: "a.txt", ut: "WOS:1", title: "First paper of the file", funding: [Self.fx]),
            Self.record(.wos, file: "a.txt", ut: "WOS:2", title: "Second paper of the file", funding: [Self.fx]),
        ])
        try t.db.pool.write { try $0.execute(sql: "DELETE FROM paper WHERE ut = 'WOS:2'") }
        try Self.load(t, "b.txt", format: "wos", [Self.record(.wos, file: "b.txt", ut: "WOS:3", title: "Third paper")])
        let ids = try t.db.pool.read { try Int64.fetchAll($0, sql: "SELECT id FROM paper ORDER BY id") }
        #expect(ids == [1, 3], "AUTOINCREMENT semantics: id 2 belonged to a deleted paper")
        #expect(try t.count("fundingText", "paperId = 3") == 0, "no orphaned text of the deleted paper is attached")
    }
}
