import Foundation
import GRDB
import Testing
import GrantModel
import GrantStore

/// Imports and `link` write with foreign-key checks off and, for a bulk load, without the secondary indexes; these
/// tests check that what they leave behind is still whole.
@Suite struct BulkWriteTests {
    static func paper(_ ut: String, _ text: String, line: Int) -> PaperRecord {
        PaperImportSessionTests.record(.wos, file: "wos.txt", ut: ut, title: "Paper \(ut)",
                                       funding: [FundingText(kind: .wosFX, text: text)], line: line)
    }

    /// Every eight-digit number is an NSFC mention; a mention links to the grant of that number.
    static func link(_ t: TempDatabase) throws -> LinkSummary {
        let index = try t.db.grantIndex()
        return try t.db.link(
            extract: { texts in
                let digits = /[0-9]{8}/
                return texts.map { text in
                    text.matches(of: digits).enumerated().map { i, m in
                        let start = text.utf8.distance(from: text.startIndex, to: m.range.lowerBound)
                        return Mention(funder: .nsfc, number: String(text[m.range]), raw: String(text[m.range]),
                                       start: start, end: start + 8, funderText: "NSFC", position: i + 1)
                    }
                }
            },
            nearMisses: { _ in [] },
            decide: { evidence, _ in
                evidence.compactMap { e in
                    index[e.mention.number].map {
                        LinkDecision(grantId: $0.id, mentionId: e.id, confidence: .high, evidence: e.mention.raw)
                    }
                }
            })
    }

