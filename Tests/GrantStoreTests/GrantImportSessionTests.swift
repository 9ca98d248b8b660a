import Foundation
import GRDB
import Testing
import GrantModel
import GrantStore

@Suite struct GrantImportSessionTests {
    static func nsfc(_ number: String, title: String? = "t", pi: String? = "张三", amount: Int64? = 550_000) -> Grant {
        var g = Grant(number: number, funder: .nsfc)
        g.title = title
        g.pi = pi
        g.amountYuan = amount
        if let parsed = GrantNumber.parse(number) { g.applyDecodedFacts(parsed) }
        return g
    }

    static func keyRD(_ number: String, title: String? = nil) -> Grant {
        var g = Grant(number: number, funder: .nkrdpc)
        g.title = title
        if let parsed = GrantNumber.parse(number) { g.applyDecodedFacts(parsed) }
        return g
    }

    /// Imports `rows` (grant or reject reason) as `file`, row numbers from 2 (row 1 is the header).
    @discardableResult
    static func load(_ t: TempDatabase, _ file: String, _ rows: [Result<Grant, Failure>], strict: Bool = false) throws
        -> ImportSummary
    {
        try t.db.importGrants(.init(kind: "grants", file: file), strict: strict) { s in
            for (i, r) in rows.enumerated() {
                let origin = RowOrigin(file: file, sheet: "Sheet1", row: i + 2)
                switch r {
                case .success(let g): try s.upsert(g, origin: origin)
                case .failure(let f): try s.reject(origin: origin, reason: f.reason, raw: f.raw)
                }
            }
        }
    }

    struct Failure: Error {
        var reason: String
        var raw: String
    }

    @Test func insertsGrantsWithProvenance() throws {
        let t = try TempDatabase()
        let s = try Self.load(t, "a.csv", [.success(Self.nsfc("81871234")), .success(Self.nsfc("61921003"))])
        #expect(s.inserted == 2)
        #expect(s.updated == 0)
        #expect(s.unchanged == 0)
        let batchId = try #require(s.batchId)
        #expect(try t.count("grant") == 2)
        let row = try #require(try t.row("SELECT * FROM \"grant\" WHERE number = '81871234'"))
        #expect(row.text("funder") == "nsfc")
        #expect(row.text("department") == "H")
        #expect(row.text("departmentSource") == "inferred")
        #expect(row.int("year") == 2018)
        #expect(row.int("amountYuan") == 550_000)
        #expect(row.text("sourceFile") == "a.csv")
        #expect(row.text("sourceSheet") == "Sheet1")
        #expect(row.int("sourceRow") == 2)
        #expect(row.int("batchId") == batchId)
        #expect(row.bool("isPlaceholder") == false)
        let batch = try #require(try t.row("SELECT * FROM importBatch WHERE id = ?", [batchId]))
        #expect(batch.text("kind") == "grants")
        #expect(batch.text("file") == "a.csv")
        #expect(batch.int("inserted") == 2)
    }

    @Test func notesAreStoredAsJSON() throws {
        let t = try TempDatabase()
        var g = Self.nsfc("30901821")
        g.notes.append("amount unit not stated")
        try Self.load(t, "a.csv", [.success(g)])
        let notes: String = try #require(try t.row("SELECT notes FROM \"grant\"")?.text("notes"))
        let decoded = try JSONDecoder().decode([String].self, from: Data(notes.utf8))
        #expect(decoded == g.notes)
        #expect(decoded.count == 2)
    }

    @Test func reimportOfIdenticalRowsLeavesNoTrace() throws {
        let t = try TempDatabase()
        let rows: [Result<Grant, Failure>] = [
            .success(Self.nsfc("81871234")), .success(Self.nsfc("61921003")),
            .failure(Failure(reason: "malformed number '123'", raw: "批准号: 123")),
        ]
        let first = try Self.load(t, "a.csv", rows)
        #expect(first.inserted == 2)
        #expect(first.rejected == 1)
        let second = try Self.load(t, "a.csv", rows)
        #expect(second.inserted == 0)
        #expect(second.updated == 0)
        #expect(second.unchanged == 2)
        #expect(second.rejected == 0, "the reject is already stored")
        #expect(second.batchId == nil)
        #expect(try t.count("importBatch") == 1, "an import that changes nothing is rolled back with its batch")
        #expect(try t.count("reject") == 1)
        #expect(try t.count("grantHistory") == 0)
        #expect(try t.count("grant", "batchId = ?", [first.batchId]) == 2)
    }

