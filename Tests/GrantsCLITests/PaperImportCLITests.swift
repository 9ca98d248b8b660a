import Foundation
import Testing

@Suite struct PaperImportCLITests {
    /// `count` Web of Science records with UTs from `first` on, each with an 8 KB abstract.
    static func wos(from first: Int, count: Int) -> String {
        let abstract = String(repeating: "Lung nodule imaging with deep learning. ", count: 200)
        return (first..<first + count).map { i in
            "PT J\nAU Zhang, S\nTI Paper \(i) on lung nodule imaging\nSO RADIOLOGY\nPY 2021\nAB \(abstract)\nUT WOS:\(100_000_000_000_000 + i)\nER\n"
        }.joined(separator: "\n")
    }

    /// A file that stops decoding after its first records is rolled back alone, and the files around it are kept.
    /// 10 records are read whole before anything is written; 3,000 are more than the importer holds, so their first
    /// chunks are written before the error and must be undone.
    @Test(arguments: [10, 3_000]) func aFileThatBreaksMidwayIsRolledBackAlone(records: Int) throws {
        let cli = try CLI()
        var broken = Data(Self.wos(from: 1_000, count: records).utf8)
        broken.append(contentsOf: [0xFF, 0xFE, 0x0A])  // past the 64 KB the encoding is detected from
        broken.append(Data(Self.wos(from: 90_000, count: 1).utf8))
        let files = [try cli.write("a.txt", Self.wos(from: 1, count: 3)), try cli.write("b.txt", bytes: broken),
                     try cli.write("c.txt", Self.wos(from: 100, count: 3))]
        let r = try cli.run(["import", "papers", "--no-link", "--summary", "json"] + files)
        #expect(r.status == 0)
        #expect(r.stderr.contains("b.txt: cannot decode as utf8 at byte offset"), "\(r.stderr)")
        let summaries = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(summaries.compactMap { $0["file"] as? String }.map { ($0 as NSString).lastPathComponent } == ["a.txt", "c.txt"])

        let status = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["status", "--format", "json"]).stdout.utf8)) as? [String: Any])
        let batches = try #require(status["batches"] as? [[String: Any]])
        #expect(batches.compactMap { ($0["file"] as? String).map { ($0 as NSString).lastPathComponent } } == ["a.txt", "c.txt"])
        let papers = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["list", "papers", "--format", "json"]).stdout.utf8)) as? [[String: Any]])
        #expect(papers.count == 6)
    }

    /// A first import into an empty store matches titles without the title index; importing the same exports one
    /// command per file goes through the index after the first. Both must store the same papers and merges.
    @Test(.enabled(if: CLI.hasSharedData)) func oneCommandAndOneCommandPerFileStoreTheSamePapers() throws {
        let files = ["wos/wos_plaintext.txt", "wos/wos_tab_delimited_win_utf8.txt", "wos/metaknowledge-testFile.isi",
                     "scopus/scopus.csv", "scopus/scopus_v2_2023.csv", "medline/medline_test.medline"]
            .map { CLI.sharedData.appendingPathComponent($0).path }
        let together = try CLI(), apart = try CLI()
        #expect(try together.run(["import", "papers", "--no-link"] + files).status == 0)
        for file in files { #expect(try apart.run(["import", "papers", "--no-link", file]).status == 0) }
        for listing in [["list", "papers", "--format", "csv"], ["list", "papers", "--duplicates", "--format", "csv"]] {
            let a = try together.run(listing).stdout, b = try apart.run(listing).stdout
            #expect(a.split(whereSeparator: \.isNewline).count > 20)
            #expect(a == b, "\(listing.joined(separator: " ")) differs")
        }
    }

    /// Re-importing small files (read whole, written without a savepoint) leaves no batch and uses up no batch id.
    @Test func reimportingLeavesNoTrace() throws {
        let cli = try CLI()
        let a = try cli.write("a.txt", Self.wos(from: 1, count: 3))
        let b = try cli.write("b.txt", Self.wos(from: 10, count: 3))
        #expect(try cli.run(["import", "papers", "--no-link", a]).status == 0)
        #expect(try cli.run(["import", "papers", "--no-link", a]).status == 0)
        #expect(try cli.run(["import", "papers", "--no-link", b]).status == 0)
        let status = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["status", "--format", "json"]).stdout.utf8)) as? [String: Any])
        let batches = try #require(status["batches"] as? [[String: Any]])
        #expect(batches.compactMap { $0["id"] as? Int } == [1, 2])
    }

    /// An import killed after it has written into the database file (past the page cache, so not just into the
    /// journal) leaves the store as it was, readable, whole and in WAL mode, and the same import then goes through.
    @Test func aKilledImportLeavesTheStoreAsItWas() throws {
        let cli = try CLI()
        #expect(try cli.run(["import", "papers", "--no-link", try cli.write("a.txt", Self.wos(from: 1, count: 3))]).status == 0)
        let files = try (0..<16).map { try cli.write("big\($0).txt", Self.wos(from: 1_000 + $0 * 1_000, count: 1_000)) }
        func size(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0 }
        func size() -> Int { size(cli.db) }
        let before = size()

        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["import", "papers", "--no-link", "--db", cli.db] + files
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Whichever journal the import runs under, pages reach the database or its log once the cache is full.
        while p.isRunning, size() + size(cli.db + "-wal") < before + 16 << 20 { usleep(2_000) }
        let killedMidway = p.isRunning
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        try #require(killedMidway, "the import finished before it could be killed; give it more to do")

        let papers = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["list", "papers", "--format", "json"]).stdout.utf8)) as? [[String: Any]])
        #expect(papers.count == 3)
        #expect(size() <= before + 1 << 20, "the rolled-back pages are still in the file")
        func sqlite(_ sql: String) throws -> String {
            let q = Process()
            q.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            q.arguments = [cli.db, sql]
            let out = Pipe()
            q.standardOutput = out
            try q.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            q.waitUntilExit()
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try sqlite("PRAGMA integrity_check") == "ok")
        #expect(try sqlite("PRAGMA journal_mode") == "wal")
        #expect(try cli.run(["import", "papers", "--no-link"] + files).status == 0)
        #expect(try sqlite("SELECT count(*) FROM paper") == "16003")
    }
}
