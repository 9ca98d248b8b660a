import Foundation
import GRDB
import Testing
import GrantModel
import GrantStore

@Suite struct GrantDatabaseTests {
    @Test func migrationsCreateTheSchemaOnAFreshFile() throws {
        let t = try TempDatabase()
        let tables = try t.db.pool.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for name in ["importBatch", "grant", "grantHistory", "reject", "meta", "paper", "paperSource", "fundingText",
                     "mention", "link", "rosterEntry"]
        {
            #expect(tables.contains(name), "missing table \(name)")
        }
        let applied = try t.db.pool.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == GrantDatabase.migrator.migrations, "every registered migration runs on a fresh file")
        #expect(applied.starts(with: ["v1-grants", "v2-papers", "v3-funders-cited", "v4-import-speed", "v5-report-speed", "v6-grant-import-speed"]))
        let mode = try t.db.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    /// Bulk writes are faster with 16 KiB pages; a store made with SQLite's 4 KiB default keeps its pages and works.
    @Test func aNewStoreHas16KiBPagesAndAnOldOneKeepsItsOwn() throws {
        let t = try TempDatabase()
        #expect(try t.db.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 16384)

        let base = FileManager.default.temporaryDirectory.appendingPathComponent("granttracker-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let path = base.appendingPathComponent("old.sqlite").path
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE made_elsewhere (x)") }
        let old = try GrantDatabase(path: path)
        _ = try old.importGrants(.init(kind: "grants", file: "a.csv")) { s in
            try s.upsert(Grant(number: "81871234", funder: .nsfc), origin: RowOrigin(file: "a.csv", sheet: nil, row: 2))
        }
        #expect(try old.pool.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } == 4096)
        #expect(try old.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \"grant\"") } == 1)
    }

    /// A store made by an older version, holding linked data, comes out of the later migrations (several run with
    /// foreign keys enforced as they go, not checked over the whole file after) with the schema of a new store,
    /// its rows intact and every foreign key whole.
    @Test func anOlderStoreWithLinkedDataMigratesToTheNewSchema() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("granttracker-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let path = base.appendingPathComponent("old.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try GrantDatabase.migrator.migrate(queue, upTo: "v7-link-speed")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO "grant" (id, number, funder, year) VALUES (1, '81871234', 'nsfc', 2018);
                INSERT INTO paper (id, ut, title, titleKey, year) VALUES (1, 'WOS:1', 'A paper', 'a paper', 2020);
                INSERT INTO fundingText (id, paperId, kind, text) VALUES (1, 1, 'fx', 'NSFC (81871234)');
                INSERT INTO mention (id, paperId, fundingTextId, funder, number, raw, start, "end", funderText, position, valid)
                  VALUES (1, 1, 1, 'nsfc', '81871234', '81871234', 6, 14, 'NSFC', 1, 1);
                INSERT INTO link (paperId, grantId, mentionId, confidence, confidenceRank, evidence)
                  VALUES (1, 1, 1, 'high', 3, 'test');
                INSERT INTO paperFunder (paperId, citesNSFC, citesKeyRD) VALUES (1, 1, 0);
                """)
        }
        try queue.close()

        let upgraded = try GrantDatabase(path: path)
        let fresh = try TempDatabase()
        func schema(_ db: GrantDatabase) throws -> [String] {
            try db.pool.read { try String.fetchAll($0, sql: """
                SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master
                WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name
                """) }
        }
        // Tables altered by a migration keep a different (equivalent) text, so compare names, and index columns.
        func shape(_ db: GrantDatabase) throws -> [String] {
            try db.pool.read { db in
                try String.fetchAll(db, sql: "SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1")
                    + String.fetchAll(db, sql: """
                        SELECT m.name || '(' || group_concat(i.name, ',') || ')' FROM sqlite_master m, pragma_index_info(m.name) i
                        WHERE m.type = 'index' GROUP BY m.name ORDER BY m.name
                        """)
            }
        }
        #expect(try shape(upgraded) == shape(fresh.db))
        #expect(try schema(upgraded).filter { $0.hasPrefix("index") } == schema(fresh.db).filter { $0.hasPrefix("index") })
        #expect(try upgraded.pool.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
        for table in ["grant", "paper", "fundingText", "mention", "link", "paperFunder"] {
            #expect(try upgraded.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \"\(table)\"") } == 1, "\(table)")
        }
        let outputs = try upgraded.grantOutputs(ReportQuery(from: 2015, to: 2023))
        #expect(outputs.map(\.number) == ["81871234"] && outputs.first?.papers == 1, "the rebuilt rollups count the link")
    }

    @Test func reopeningKeepsDataAndDoesNotMigrateAgain() throws {
        let t = try TempDatabase()
        _ = try t.db.importGrants(.init(kind: "grants", file: "a.csv")) { s in
            try s.upsert(Grant(number: "81871234", funder: .nsfc), origin: RowOrigin(file: "a.csv", sheet: nil, row: 2))
        }
        let again = try GrantDatabase(path: t.db.path)
        let n = try again.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \"grant\"") }
        #expect(n == 1)
    }

    @Test func createsMissingDirectories() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("granttracker-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let path = base.appendingPathComponent("a/b/grants.sqlite").path
        _ = try GrantDatabase(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func unopenableFileIsAStoreError() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("granttracker-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let path = base.appendingPathComponent("not-a-db.sqlite").path
        try Data("this is not an SQLite database, just text that is long enough to fill a header page".utf8)
            .write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try GrantDatabase(path: path)
        } throws: { error in
            guard case StoreError.cannotOpen(let p, _) = error else { return false }
            return p == path
        }
    }

    /// A store another process is writing under a rollback journal (as an import does) cannot be opened until the
    /// write ends; the error says so rather than just "database is locked".
    @Test func aStoreLockedByAWriterSaysWhoHoldsIt() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("granttracker-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let path = base.appendingPathComponent("grants.sqlite").path
        _ = try GrantDatabase(path: path)  // a store, closed again
        var config = Configuration()
        config.allowsUnsafeTransactions = true  // the transaction must outlive this access, as another process's would
        let writer = try DatabaseQueue(path: path, configuration: config)
        try writer.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            try db.execute(sql: "BEGIN EXCLUSIVE")
        }
        defer { try? writer.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") } }
        #expect {
            _ = try GrantDatabase(path: path, busyTimeout: 0.1)
        } throws: { error in
            guard case StoreError.cannotOpen(let p, let detail) = error else { return false }
            return p == path && detail.contains("locked by another process")
        }
    }

    @Test func resolvePathPrecedence() {
        #expect(GrantDatabase.resolvePath(option: "x.sqlite", environment: ["GRANTS_DB": "env.sqlite"]) == "x.sqlite")
        #expect(GrantDatabase.resolvePath(option: nil, environment: ["GRANTS_DB": "env.sqlite"]) == "env.sqlite")
        #expect(GrantDatabase.resolvePath(option: "", environment: ["GRANTS_DB": "env.sqlite"]) == "env.sqlite")
        #expect(GrantDatabase.resolvePath(option: nil, environment: [:]) == "grants.sqlite")
        #expect(GrantDatabase.resolvePath(option: nil, environment: ["GRANTS_DB": ""]) == GrantDatabase.defaultPath)
    }
}