    @Test func changedValuesAreUpdatedWithHistory() throws {
        let t = try TempDatabase()
        let first = try Self.load(t, "a.csv", [.success(Self.nsfc("81871234")), .success(Self.nsfc("61921003"))])
        let second = try Self.load(t, "b.csv", [
            .success(Self.nsfc("81871234", title: "new title", amount: 600_000)), .success(Self.nsfc("61921003")),
        ])
        #expect(second.inserted == 0)
        #expect(second.updated == 1)
        #expect(second.unchanged == 1)
        #expect(second.changedFields == ["title": 1, "amountYuan": 1])
        let batchId = try #require(second.batchId)
        #expect(batchId != first.batchId)
        let history = try t.rows("SELECT field, oldValue, newValue, batchId FROM grantHistory ORDER BY field")
        #expect(history.count == 2)
        #expect(history.map { $0["field"] as String } == ["amountYuan", "title"])
        #expect(history[0].text("oldValue") == "550000")
        #expect(history[0].text("newValue") == "600000")
        #expect(history[1].text("oldValue") == "t")
        #expect(history[1].text("newValue") == "new title")
        #expect(history.allSatisfy { $0.int("batchId") == batchId })
        let row = try #require(try t.row("SELECT title, amountYuan, sourceFile, batchId FROM \"grant\" WHERE number = '81871234'"))
        #expect(row.text("title") == "new title")
        #expect(row.int("amountYuan") == 600_000)
        #expect(row.text("sourceFile") == "b.csv")
        #expect(row.int("batchId") == batchId)
        let batch = try #require(try t.row("SELECT updated, unchanged FROM importBatch WHERE id = ?", [batchId]))
        #expect(batch.int("updated") == 1)
        #expect(batch.int("unchanged") == 1)
    }

    @Test func valueClearedIsAChangeToNull() throws {
        let t = try TempDatabase()
        try Self.load(t, "a.csv", [.success(Self.nsfc("81871234", pi: "张三"))])
        let s = try Self.load(t, "a.csv", [.success(Self.nsfc("81871234", pi: nil))])
        #expect(s.updated == 1)
        let h = try #require(try t.row("SELECT oldValue, newValue FROM grantHistory WHERE field = 'pi'"))
        #expect(h.text("oldValue") == "张三")
        #expect(h["newValue"] as String? == nil)
    }

    @Test func identicalDuplicateInOneFile() throws {
        let t = try TempDatabase()
        let rows: [Result<Grant, Failure>] = [.success(Self.nsfc("81871234")), .success(Self.nsfc("81871234"))]
        let s = try Self.load(t, "a.csv", rows)
        #expect(s.inserted == 1)
        #expect(s.duplicatesInFile == 1)
        #expect(s.rejected == 0)
        #expect(try t.count("grant") == 1)
        // Re-importing the same file counts the same way and changes nothing.
        let again = try Self.load(t, "a.csv", rows)
        #expect(again.unchanged == 1)
        #expect(again.duplicatesInFile == 1)
        #expect(again.batchId == nil)
        #expect(try t.count("importBatch") == 1)
    }

    @Test func conflictingDuplicateInOneFileIsRejectedNamingTheFirstRow() throws {
        let t = try TempDatabase()
        let rows: [Result<Grant, Failure>] = [
            .success(Self.nsfc("61921003")),
            .success(Self.nsfc("81871234", title: "first")),
            .success(Self.nsfc("81871234", title: "second")),
        ]
        let s = try Self.load(t, "a.csv", rows)
        #expect(s.inserted == 2)
        #expect(s.rejected == 1)
        #expect(s.updated == 0)
        let reject = try #require(try t.row("SELECT * FROM reject"))
        #expect(reject.text("kind") == "grant")
        #expect(reject.text("file") == "a.csv")
        #expect(reject.int("row") == 4)
        let reason: String = reject["reason"]
        #expect(reason.contains("81871234"))
        #expect(reason.contains("row 3"))
        #expect(reason.contains("title"))
        #expect(try t.row("SELECT title FROM \"grant\" WHERE number = '81871234'")?.text("title") == "first")
        #expect(try t.count("grantHistory") == 0)
    }

