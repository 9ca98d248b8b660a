import GRDB

extension GrantDatabase {
    /// The schema timeline. Never edit what a shipped migration does: add a new one.
    ///
    /// Migrations that only add or drop indexes and derived tables run with foreign keys enforced as they go
    /// (`.immediate`). GRDB's default instead checks every foreign key in the file before committing: the first
    /// `status` after an upgrade of a linked 1M-paper store took 16.2 s that way and 1.8 s this way.
    public static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-grants") { db in
            try db.create(table: "importBatch") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()  // grants | papers | journals | roster
                t.column("file", .text).notNull()
                t.column("sheet", .text)
                t.column("format", .text)
                t.column("encoding", .text)
                t.column("options", .text)  // JSON: funder, mapping overrides, …
                t.column("mapping", .text)  // JSON: header → field used
                t.column("startedAt", .datetime).notNull()
                t.column("inserted", .integer).notNull().defaults(to: 0)
                t.column("updated", .integer).notNull().defaults(to: 0)
                t.column("unchanged", .integer).notNull().defaults(to: 0)
                t.column("rejected", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "grant") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("number", .text).notNull().unique()
                t.column("funder", .text).notNull().indexed()
                t.column("title", .text)
                t.column("pi", .text).indexed()
                t.column("institution", .text).indexed()
                t.column("fundingType", .text)
                t.column("fundingTypeSource", .text)
                t.column("applicationCode", .text)
                t.column("department", .text)
                t.column("departmentSource", .text)
                t.column("year", .integer)
                t.column("yearSource", .text)
                t.column("amountYuan", .integer)
                t.column("amountRaw", .text)
                t.column("amountUnit", .text)
                t.column("period", .text)
                t.column("keywords", .text)
                t.column("abstract", .text)
                t.column("extra", .text)  // unmapped columns, JSON object
                t.column("projectNumber", .text).indexed()  // Key R&D sub-project → project
                t.column("isPlaceholder", .boolean).notNull().defaults(to: false)
                t.column("notes", .text)
                t.column("sourceFile", .text)
                t.column("sourceSheet", .text)
                t.column("sourceRow", .integer)
                t.column("batchId", .integer).references("importBatch")
            }
            try db.create(index: "grant_funder_department_year", on: "grant", columns: ["funder", "department", "year"])
            try db.create(table: "grantHistory") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("grantId", .integer).notNull().references("grant", onDelete: .cascade).indexed()
                t.column("batchId", .integer).notNull().references("importBatch")
                t.column("field", .text).notNull()
                t.column("oldValue", .text)
                t.column("newValue", .text)
            }
            try db.create(table: "reject") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("batchId", .integer).notNull().references("importBatch")
                t.column("kind", .text).notNull()  // grant | paper
                t.column("file", .text).notNull()
                t.column("sheet", .text)
                t.column("row", .integer).notNull()  // row (spreadsheets) or line (text exports)
                t.column("reason", .text).notNull()
                t.column("raw", .text).notNull()
            }
            try db.create(index: "reject_identity", on: "reject", columns: ["kind", "file", "row", "reason", "raw"], unique: true)
            try db.create(table: "meta") { t in
                t.primaryKey("key", .text)
                t.column("value", .text)
            }
        }
        m.registerMigration("v2-papers") { db in
            try db.create(table: "paper") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ut", .text).unique()
                t.column("eid", .text).unique()
                t.column("pmid", .text).unique()
                t.column("doi", .text).unique()  // lower case
                t.column("title", .text).notNull()
                t.column("titleKey", .text).notNull()  // normalised title, for de-duplication with year
                t.column("journal", .text)
                t.column("journalAbbreviations", .text)  // JSON array
                t.column("issn", .text)
                t.column("eissn", .text)
                t.column("year", .integer).indexed()
                t.column("documentType", .text)
                t.column("language", .text)
                t.column("authors", .text)  // JSON array
                t.column("addresses", .text)  // JSON array
                t.column("countries", .text)  // JSON array
                t.column("keywords", .text)  // JSON array
                t.column("abstract", .text)
                t.column("isNatureIndex", .boolean).notNull().defaults(to: false)
                t.column("natureIndexJournal", .text)
                t.column("natureIndexMatch", .text)  // issn | eissn | name | abbreviation
                t.column("batchId", .integer).references("importBatch")
            }
            try db.create(index: "paper_titleKey_year", on: "paper", columns: ["titleKey", "year"])
            try db.create(table: "paperSource") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("paperId", .integer).notNull().references("paper", onDelete: .cascade)
                t.column("source", .text).notNull()  // wos | wos-tab | scopus | pubmed | cnki
                t.column("recordKey", .text).notNull()
                t.column("file", .text).notNull()
                t.column("record", .integer).notNull()
                t.column("line", .integer).notNull()
                t.column("batchId", .integer).notNull().references("importBatch")
            }
            try db.create(index: "paperSource_identity", on: "paperSource", columns: ["paperId", "source", "recordKey"], unique: true)
            try db.create(table: "fundingText") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("paperId", .integer).notNull().references("paper", onDelete: .cascade)
                t.column("kind", .text).notNull()  // fu | fx | scopus-details | scopus-text | gr | cnki-fund
                t.column("text", .text).notNull()
            }
            try db.create(index: "fundingText_identity", on: "fundingText", columns: ["paperId", "kind", "text"], unique: true)
            try db.create(table: "mention") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("paperId", .integer).notNull().references("paper", onDelete: .cascade).indexed()
                t.column("fundingTextId", .integer).notNull().references("fundingText", onDelete: .cascade)
                t.column("funder", .text).notNull()
                t.column("number", .text).notNull().indexed()
                t.column("raw", .text).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("funderText", .text).notNull()
                t.column("position", .integer).notNull()
                t.column("valid", .boolean).notNull()
                t.column("note", .text)
            }
            try db.create(table: "link") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("paperId", .integer).notNull().references("paper", onDelete: .cascade)
                t.column("grantId", .integer).notNull().references("grant", onDelete: .cascade).indexed()
                t.column("mentionId", .integer).references("mention", onDelete: .cascade)
                t.column("confidence", .text).notNull()  // high | medium | low
                t.column("confidenceRank", .integer).notNull()  // 3 high, 2 medium, 1 low
                t.column("evidence", .text).notNull()
                t.column("viaSubProject", .text)  // Key R&D roll-up: the sub-project number cited
            }
            try db.create(index: "link_identity", on: "link", columns: ["paperId", "grantId"], unique: true)
            try db.create(table: "rosterEntry") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("institution", .text)
                t.column("school", .text).notNull()
                t.column("batchId", .integer).references("importBatch")
            }
            try db.create(index: "rosterEntry_identity", on: "rosterEntry", columns: ["name", "institution"], unique: true)
        }
        m.registerMigration("v3-funders-cited") { db in
            // Per-paper flags kept by `grants link`, so funder reports scan one indexed table.
            try db.alter(table: "paper") { t in
                t.add(column: "citesNSFC", .boolean).notNull().defaults(to: false)
                t.add(column: "citesKeyRD", .boolean).notNull().defaults(to: false)
            }
            try db.create(index: "link_paperId_confidence", on: "link", columns: ["paperId", "confidenceRank"])
        }
        m.registerMigration("v4-import-speed", foreignKeyChecks: .immediate) { db in
            // A unique index over whole funding texts doubled every insert's cost; the importer now checks texts only
            // when it merges into a stored paper, through this narrow index.
            try db.drop(index: "fundingText_identity")
            try db.create(index: "fundingText_paperId", on: "fundingText", columns: ["paperId"])
        }
        m.registerMigration("v5-report-speed", migrate: createReportCache)
        m.registerMigration("v6-grant-import-speed", foreignKeyChecks: .immediate) { db in
            // Two grant indexes no query uses, each costing every import an index build: funder is the first column of
            // grant_funder_department_year, which serves every funder lookup, and institution is only ever matched with
            // LIKE '%…%' or grouped through coalesce(), neither of which an index can serve.
            try db.drop(index: "grant_on_funder")
            try db.drop(index: "grant_on_institution")
        }
        m.registerMigration("v7-link-speed") { db in
            // The funder flags move to a narrow table: setting them in the paper row rewrote whole wide rows
            // (abstracts included) for most papers on every first link. A covering (year, isNatureIndex) index lets
            // the report rollup read every paper's year without reading those rows either.
            try db.execute(sql: """
                CREATE TABLE paperFunder (paperId INTEGER PRIMARY KEY REFERENCES paper(id) ON DELETE CASCADE,
                  citesNSFC BOOLEAN NOT NULL, citesKeyRD BOOLEAN NOT NULL);
                INSERT INTO paperFunder SELECT id, citesNSFC, citesKeyRD FROM paper WHERE citesNSFC OR citesKeyRD;
                DROP TRIGGER reportCache_paperUpdate;
                ALTER TABLE paper DROP COLUMN citesNSFC;
                ALTER TABLE paper DROP COLUMN citesKeyRD;
                CREATE TRIGGER reportCache_paperUpdate AFTER UPDATE OF year, isNatureIndex ON paper
                  WHEN old.year IS NOT new.year OR old.isNatureIndex IS NOT new.isNatureIndex
                  BEGIN DELETE FROM reportCacheStamp; END;
                CREATE TRIGGER reportCache_paperFunderInsert AFTER INSERT ON paperFunder BEGIN DELETE FROM reportCacheStamp; END;
                CREATE TRIGGER reportCache_paperFunderUpdate AFTER UPDATE ON paperFunder BEGIN DELETE FROM reportCacheStamp; END;
                CREATE TRIGGER reportCache_paperFunderDelete AFTER DELETE ON paperFunder BEGIN DELETE FROM reportCacheStamp; END;
                DROP INDEX paper_on_year;
                CREATE INDEX paper_year_natureIndex ON paper(year, isNatureIndex);
                """)
        }
        m.registerMigration("v8-link-speed", foreignKeyChecks: .immediate) { db in
            // Only a link that finds new grants for old papers looked mentions up by number, and it now scans them
            // once instead; every first link had to build this index (5–7 s at 1M papers).
            try db.drop(index: "mention_on_number")
        }
        m.registerMigration("v9-link-speed", foreignKeyChecks: .immediate) { db in
            // Another index every first link built (1.1 s at 1M papers) that no query needs since the funder flags
            // moved to paperFunder: link_identity (paperId, grantId) serves every lookup of a paper's links.
            try db.drop(index: "link_paperId_confidence")
        }
        m.registerMigration("v10-report-speed", foreignKeyChecks: .immediate, migrate: widenGrantRollups)
        m.registerMigration("v11-report-speed", foreignKeyChecks: .immediate) { db in
            // The default per-grant report (most papers first, links of medium confidence or better) cut short by
            // --limit walks this index and stops, where a scan of the 500k-grant rollup took 0.25 s of its 0.3 s.
            try db.execute(sql: "CREATE INDEX reportGrantOutput_byPapers ON reportGrantOutput(papers2 DESC, number)")
        }
        return m
    }
}
