import GRDB

/// Report rollups: the aggregates behind the department, funder and per-grant reports, pre-computed so a report
/// reads a few thousand rows instead of joining every link with its grant and paper (seconds at 1M papers).
///
/// The rollups are derived data, rebuilt whole by ``GrantDatabase/refreshReportCache(_:)`` at the end of `link`
/// and, when they are stale, by the next report. They are fresh when `reportCacheStamp` holds the
/// `sqlite_sequence` values they were built from: inserts move those sequences (grant, link and paper are
/// AUTOINCREMENT), and triggers empty the stamp on any update or delete that could change a number. Checking
/// sequences rather than adding insert triggers keeps bulk imports and most of linking free of per-row work; the
/// one exception is `paperFunder` (migration v7), which has no sequence, so its inserts are caught by a trigger
/// too (a delete from the one-row stamp table per paper whose flags `link` writes; a first link suspends the
/// trigger and empties the stamp once).
extension GrantDatabase {
    /// The tables the rollups read; their insert sequences are the stamp.
    private static let cachedTables = ["grant", "link", "paper"]

    /// The report dimensions that have rollups; `school` depends on the roster join and is always read directly.
    static let cachedDimensions: [ReportQuery.Dimension] = [.department, .institution, .type]

    /// Migration v5-report-speed: rollup tables, the stamp, the triggers that invalidate it, and a grant year index.
    static func createReportCache(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX grant_year ON "grant"(year);  -- the default report period is min/max year
            CREATE TABLE reportCacheStamp (sequences TEXT NOT NULL);
            -- Grants (not sub-projects) per dimension value, funder and approval year.
            CREATE TABLE reportGrantYear (dimension TEXT NOT NULL, value TEXT NOT NULL, funder TEXT NOT NULL,
              year INTEGER NOT NULL, grants INTEGER NOT NULL, amountYuan INTEGER NOT NULL);
            -- Papers per dimension value, funder ('' = any) and publication year, by the best link confidence the
            -- paper has to that group: a report at confidence r sums rank >= r, which counts each paper once.
            CREATE TABLE reportPaperYear (dimension TEXT NOT NULL, value TEXT NOT NULL, funder TEXT NOT NULL,
              year INTEGER NOT NULL, rank INTEGER NOT NULL, papers INTEGER NOT NULL, niPapers INTEGER NOT NULL);
            -- Links per dimension value, funder, publication year, lag (publication − approval year) and confidence.
            CREATE TABLE reportLag (dimension TEXT NOT NULL, value TEXT NOT NULL, funder TEXT NOT NULL,
              year INTEGER NOT NULL, lag INTEGER NOT NULL, rank INTEGER NOT NULL, links INTEGER NOT NULL);
            -- Per grant with links: papers, NI papers, first and last year over links of confidence >= 1, 2, 3.
            CREATE TABLE reportGrantOutput (grantId INTEGER PRIMARY KEY,
              papers1 INTEGER NOT NULL, ni1 INTEGER NOT NULL, first1 INTEGER, last1 INTEGER,
              papers2 INTEGER NOT NULL, ni2 INTEGER NOT NULL, first2 INTEGER, last2 INTEGER,
              papers3 INTEGER NOT NULL, ni3 INTEGER NOT NULL, first3 INTEGER, last3 INTEGER);
            -- The funder report's rows (papers citing NSFC, Key R&D, both; all and NI) per publication year.
            CREATE TABLE reportFunderYear (year INTEGER PRIMARY KEY, nsfc INTEGER NOT NULL, keyRD INTEGER NOT NULL,
              "both" INTEGER NOT NULL, nsfcNI INTEGER NOT NULL, keyRDNI INTEGER NOT NULL, bothNI INTEGER NOT NULL);

            CREATE TRIGGER reportCache_grantUpdate AFTER UPDATE OF funder, department, institution, fundingType, year,
              amountYuan, projectNumber ON "grant"
              WHEN old.funder IS NOT new.funder OR old.department IS NOT new.department
                OR old.institution IS NOT new.institution OR old.fundingType IS NOT new.fundingType
                OR old.year IS NOT new.year OR old.amountYuan IS NOT new.amountYuan
                OR old.projectNumber IS NOT new.projectNumber
              BEGIN DELETE FROM reportCacheStamp; END;
            CREATE TRIGGER reportCache_grantDelete AFTER DELETE ON "grant" BEGIN DELETE FROM reportCacheStamp; END;
            CREATE TRIGGER reportCache_paperUpdate AFTER UPDATE OF year, isNatureIndex, citesNSFC, citesKeyRD ON paper
              WHEN old.year IS NOT new.year OR old.isNatureIndex IS NOT new.isNatureIndex
                OR old.citesNSFC IS NOT new.citesNSFC OR old.citesKeyRD IS NOT new.citesKeyRD
              BEGIN DELETE FROM reportCacheStamp; END;
            CREATE TRIGGER reportCache_paperDelete AFTER DELETE ON paper BEGIN DELETE FROM reportCacheStamp; END;
            CREATE TRIGGER reportCache_linkUpdate AFTER UPDATE OF paperId, grantId, confidenceRank ON link
              WHEN old.paperId IS NOT new.paperId OR old.grantId IS NOT new.grantId
                OR old.confidenceRank IS NOT new.confidenceRank
              BEGIN DELETE FROM reportCacheStamp; END;
            CREATE TRIGGER reportCache_linkDelete AFTER DELETE ON link BEGIN DELETE FROM reportCacheStamp; END;
            """)
    }

    /// Migration v10-report-speed: the per-grant rollup holds every grant a per-grant report can select, with the
    /// columns it filters and sorts on, so a report of the first 100 of 500k grants scans one narrow table instead
    /// of joining every grant; the grant-year rollup gains the sums behind that report's totals.
    static func widenGrantRollups(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE reportGrantYear;
            DROP TABLE reportGrantOutput;
            DELETE FROM reportCacheStamp;
            -- Grants (not sub-projects) per dimension value, funder and approval year; their amounts (and how many
            -- are known); their papers and NI papers over links of confidence >= 1, 2, 3.
            CREATE TABLE reportGrantYear (dimension TEXT NOT NULL, value TEXT NOT NULL, funder TEXT NOT NULL,
              year INTEGER NOT NULL, grants INTEGER NOT NULL, amountYuan INTEGER NOT NULL, amountsKnown INTEGER NOT NULL,
              papers1 INTEGER NOT NULL, ni1 INTEGER NOT NULL, papers2 INTEGER NOT NULL, ni2 INTEGER NOT NULL,
              papers3 INTEGER NOT NULL, ni3 INTEGER NOT NULL);
            -- Per grant (not sub-projects, approval year known): what a per-grant report filters and sorts on, and
            -- papers, NI papers, first and last year over links of confidence >= 1, 2, 3.
            CREATE TABLE reportGrantOutput (grantId INTEGER PRIMARY KEY, number TEXT NOT NULL, funder TEXT NOT NULL,
              department TEXT, year INTEGER NOT NULL, amountYuan INTEGER,
              papers1 INTEGER NOT NULL, ni1 INTEGER NOT NULL, first1 INTEGER, last1 INTEGER,
              papers2 INTEGER NOT NULL, ni2 INTEGER NOT NULL, first2 INTEGER, last2 INTEGER,
              papers3 INTEGER NOT NULL, ni3 INTEGER NOT NULL, first3 INTEGER, last3 INTEGER);
            DROP TRIGGER reportCache_grantUpdate;
            CREATE TRIGGER reportCache_grantUpdate AFTER UPDATE OF number, funder, department, institution, fundingType,
              year, amountYuan, projectNumber ON "grant"
              WHEN old.number IS NOT new.number OR old.funder IS NOT new.funder OR old.department IS NOT new.department
                OR old.institution IS NOT new.institution OR old.fundingType IS NOT new.fundingType
                OR old.year IS NOT new.year OR old.amountYuan IS NOT new.amountYuan
                OR old.projectNumber IS NOT new.projectNumber
              BEGIN DELETE FROM reportCacheStamp; END;
            """)
    }

    /// Rebuilds the report rollups unless they are fresh.
    public func refreshReports() throws {
        try pool.write { db in
            if try !Self.reportCacheIsFresh(db) { try Self.refreshReportCache(db) }
        }
    }

    /// Rebuilds the report rollups (in the caller's transaction).
    static func refreshReportCache(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM reportCacheStamp; DELETE FROM reportGrantYear; DELETE FROM reportPaperYear;
            DELETE FROM reportLag; DELETE FROM reportGrantOutput; DELETE FROM reportFunderYear;
            """)
        // Built by one sort once the rows are in, rather than kept current row by row.
        let outputIndexes = try SecondaryIndexes.drop("reportGrantOutput", in: db)
        let r = try ReportRollup(db)
        // Bound through `run` rather than `StatementArguments`, whose per-value boxing was a fifth of a rebuild.
        func bindGroup(_ b: inout ValueBinder, _ g: ReportRollup.Group) {
            b.bind(r.values[Int(g.value)].dimension.rawValue); b.bind(r.values[Int(g.value)].value)
            b.bind(g.funder < 0 ? "" : r.funders[Int(g.funder)]); b.bind(Int(g.year))
        }
        let grantYear = try db.makeStatement(sql: """
            INSERT INTO reportGrantYear (dimension, value, funder, year, grants, amountYuan, amountsKnown,
              papers1, ni1, papers2, ni2, papers3, ni3) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (g, n) in r.grantYears {
            try grantYear.run(db) { b in
                bindGroup(&b, g); b.bind(n.grants); b.bind(n.amountYuan); b.bind(n.amountsKnown)
                for k in 0..<3 { b.bind(n.papers[k]); b.bind(n.ni[k]) }
            }
        }
        let paperYear = try db.makeStatement(sql: """
            INSERT INTO reportPaperYear (dimension, value, funder, year, rank, papers, niPapers) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (g, n) in r.paperYears {
            try paperYear.run(db) { b in bindGroup(&b, g.group); b.bind(Int(g.rank)); b.bind(n.papers); b.bind(n.ni) }
        }
        let lag = try db.makeStatement(sql: """
            INSERT INTO reportLag (dimension, value, funder, year, lag, rank, links) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (g, n) in r.lags {
            try lag.run(db) { b in bindGroup(&b, g.group); b.bind(Int(g.lag)); b.bind(Int(g.rank)); b.bind(n) }
        }
        let output = try db.makeStatement(sql: """
            INSERT INTO reportGrantOutput VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // The grant columns stream from the table as the rows are written, rather than being held per grant.
        let grants = try Row.fetchCursor(db, sql: """
            SELECT id, number, funder, department, year, amountYuan FROM "grant" WHERE projectNumber IS NULL AND year IS NOT NULL
            """)
        while let g = try grants.next() {
            let grant: Int = g[0]
            try output.run(db) { b in
                b.bind(grant); b.bind(g[1] as String); b.bind(g[2] as String); b.bind(g[3] as String?); b.bind(g[4] as Int)
                b.bind(g[5] as Int64?)
                for k in grant * 3..<grant * 3 + 3 {
                    let known = r.outLast[k] != ReportRollup.noYear
                    b.bind(Int(r.outPapers[k])); b.bind(Int(r.outNI[k]))
                    b.bind(known ? Int(r.outFirst[k]) : nil); b.bind(known ? Int(r.outLast[k]) : nil)
                }
            }
        }
        let funderYear = try db.makeStatement(sql: """
            INSERT INTO reportFunderYear (year, nsfc, keyRD, "both", nsfcNI, keyRDNI, bothNI) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for (year, n) in r.funderYears {
            try funderYear.run(db) { b in
                b.bind(year)
                for v in n { b.bind(v) }
            }
        }
        try outputIndexes.rebuild(in: db)
        try db.execute(sql: "INSERT INTO reportCacheStamp (sequences) VALUES (?)", arguments: [try sequences(db)])
    }

    /// True when the rollups match the data.
    static func reportCacheIsFresh(_ db: Database) throws -> Bool {
        try String.fetchOne(db, sql: "SELECT sequences FROM reportCacheStamp") == (try sequences(db))
    }

    /// `grant=N,link=N,paper=N`: the tables' AUTOINCREMENT high-water marks, which every insert raises.
    private static func sequences(_ db: Database) throws -> String {
        let seq = try Dictionary(Row.fetchAll(db, sql: "SELECT name, seq FROM sqlite_sequence").map { ($0[0] as String, $0[1] as Int64) },
                                 uniquingKeysWith: max)
        return cachedTables.map { "\($0)=\(seq[$0] ?? 0)" }.joined(separator: ",")
    }
}