    @Test func reimportOfAFileWithAConflictingDuplicateIsStable() throws {
        let t = try TempDatabase()
        let rows: [Result<Grant, Failure>] = [
            .success(Self.nsfc("81871234", title: "first")),
            .success(Self.nsfc("81871234", title: "second")),
        ]
        try Self.load(t, "a.csv", rows)
        for _ in 0..<2 {
            let again = try Self.load(t, "a.csv", rows)
            #expect(again.updated == 0, "the second row must not overwrite the first on re-import")
            #expect(again.unchanged == 1)
            #expect(again.batchId == nil)
            #expect(try t.row("SELECT title FROM \"grant\" WHERE number = '81871234'")?.text("title") == "first")
            #expect(try t.count("importBatch") == 1)
            #expect(try t.count("grantHistory") == 0)
            #expect(try t.count("reject") == 1)
        }
    }

    @Test func conflictingDuplicateAfterAnUpdateNamesTheRowInThisFile() throws {
        let t = try TempDatabase()
        try Self.load(t, "a.csv", [.success(Self.nsfc("81871234", title: "old"))])
        let s = try Self.load(t, "b.csv", [
            .success(Self.nsfc("61921003")), .success(Self.nsfc("81871234", title: "new")),
            .success(Self.nsfc("81871234", title: "newer")),
        ])
        #expect(s.updated == 1)
        #expect(s.rejected == 1)
        let reason: String = try #require(try t.row("SELECT reason FROM reject")?.text("reason"))
        #expect(reason.contains("row 3"))
        #expect(try t.row("SELECT title FROM \"grant\" WHERE number = '81871234'")?.text("title") == "new")
    }