    static func expectWhole(_ t: TempDatabase, _ when: String) throws {
        #expect(try t.rows("PRAGMA foreign_key_check").isEmpty, "dangling references \(when)")
        let indexes = Set(try t.rows("SELECT name FROM sqlite_master WHERE type = 'index'").map { $0[0] as String })
        for name in ["mention_on_paperId", "link_on_grantId"] {
            #expect(indexes.contains(name), "\(name) missing \(when)")
        }
        // A bulk link suspends the trigger that marks the report rollups stale when a paper's funder flags arrive.
        #expect(try t.count("sqlite_master", "type = 'trigger' AND name = 'reportCache_paperFunderInsert'") == 1,
                "flag trigger missing \(when)")
    }

    @Test func filesInOneTransactionKeepTheirOwnBatchesAndAFailedFileRollsBackAlone() throws {
        let t = try TempDatabase()
        struct Broken: Error {}
        let outcomes: [Result<PaperImportSummary, any Error>] = try t.db.inImportTransaction { transaction in
            ["a.txt", "b.txt", "c.txt"].enumerated().map { i, file in
                Result {
                    try t.db.importPapers(.init(kind: "papers", file: file, format: "wos"), in: transaction) { s in
                        try s.add(Self.paper("WOS:\(i)1", "NSFC (8187123\(i))", line: 1), natureIndex: nil)
                        try s.add(Self.paper("WOS:\(i)2", "NSFC (8187124\(i))", line: 20), natureIndex: nil)
                        if file == "b.txt" { throw Broken() }  // dies after its records were written
                    }
                }
            }
        }
        #expect(outcomes.map { (try? $0.get()) != nil } == [true, false, true])
        #expect(try t.rows("SELECT ut FROM paper ORDER BY ut").map { $0[0] as String } == ["WOS:01", "WOS:02", "WOS:21", "WOS:22"])
        #expect(try t.rows("SELECT file FROM importBatch ORDER BY id").map { $0[0] as String } == ["a.txt", "c.txt"])
        #expect(try t.count("fundingText") == 4)
        #expect(try t.rows("PRAGMA foreign_key_check").isEmpty)
    }

    @Test func bulkAndIncrementalLinksLeaveNoDanglingReferencesAndRebuildTheIndexes() throws {
        let t = try TempDatabase()
        _ = try t.db.importGrants(.init(kind: "grants", file: "g.csv")) { s in
            for (row, number) in ["81871230", "81871231", "81871240"].enumerated() {
                try s.upsert(Grant(number: number, funder: .nsfc), origin: RowOrigin(file: "g.csv", sheet: nil, row: row + 2))
            }
        }
        try PaperImportSessionTests.load(t, "wos.txt", format: "wos", [
            Self.paper("WOS:1", "NSFC (81871230, 81871231)", line: 1),
            Self.paper("WOS:2", "Grant 99999999 only", line: 20),
            Self.paper("WOS:3", "No numbers here", line: 40),
        ])
        let first = try Self.link(t)  // a first link: the bulk path
        #expect(first.linksWritten == 2)
        try Self.expectWhole(t, "after the first link")
        #expect(try t.rows("SELECT p.ut, f.citesNSFC FROM paperFunder f JOIN paper p ON p.id = f.paperId ORDER BY p.ut")
            .map { "\($0[0] as String)=\($0[1] as Bool)" } == ["WOS:1=true", "WOS:2=true"])

        try PaperImportSessionTests.load(t, "more.txt", format: "wos", [Self.paper("WOS:4", "NSFC 81871240", line: 1)])
        let second = try Self.link(t)  // one new text against three linked: the incremental path
        #expect(second.fundingTextsRead == 1)
        #expect(second.linksWritten == 1)
        try Self.expectWhole(t, "after the incremental link")
        #expect(try t.count("link") == 3)
        #expect(try t.count("link", "grantId = (SELECT id FROM \"grant\" WHERE number = '81871240')") == 1)
    }

    /// Funder flags with no link (no grant list yet) change the funder report, so a first link must leave the
    /// rollups stale even though it suspends the trigger that marks them so.
    @Test func aFirstLinkThatOnlyFlagsFundersLeavesTheRollupsStale() throws {
        let t = try TempDatabase()
        try PaperImportSessionTests.load(t, "wos.txt", format: "wos", [Self.paper("WOS:1", "NSFC (81871230)", line: 1)])
        try t.db.refreshReports()
        #expect(try ReportCacheTests.isFresh(t.db))
        let summary = try t.db.link(
            extract: { texts in texts.map { _ in [Mention(funder: .nsfc, number: "81871230", raw: "81871230", start: 6,
                                                          end: 14, funderText: "NSFC", position: 1)] } },
            nearMisses: { _ in [] }, decide: { _, _ in [] }, refreshReports: false)
        #expect(summary.linksWritten == 0)
        #expect(try t.count("paperFunder") == 1)
        #expect(try !ReportCacheTests.isFresh(t.db))
        try Self.expectWhole(t, "after a link with flags only")
    }

    @Test func aPaperWhoseTextsAreApartOrThatGainsATextLaterIsDecidedFromAllItsMentions() throws {
        let t = try TempDatabase()
        _ = try t.db.importGrants(.init(kind: "grants", file: "g.csv")) { s in
            for (row, number) in ["81871230", "81871231", "81871240"].enumerated() {
                try s.upsert(Grant(number: number, funder: .nsfc), origin: RowOrigin(file: "g.csv", sheet: nil, row: row + 2))
            }
        }
        func record(_ ut: String, doi: String, _ text: String, kind: FundingText.Kind) -> PaperRecord {
            PaperImportSessionTests.record(.wos, file: "x.txt", ut: ut, doi: doi, title: "Paper \(ut)",
                                           funding: [FundingText(kind: kind, text: text)])
        }
        // The same paper (by DOI) in two files imported before one link: its texts are not adjacent.
        try PaperImportSessionTests.load(t, "a.txt", format: "wos", [
            record("WOS:1", doi: "10.1/x", "NSFC (81871230)", kind: .wosFX),
            record("WOS:2", doi: "10.1/y", "No numbers", kind: .wosFX),
        ])
        try PaperImportSessionTests.load(t, "b.txt", format: "wos", [
            record("WOS:3", doi: "10.1/z", "No numbers either", kind: .wosFX),
            record("WOS:9", doi: "10.1/x", "NSFC grant 81871231", kind: .wosFU),
        ])
        _ = try Self.link(t)
        func grantsOfX() throws -> [String] {
            try t.rows("""
                SELECT g.number FROM link l JOIN "grant" g ON g.id = l.grantId JOIN paper p ON p.id = l.paperId
                WHERE p.doi = '10.1/x' ORDER BY g.number
                """).map { $0[0] as String }
        }
        #expect(try grantsOfX() == ["81871230", "81871231"])
        // A later import adds a third text to the same paper: it is decided again with all three.
        try PaperImportSessionTests.load(t, "c.txt", format: "wos", [
            record("WOS:8", doi: "10.1/x", "Also NSFC 81871240", kind: .scopusText),
        ])
        let again = try Self.link(t)
        #expect(again.fundingTextsRead == 1)
        #expect(try grantsOfX() == ["81871230", "81871231", "81871240"])
        #expect(try t.count("paperFunder", "citesNSFC") == 1)
        try Self.expectWhole(t, "after merges")
    }

    /// A bulk write runs under a rollback journal (no `-wal` file while it writes) and leaves the store in WAL mode.
    @Test func aBulkWriteUsesARollbackJournalAndLeavesTheStoreInWAL() throws {
        let t = try TempDatabase()
        let wal = t.db.path + "-wal"
        #expect(FileManager.default.fileExists(atPath: wal))
        var walDuringWrite: Bool?
        _ = try t.db.importPapers(.init(kind: "papers", file: "wos.txt", format: "wos")) { s in
            try s.add(Self.paper("WOS:1", "NSFC (81871230)", line: 1), natureIndex: nil)
            walDuringWrite = FileManager.default.fileExists(atPath: wal)
        }
        #expect(walDuringWrite == false)
        #expect(try t.row("PRAGMA journal_mode")?[0] as String? == "wal")
        #expect(try t.row("PRAGMA synchronous")?[0] as Int? == 1)  // NORMAL again
        #expect(try t.count("paper") == 1)
    }

    /// When another connection has the store open, the switch is refused and the write runs in WAL, as before.
    @Test func aBulkWriteStaysInWALWhileAnotherConnectionHasTheStoreOpen() throws {
        let t = try TempDatabase()
        let other = try DatabaseQueue(path: t.db.path)
        #expect(try other.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM paper") } == 0)
        var walDuringWrite: Bool?
        _ = try t.db.importPapers(.init(kind: "papers", file: "wos.txt", format: "wos")) { s in
            try s.add(Self.paper("WOS:1", "NSFC (81871230)", line: 1), natureIndex: nil)
            walDuringWrite = FileManager.default.fileExists(atPath: t.db.path + "-wal")
        }
        #expect(walDuringWrite == true)
        #expect(try other.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM paper") } == 1)
        #expect(try t.row("PRAGMA journal_mode")?[0] as String? == "wal")
    }
}
