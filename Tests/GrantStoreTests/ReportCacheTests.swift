import Foundation
import GRDB
import Testing
import GrantModel
@testable import GrantStore

/// The report rollups must give exactly what the direct SQL gives, and go stale on every change that matters.
@Suite struct ReportCacheTests {
    /// Grants over several departments, institutions, types, funders and years (some unknown), sub-projects,
    /// papers with and without years and NI flags, and links of every confidence.
    static func seed(_ t: TempDatabase) throws {
        try t.db.pool.write { db in
            let departments = ["A", "B", "H", nil, "YFB"], types = ["面上项目", "青年科学基金项目", nil]
            for i in 1...60 {
                try db.execute(sql: """
                    INSERT INTO "grant" (number, funder, department, institution, fundingType, year, amountYuan, projectNumber, pi)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [
                        "G\(1000 + i)", i % 4 == 0 ? "nkrdpc" : "nsfc", departments[i % departments.count],
                        i % 7 == 0 ? nil : "Univ \(i % 5)", types[i % types.count], i % 11 == 0 ? nil : 2015 + i % 6,
                        i % 9 == 0 ? nil : 100_000 * Int64(i), i % 13 == 0 ? "G1001" : nil, "PI \(i % 5)",
                    ])
            }
            for i in 1...150 {
                try db.execute(sql: """
                    INSERT INTO paper (ut, title, titleKey, year, isNatureIndex) VALUES (?, ?, ?, ?, ?)
                    """, arguments: ["WOS:\(i)", "P\(i)", "p\(i)", i % 17 == 0 ? nil : 2016 + i % 8, i % 5 == 0])
                if i % 3 != 0 || i % 4 == 0 {
                    try db.execute(sql: "INSERT INTO paperFunder (paperId, citesNSFC, citesKeyRD) VALUES (?, ?, ?)",
                                   arguments: [db.lastInsertedRowID, i % 3 != 0, i % 4 == 0])
                }
            }
            var seen = Set<[Int]>()
            for i in 1...400 {
                let paper = 1 + (i * 37) % 150, grant = 1 + (i * 53 + i / 7) % 60
                guard seen.insert([paper, grant]).inserted else { continue }
                let rank = 1 + (i * 7) % 3
                try db.execute(sql: """
                    INSERT INTO link (paperId, grantId, confidence, confidenceRank, evidence) VALUES (?, ?, ?, ?, 'test')
                    """, arguments: [paper, grant, ["low", "medium", "high"][rank - 1], rank])
            }
        }
    }

    /// Every cacheable query, read through the rollups and directly.
    static func expectSameAsDirect(_ db: GrantDatabase, _ comment: Comment = "") throws {
        for dimension in GrantDatabase.cachedDimensions {
            for funder in [nil, "nsfc", "nkrdpc"] {
                for confidence in Confidence.allCases {
                    var q = ReportQuery(from: 2014, to: 2022)
                    (q.dimension, q.funder, q.minConfidence) = (dimension, funder, confidence)
                    var direct = q
                    direct.useCache = false
                    #expect(try db.departmentYears(q) == db.departmentYears(direct), comment)
                    #expect(try db.grantOutputs(q).sorted { $0.number < $1.number }
                        == db.grantOutputs(direct).sorted { $0.number < $1.number }, comment)
                }
            }
        }
        // The per-grant report in every order, whole and cut short, with its totals, by department and PI too.
        for funder in [nil, "nkrdpc"] {
            for confidence in Confidence.allCases {
                for order in GrantOutputOrder.allCases {
                    for (department, pi) in [(nil, nil), ("h", nil), ("?", nil), (nil, "PI 3")] as [(String?, String?)] {
                        for limit in [nil, 7] {
                            var q = ReportQuery(from: 2016, to: 2022)
                            (q.funder, q.minConfidence, q.grantOrder, q.grantLimit) = (funder, confidence, order, limit)
                            (q.department, q.pi) = (department, pi)
                            var direct = q
                            direct.useCache = false
                            let cached = try outputsInOrder(db, q), expected = try outputsInOrder(db, direct)
                            #expect(cached.totals == expected.totals, "\(comment) \(q)")
                            #expect(cached.rows == expected.rows, "\(comment) \(q)")
                        }
                    }
                }
            }
        }
        for (from, to) in [(2014, 2022), (2018, 2019)] {
            let q = ReportQuery(from: from, to: to)
            var direct = q
            direct.useCache = false
            #expect(try db.funderYears(q) == db.funderYears(direct), comment)
        }
        #expect(try db.pool.read(GrantDatabase.reportCacheIsFresh), "the reads above used (and refreshed) the rollups")
    }

    static func outputsInOrder(_ db: GrantDatabase, _ q: ReportQuery) throws -> (totals: GrantOutputTotals, rows: [GrantOutput]) {
        try db.withGrantOutputs(q) { totals, next in
            var rows: [GrantOutput] = []
            while let g = try next() { rows.append(g) }
            return (totals, rows)
        }
    }

    static func isFresh(_ db: GrantDatabase) throws -> Bool { try db.pool.read(GrantDatabase.reportCacheIsFresh) }

    @Test func rollupsMatchTheDirectQueries() throws {
        let t = try TempDatabase()
        try Self.seed(t)
        #expect(try !Self.isFresh(t.db))
        try Self.expectSameAsDirect(t.db)
    }

    @Test func everyChangeThatMattersMakesThemStale() throws {
        let t = try TempDatabase()
        try Self.seed(t)
        try Self.expectSameAsDirect(t.db)
        let changes = [
            "UPDATE \"grant\" SET department = 'B' WHERE id = 3",
            "UPDATE \"grant\" SET amountYuan = 1 WHERE id = 4",
            "UPDATE \"grant\" SET projectNumber = 'G1002' WHERE id = 5",
            "UPDATE paper SET isNatureIndex = NOT isNatureIndex WHERE id = 2",
            "UPDATE paper SET year = NULL WHERE id = 4",
            "UPDATE paperFunder SET citesKeyRD = NOT citesKeyRD WHERE paperId = 7",
            "DELETE FROM paperFunder WHERE paperId = 8",
            "INSERT INTO paperFunder (paperId, citesNSFC, citesKeyRD) VALUES (9, 0, 1)",
            "UPDATE link SET confidenceRank = 1 WHERE confidenceRank = 3 AND id < 20",
            "DELETE FROM link WHERE id = 7",
            "INSERT INTO link (paperId, grantId, confidence, confidenceRank, evidence) VALUES (150, 60, 'high', 3, 'x')",
            "INSERT INTO paper (ut, title, titleKey, year) VALUES ('WOS:new', 'New', 'new', 2019)",
            "INSERT INTO \"grant\" (number, funder, department, year) VALUES ('G9999', 'nsfc', 'H', 2019)",
        ]
        for sql in changes {
            try t.db.pool.write { try $0.execute(sql: sql) }
            #expect(try !Self.isFresh(t.db), "stale after \(sql)")
            try Self.expectSameAsDirect(t.db, "after \(sql)")
        }
        // A change nothing reads keeps them fresh.
        try t.db.pool.write { try $0.execute(sql: "UPDATE \"grant\" SET title = 'renamed' WHERE id = 8") }
        #expect(try Self.isFresh(t.db))
    }

    @Test func reimportAndRelinkKeepThemRight() throws {
        let t = try TempDatabase()
        try Self.seed(t)
        try Self.expectSameAsDirect(t.db)
        // A re-import that changes a grant's amount and year goes through the import session's update.
        var g = Grant(number: "G1010", funder: .nsfc)
        (g.amountYuan, g.year, g.department) = (123_456, 2016, "H")
        _ = try t.db.importGrants(.init(kind: "grants", file: "again.csv")) { s in
            try s.upsert(g, origin: RowOrigin(file: "again.csv", sheet: nil, row: 2))
        }
        #expect(try !Self.isFresh(t.db))
        try Self.expectSameAsDirect(t.db, "after re-import")
        // Linking refreshes them at the end of its transaction (here: a new grant, no new links).
        _ = try t.db.importGrants(.init(kind: "grants", file: "new.csv")) { s in
            try s.upsert(Grant(number: "G2000", funder: .nsfc), origin: RowOrigin(file: "new.csv", sheet: nil, row: 2))
        }
        #expect(try !Self.isFresh(t.db))
        _ = try t.db.link(extract: { $0.map { _ in [] } }, nearMisses: { _ in [] }, decide: { _, _ in [] })
        #expect(try Self.isFresh(t.db))
        try Self.expectSameAsDirect(t.db, "after link")
    }
}