    @Test func errorInsideTheBodyRollsBackEverything() throws {
        let t = try TempDatabase()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try t.db.importGrants(.init(kind: "grants", file: "a.csv")) { s in
                try s.upsert(Self.nsfc("81871234"), origin: RowOrigin(file: "a.csv", sheet: nil, row: 2))
                try s.reject(origin: RowOrigin(file: "a.csv", sheet: nil, row: 3), reason: "bad", raw: "x")
                try s.upsert(Self.keyRD("2016YFC0901001"), origin: RowOrigin(file: "a.csv", sheet: nil, row: 4))
                throw Boom()
            }
        }
        for table in ["grant", "importBatch", "reject", "grantHistory"] {
            #expect(try t.count(table) == 0, "\(table) must be empty after a failed import")
        }
        // The database is still usable afterwards.
        let s = try Self.load(t, "a.csv", [.success(Self.nsfc("81871234"))])
        #expect(s.inserted == 1)
    }

    @Test func errorDuringAnUpdateLeavesTheOldValues() throws {
        let t = try TempDatabase()
        try Self.load(t, "a.csv", [.success(Self.nsfc("81871234", title: "old"))])
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try t.db.importGrants(.init(kind: "grants", file: "b.csv")) { s in
                try s.upsert(Self.nsfc("81871234", title: "new"), origin: RowOrigin(file: "b.csv", sheet: nil, row: 2))
                throw Boom()
            }
        }
        #expect(try t.row("SELECT title FROM \"grant\"")?.text("title") == "old")
        #expect(try t.count("grantHistory") == 0)
        #expect(try t.count("importBatch") == 1)
    }

    @Test func strictModeThrowsAndKeepsNothing() throws {
        let t = try TempDatabase()
        #expect {
            try Self.load(t, "a.csv", [
                .success(Self.nsfc("81871234")), .failure(Failure(reason: "unparseable year '19'", raw: "批准年份: 19")),
                .success(Self.nsfc("61921003")),
            ], strict: true)
        } throws: { error in
            guard case StoreError.strictReject(let file, let row, let reason) = error else { return false }
            return file == "a.csv" && row == 3 && reason == "unparseable year '19'"
        }
        for table in ["grant", "importBatch", "reject"] {
            #expect(try t.count(table) == 0, "\(table) must be empty after a strict failure")
        }
    }

    @Test func strictModeAlsoStopsOnAConflictingDuplicate() throws {
        let t = try TempDatabase()
        #expect(throws: StoreError.self) {
            try Self.load(t, "a.csv", [
                .success(Self.nsfc("81871234", title: "a")), .success(Self.nsfc("81871234", title: "b")),
            ], strict: true)
        }
        #expect(try t.count("grant") == 0)
    }

    @Test func rejectsStoreFileSheetRowReasonRaw() throws {
        let t = try TempDatabase()
        let s = try Self.load(t, "a.xlsx", [.failure(Failure(reason: "no grant number", raw: "项目名称: x"))])
        #expect(s.rejected == 1)
        #expect(s.batchId != nil, "an import that only rejects is still recorded")
        let r = try #require(try t.row("SELECT * FROM reject"))
        #expect(r.text("file") == "a.xlsx")
        #expect(r.text("sheet") == "Sheet1")
        #expect(r.int("row") == 2)
        #expect(r.text("reason") == "no grant number")
        #expect(r.text("raw") == "项目名称: x")
        #expect(r.int("batchId") == s.batchId)
        let batch = try #require(try t.row("SELECT rejected FROM importBatch"))
        #expect(batch.int("rejected") == 1)
    }

    @Test func mappingIsStoredOnTheBatch() throws {
        let t = try TempDatabase()
        let s = try t.db.importGrants(.init(kind: "grants", file: "a.csv", format: "csv", encoding: "gb18030")) { s in
            try s.setMapping(#"{"number":"批准号"}"#)
            try s.upsert(Self.nsfc("81871234"), origin: RowOrigin(file: "a.csv", sheet: nil, row: 2))
        }
        let batch = try #require(try t.row("SELECT * FROM importBatch WHERE id = ?", [s.batchId]))
        #expect(batch.text("mapping") == #"{"number":"批准号"}"#)
        #expect(batch.text("format") == "csv")
        #expect(batch.text("encoding") == "gb18030")
    }

    // MARK: Key R&D placeholders

    @Test func subProjectWithoutItsProjectCreatesAPlaceholder() throws {
        let t = try TempDatabase()
        let s = try Self.load(t, "sub.csv", [
            .success(Self.keyRD("2016YFC0901001", title: "课题一")), .success(Self.keyRD("2016YFC0901002", title: "课题二")),
        ])
        #expect(s.inserted == 2)
        #expect(s.placeholders == 1)
        let p = try #require(try t.row("SELECT * FROM \"grant\" WHERE number = '2016YFC0901000'"))
        #expect(p.bool("isPlaceholder") == true)
        #expect(p.text("funder") == "nkrdpc")
        #expect(p.int("year") == 2016)
        #expect(p.text("department") == "YFC")
        #expect(p.int("batchId") == s.batchId)
        #expect(try t.count("grant", "projectNumber = '2016YFC0901000'") == 2)

        // Re-importing the sub-projects changes nothing (the placeholder already exists).
        let again = try Self.load(t, "sub.csv", [
            .success(Self.keyRD("2016YFC0901001", title: "课题一")), .success(Self.keyRD("2016YFC0901002", title: "课题二")),
        ])
        #expect(again.placeholders == 0)
        #expect(again.batchId == nil)

        // The real project fills the placeholder.
        let real = try Self.load(t, "projects.csv", [.success(Self.keyRD("2016YFC0901000", title: "精准医学研究"))])
        #expect(real.inserted + real.updated == 1)
        #expect(real.placeholders == 0)
        let filled = try #require(try t.row("SELECT * FROM \"grant\" WHERE number = '2016YFC0901000'"))
        #expect(filled.bool("isPlaceholder") == false)
        #expect(filled.text("title") == "精准医学研究")
        #expect(filled.text("sourceFile") == "projects.csv")
        #expect(filled["notes"] as String? == nil, "the placeholder note goes once the project is real")
        #expect(try t.count("grant", "number = '2016YFC0901000'") == 1)
    }

    @Test func projectInTheSameFileNeedsNoPlaceholder() throws {
        let t = try TempDatabase()
        let s = try Self.load(t, "a.csv", [
            .success(Self.keyRD("2018YFA0701701")), .success(Self.keyRD("2018YFA0701700", title: "project")),
        ])
        #expect(s.inserted == 2)
        #expect(s.placeholders == 0)
        #expect(try t.count("grant", "isPlaceholder = 1") == 0)
    }

    @Test func projectImportedEarlierNeedsNoPlaceholder() throws {
        let t = try TempDatabase()
        try Self.load(t, "p.csv", [.success(Self.keyRD("2018YFA0701700", title: "project"))])
        let s = try Self.load(t, "s.csv", [.success(Self.keyRD("2018YFA0701702"))])
        #expect(s.placeholders == 0)
        #expect(try t.count("grant", "isPlaceholder = 1") == 0)
        #expect(try t.row("SELECT title FROM \"grant\" WHERE number = '2018YFA0701700'")?.text("title") == "project")
    }

    /// An import into an empty table writes new numbers in multi-row INSERTs; into a filled one, row by row with a
    /// check. Both must store the same values, rejects and counts, repeats in the file included.
    @Test func anEmptyAndAFilledStoreGetTheSameRows() throws {
        var rows: [Result<Grant, Failure>] = []
        for i in 0..<700 {
            var g = i % 3 == 0 ? Self.keyRD(String(format: "2018YFA07%03d%02d", i, i % 2 == 0 ? 0 : 1))
                : Self.nsfc(String(81_800_000 + i), title: i % 5 == 0 ? nil : "题目 \(i)", amount: i % 7 == 0 ? nil : Int64(i))
            if i % 11 == 0 { g.notes = ["note \(i)", "second"] }
            g.keywords = i % 4 == 0 ? "深度学习; 医学" : nil
            rows.append(.success(g))
            if i % 97 == 0 { rows.append(.success(g)) }  // an identical repeat
            if i % 89 == 0 { var h = g; h.pi = "李四"; rows.append(.success(h)) }  // a conflicting one
            if i % 301 == 0 { rows.append(.failure(Failure(reason: "no grant number", raw: "row \(i)"))) }
        }
        let empty = try TempDatabase(), filled = try TempDatabase()
        try Self.load(filled, "other.csv", [.success(Self.nsfc("71233001"))])
        let a = try Self.load(empty, "a.csv", rows), b = try Self.load(filled, "a.csv", rows)
        #expect(a.inserted > 600 && a.duplicatesInFile > 0 && a.rejected > 2 && a.placeholders > 0)
        #expect((a.inserted, a.duplicatesInFile, a.rejected, a.placeholders)
                == (b.inserted, b.duplicatesInFile, b.rejected, b.placeholders))
        func stored(_ t: TempDatabase, _ sql: String) throws -> [[DatabaseValue]] {
            try t.db.pool.read { db in try Row.fetchAll(db, sql: sql).map { Array($0.databaseValues) } }
        }
        let grants = "SELECT * FROM \"grant\" WHERE number <> '71233001' ORDER BY number"
        let ga = try stored(empty, grants), gb = try stored(filled, grants)
        #expect(ga.count == gb.count)
        // id and batchId differ (the filled store has a batch and a grant more); every other column must agree.
        let columns = try empty.db.pool.read { try $0.columns(in: "grant").map(\.name) }
        let compared = columns.indices.filter { !["id", "batchId"].contains(columns[$0]) }
        for (x, y) in zip(ga, gb) { #expect(compared.map { x[$0] } == compared.map { y[$0] }) }
        let rejects = "SELECT file, sheet, row, reason, raw FROM reject ORDER BY row"
        #expect(try stored(empty, rejects) == stored(filled, rejects))
    }

    @Test func rollbackAlsoDropsPlaceholders() throws {
        let t = try TempDatabase()
        struct Boom: Error {}
        _ = try? t.db.importGrants(.init(kind: "grants", file: "a.csv")) { s in
            try s.upsert(Self.keyRD("2016YFC0901001"), origin: RowOrigin(file: "a.csv", sheet: nil, row: 2))
            throw Boom()
        }
        #expect(try t.count("grant") == 0)
    }
}

