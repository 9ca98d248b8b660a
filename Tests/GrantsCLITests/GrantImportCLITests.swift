import CXLSXWriter
import Foundation
import Testing

@Suite struct GrantImportCLITests {
    static let sample = """
        项目批准号,项目类别,项目名称,依托单位,负责人,批准金额(万元),批准年份,申请代码
        81871234,面上项目,基于深度学习的肺结节影像诊断研究,北京大学,张三,55,2018,H1801
        61922001,优秀青年科学基金项目,医学影像智能分析,清华大学,李四,130,2019,F0601
        7190001X,青年科学基金项目,坏号码,某大学,王五,20,2019,G0101
        ,面上项目,没有号码,某大学,赵六,50,2019,G0102
        71901002,青年科学基金项目,金额错误,复旦大学,钱七,二十万,2019,G0103
        1504701,联合基金-河南联合,联合基金项目,郑州大学,孙八,27,2015,
        2016YFB0700101,课题,材料基因工程课题一,北京科技大学,周九,500,2016,

        """

    @Test func importsReportsRejectsAndIsIdempotent() throws {
        let cli = try CLI()
        let file = try cli.write("grants.csv", Self.sample)
        let first = try cli.run(["import", "grants", file])
        #expect(first.status == 0)
        #expect(first.stdout.contains("imported 4"))
        #expect(first.stdout.contains("rejected 3"))
        #expect(first.stdout.contains("placeholder projects 1"))
        #expect(first.stderr.contains("项目批准号 → number"))

        let rejects = try cli.run(["list", "rejects", "--format", "json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(rejects.stdout.utf8)) as? [[String: Any]])
        let byRow = Dictionary(uniqueKeysWithValues: list.map { ($0["row"] as? Int ?? -1, $0["reason"] as? String ?? "") })
        #expect(byRow[4]?.contains("malformed number '7190001X'") == true)
        #expect(byRow[5] == "no grant number")
        #expect(byRow[6]?.contains("unparseable amount '二十万'") == true)

        let again = try cli.run(["import", "grants", file])
        #expect(again.status == 0)
        #expect(again.stdout.contains("no changes"))
        let status = try cli.run(["status", "--format", "json"])
        let batches = try #require((try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["batches"] as? [Any])
        #expect(batches.count == 1)

        let grants = try cli.run(["list", "grants", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(grants.stdout.utf8)) as? [[String: Any]])
        let numbers = Set(rows.compactMap { $0["number"] as? String })
        #expect(numbers == ["81871234", "61922001", "U1504701", "2016YFB0700101", "2016YFB0700100"])
        let h = rows.first { $0["number"] as? String == "81871234" }
        #expect(h?["department"] as? String == "H")
        #expect(h?["amountYuan"] as? Int == 550_000)
    }

    @Test func updatedListKeepsHistory() throws {
        let cli = try CLI()
        let v1 = try cli.write("v1.csv", "批准号,项目名称,金额(万元)\n81871234,旧题目,55\n81871235,不变,60\n")
        let v2 = try cli.write("v2.csv", "批准号,项目名称,金额(万元)\n81871234,新题目,56\n81871235,不变,60\n")
        try cli.run(["import", "grants", v1])
        let r = try cli.run(["import", "grants", v2])
        #expect(r.stdout.contains("imported 0, updated 1, unchanged 1"))
        #expect(r.stdout.contains("amountYuan 1"))
        #expect(r.stdout.contains("title 1"))
    }

    @Test func strictMakesAnyRejectFatal() throws {
        let cli = try CLI()
        let file = try cli.write("grants.csv", Self.sample)
        let r = try cli.run(["import", "grants", "--strict", file])
        #expect(r.status == 1)
        #expect(r.stderr.contains("row 4"))
        let grants = try cli.run(["list", "grants", "--format", "json"])
        #expect(grants.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func badFilesGiveOneClearLine() throws {
        let cli = try CLI()
        let missing = try cli.run(["import", "grants", cli.path("nope.csv")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such file"))
        let empty = try cli.run(["import", "grants", try cli.write("empty.csv", "")])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("empty"))
        let binary = try cli.run(["import", "grants", try cli.write("x.bin", bytes: Data([0, 1, 2, 0, 0, 255, 0, 7] + Array(repeating: 0, count: 64)))])
        #expect(binary.status == 1)
        #expect(binary.stderr.contains("binary"))
        let truncated = try cli.run(["import", "grants", try cli.write("t.xlsx", bytes: Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]))])
        #expect(truncated.status == 1)
        for r in [missing, empty, binary, truncated] {
            #expect(r.stderr.split(separator: "\n").count == 1, "one line, got: \(r.stderr)")
        }
    }

    /// A directory where a file belongs (an easy slip: `import papers exports/`) is a clear error, not a crash.
    @Test(arguments: [
        ["import", "grants"], ["import", "papers", "--no-link"], ["import", "roster"], ["extract"],
        ["journals", "import", "--from-year", "2025"], ["report", "departments", "--topic-file"],
    ])
    func directoryInsteadOfFileIsOneClearLine(args: [String]) throws {
        let cli = try CLI()
        let r = try cli.run(args + [cli.directory.path])
        #expect(r.status == 1)
        #expect(r.stderr.lowercased().contains("is a directory"), "got: \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "one line, got: \(r.stderr)")
    }

    @Test func encodingTakesCommonLabelsAndRejectsUnknownOnes() throws {
        let cli = try CLI()
        let gbk = try cli.iconv(try cli.write("utf8.csv", "批准号,项目名称\n81871234,题目\n"), to: "GB18030", as: "gbk.csv")
        #expect(try cli.run(["import", "grants", "--encoding", "GBK", gbk]).status == 0)
        #expect(try cli.run(["list", "grants", "--format", "json"]).stdout.contains("题目"))
        for command in [["import", "grants"], ["import", "papers"]] {
            let r = try cli.run(command + ["--encoding", "latin1", gbk])
            #expect(r.status == 2)
            #expect(r.stderr.contains("gb18030"), "the error lists the encodings: \(r.stderr)")
        }
    }

    @Test func databaseWhoseFolderCannotBeMadeIsOneClearLine() throws {
        let cli = try CLI()
        let blocker = try cli.write("afile", "not a folder")
        let r = try cli.run(["--db", blocker + "/sub/grants.sqlite", "status"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("cannot create its folder"), "got: \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "one line, got: \(r.stderr)")
    }

    @Test func databaseOptionBeforeOrAfterTheSubcommandWinsOverEnvironment() throws {
        let cli = try CLI()  // sets GRANTS_DB to its own file
        let file = try cli.write("g.csv", "批准号,项目名称\n81871234,题目\n")
        let other = cli.path("other.sqlite")
        #expect(try cli.run(["--db", other, "import", "grants", file]).status == 0)
        #expect(try cli.run(["list", "grants", "--db", other, "--format", "json"]).stdout.contains("81871234"))
        #expect(try cli.run(["list", "grants", "--format", "json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func usageErrorsExitTwo() throws {
        let cli = try CLI()
        #expect(try cli.run(["import", "grants", "--funder", "nih", "x.csv"]).status == 2)
        #expect(try cli.run(["report", "departments", "--from", "2020", "--to", "2019"]).status == 2)
        #expect(try cli.run(["no-such-command"]).status == 2)
    }

    /// Both imports name their summary's format `--summary` (`import papers` needs `--format` for the export
    /// format); the old `--format` of `import grants` still works for existing scripts but is not advertised.
    @Test func bothImportsTakeSummaryAndTheOldNameStillWorks() throws {
        let cli = try CLI()
        let file = try cli.write("grants.csv", Self.sample)
        for (args, inserted) in [(["--summary", "json"], 4), (["--format", "json"], 0)] {
            let r = try cli.run(["import", "grants", file, "--no-link"] + args)
            #expect(r.status == 0)
            let summary = try #require((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])?.first)
            #expect(summary["inserted"] as? Int == inserted)
        }
        let help = try cli.run(["import", "grants", "--help"]).stdout
        #expect(help.contains("--summary"))
        #expect(!help.contains("--format"))
        #expect(try cli.run(["import", "papers", "--help"]).stdout.contains("--summary"))
    }

    @Test(arguments: [
        ["--help"], ["import", "--help"], ["import", "grants", "--help"], ["import", "papers", "--help"],
        ["import", "roster", "--help"], ["status", "--help"], ["list", "grants", "--help"], ["list", "papers", "--help"],
        ["list", "rejects", "--help"], ["list", "links", "--help"], ["extract", "--help"], ["link", "--help"],
        ["papers", "--help"], ["cites", "--help"], ["explain", "--help"], ["audit", "--help"],
        ["report", "departments", "--help"], ["report", "funders", "--help"], ["report", "grants", "--help"],
        ["journals", "--help"], ["journals", "import", "--help"], ["topics", "--help"],
    ])
    func helpWorks(args: [String]) throws {
        let r = try CLI().run(args)
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE"))
    }

    @Test(.enabled(if: CLI.hasSharedData)) func managementListInAllEncodings() throws {
        let cli = try CLI()
        let source = CLI.sharedData.appendingPathComponent("nsfc/nsfc-management-1991-2017.csv").path
        let utf8 = try cli.run(["import", "grants", source, "--summary", "json"])
        let summary = try #require((try JSONSerialization.jsonObject(with: Data(utf8.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(summary["inserted"] as? Int == 17_925)
        #expect(summary["rejected"] as? Int == 1)  // the row numbered "0"
        let reference = try cli.run(["list", "grants", "--format", "csv"]).stdout

        for (encoding, name) in [("GB18030", "gb.csv"), ("UTF-16", "u16.csv")] {
            let variant = try cli.iconv(source, to: encoding, as: name)
            let other = try CLI()
            let r = try other.run(["import", "grants", variant])
            #expect(r.status == 0)
            #expect(try other.run(["list", "grants", "--format", "csv"]).stdout == reference, "\(encoding) differs")
        }
        // The same list saved as XLSX, with the numbers stored as floating-point cells (as Excel does).
        let xlsx = cli.path("management.xlsx")
        try Self.writeXLSX(csv: source, to: xlsx)
        let other = try CLI()
        #expect(try other.run(["import", "grants", xlsx]).status == 0)
        #expect(try other.run(["list", "grants", "--format", "csv"]).stdout == reference, "XLSX differs")

        let joint = try cli.run(["list", "grants", "--department", "JOINT", "--format", "json"])
        let jointRows = try #require(try JSONSerialization.jsonObject(with: Data(joint.stdout.utf8)) as? [[String: Any]])
        #expect(jointRows.count == 36)
        #expect(jointRows.allSatisfy { ($0["number"] as? String)?.hasPrefix("U") == true })
        #expect(try cli.run(["import", "grants", source]).stdout.contains("no changes"))
    }

    @Test(.enabled(if: CLI.hasSharedData)) func xlsxWithElevenDigitNumbers() throws {
        let cli = try CLI()
        let r = try cli.run(["import", "grants", CLI.sharedData.appendingPathComponent("nsfc/nsfc-C0501-2019.xlsx").path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("imported 85"))
        let intl = try cli.run(["list", "grants", "--search", "31950410540", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(intl.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["department"] as? String == "C")
        #expect(rows.first?["code"] as? String == "C050101")
    }

    /// Writes a CSV whose fields are all quoted (no embedded newlines) as XLSX; the number column becomes numeric cells.
    static func writeXLSX(csv: String, to path: String) throws {
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        guard let workbook = workbook_new(path), let sheet = workbook_add_worksheet(workbook, "项目") else {
            Issue.record("libxlsxwriter failed")
            return
        }
        for (r, line) in text.split(separator: "\n").enumerated() {
            let cells = line.dropFirst().dropLast().components(separatedBy: "\",\"")
                .map { $0.replacingOccurrences(of: "\"\"", with: "\"") }
            for (c, cell) in cells.enumerated() {
                if r > 0, c == 0, let n = Double(cell) {
                    worksheet_write_number(sheet, lxw_row_t(r), lxw_col_t(c), n, nil)
                } else {
                    worksheet_write_string(sheet, lxw_row_t(r), lxw_col_t(c), cell, nil)
                }
            }
        }
        #expect(workbook_close(workbook) == LXW_NO_ERROR)
    }
}