@Suite struct GrantImportVolumeTests {
    /// 5,000 grants: the counts must stay exact at volume, and a re-import must still leave no batch.
    @Test func fiveThousandGrantsImportAndReimport() throws {
        let t = try TempDatabase()
        let grants = (0..<5_000).map { i in
            GrantImportSessionTests.nsfc(String(81_800_000 + i), title: "title \(i)", amount: Int64(500_000 + i))
        }
        func load(_ grants: [Grant]) throws -> ImportSummary {
            try t.db.importGrants(.init(kind: "grants", file: "big.csv")) { s in
                for (i, g) in grants.enumerated() {
                    try s.upsert(g, origin: RowOrigin(file: "big.csv", sheet: nil, row: i + 2))
                }
            }
        }
        let clock = ContinuousClock()
        var first = ImportSummary(file: "")
        let tFirst = try clock.measure { first = try load(grants) }
        #expect(first.inserted == 5_000)
        var second = ImportSummary(file: "")
        let tSecond = try clock.measure { second = try load(grants) }
        #expect(second.unchanged == 5_000)
        #expect(second.batchId == nil)
        var changed = grants
        for i in stride(from: 0, to: changed.count, by: 100) { changed[i].title = "revised \(i)" }
        let third = try load(changed)
        #expect(third.updated == 50)
        #expect(third.unchanged == 4_950)
        #expect(third.changedFields == ["title": 50])
        #expect(try t.count("grantHistory") == 50)
        #expect(try t.count("importBatch") == 2)
        print("GrantImportSession (debug build): 5,000 inserts in \(tFirst), unchanged re-import in \(tSecond)")
    }
}
