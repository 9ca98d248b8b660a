import Foundation
import Testing

@Suite struct ReportCLITests {
    // Expected by hand: the medical-ai preset keeps H grants with AI terms and F grants with medical terms.
    static let grants = """
        项目批准号,项目名称,负责人,依托单位,批准金额(万元),批准年份,申请代码
        81871001,基于深度学习的肺结节CT影像诊断研究,甲,北京大学,50,2018,H1801
        81971002,机器学习预测脓毒症预后,乙,复旦大学,55,2019,H1502
        81971003,肝癌干细胞的表观遗传调控,丙,中山大学,55,2019,H1617
        61871004,面向医学影像的弱监督分割方法,丁,清华大学,60,2018,F0604
        61971005,大规模图神经网络的高效训练算法,戊,浙江大学,60,2019,F0206
        31871006,深度学习识别植物叶片病害,己,南京农业大学,58,2018,C1301

        """

    @Test func departmentsWithTopicInEveryFormat() throws {
        let cli = try CLI()
        try cli.run(["import", "grants", try cli.write("g.csv", Self.grants)])
        let json = try cli.run(["report", "departments", "--topic", "medical-ai", "--format", "json"])
        #expect(json.status == 0)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let text = String(decoding: try JSONSerialization.data(withJSONObject: obj), as: UTF8.self)
        #expect(text.contains("Medical Sciences"))
        #expect(text.contains("Information Sciences"))
        #expect(!text.contains("Life Sciences"))

        let all = try cli.run(["report", "departments", "--format", "csv"]).stdout
        #expect(all.hasPrefix("\u{FEFF}"))
        let medical = try cli.run(["report", "departments", "--topic", "medical-ai", "--format", "csv"]).stdout
        // 3 of 6 grants are medical AI: 81871001, 81971002 (H) and 61871004 (F).
        let totalLine = try #require(medical.split(separator: "\r\n").first { $0.contains("Total") })
        #expect(totalLine.split(separator: ",").dropFirst().first == "3")

        for fmt in ["html", "xlsx", "md"] {
            let out = cli.path("r.\(fmt)")
            #expect(try cli.run(["report", "departments", "--format", fmt, "--output", out]).status == 0)
            #expect(FileManager.default.fileExists(atPath: out))
        }
        let html = try String(contentsOfFile: cli.path("r.html"), encoding: .utf8)
        #expect(html.contains("<svg"))
        // Self-contained: no address other than the SVG namespace identifier.
        let withoutNamespace = html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(!withoutNamespace.contains("http://") && !withoutNamespace.contains("https://"))
    }

    @Test func hostileTitlesAreEscaped() throws {
        let cli = try CLI()
        let hostile = "项目批准号,项目名称,负责人,依托单位,批准金额(万元),批准年份,申请代码\n81871001,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",<script>alert(1)</script>,=cmd|' /C calc'!A0,50,2018,H1801\n"
        try cli.run(["import", "grants", try cli.write("g.csv", hostile)])
        let csv = try cli.run(["report", "grants", "--format", "csv"]).stdout
        #expect(csv.contains("'=HYPERLINK"))
        #expect(csv.contains("'=cmd"))
        let out = cli.path("g.html")
        try cli.run(["report", "grants", "--format", "html", "--output", out])
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;"))
        let list = try cli.run(["list", "grants", "--format", "csv"]).stdout
        #expect(list.contains("'=HYPERLINK"))
    }

    @Test func fundersReportCountsMentionsWithoutGrantList() throws {
        let cli = try CLI()
        try cli.run(["import", "papers", try cli.write("s.txt", LinkCLITests.wos)])
        let r = try cli.run(["report", "funders", "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("NSFC"))
    }

    /// `report grants --limit N` sorts and limits in SQL; its rows must be the first N of the whole report in every
    /// order, with the totals of all grants, with or without a topic filter (which reads the main tables directly).
    @Test func limitedGrantReportIsTheStartOfTheWholeOne() throws {
        let cli = try CLI()
        // Eight grants with amounts, years and paper counts in different orders; grant i is cited by i papers.
        let amounts = [55, 130, 20, 300, 75, 10, 200, 90], years = [2018, 2016, 2020, 2017, 2019, 2015, 2021, 2016]
        var csv = "项目批准号,项目名称,依托单位,负责人,批准金额(万元),批准年份,申请代码\n"
        for i in 0..<8 { csv += "8187123\(i),人工智能医学影像研究 \(i),北京大学,张\(i),\(amounts[i]),\(years[i]),H18\(i)1\n" }
        var wos = ""
        var ut = 0
        for i in 0..<8 {
            for k in 0..<i {
                ut += 1
                wos += "PT J\nAU Li, S\nTI Deep learning paper \(ut) on imaging\nSO \(k == 0 ? "NATURE" : "RADIOLOGY")\nPY 2022\n"
                    + "FX Supported by the National Natural Science Foundation of China (8187123\(i)).\nUT WOS:\(100 + ut)\nER\n\n"
            }
        }
        #expect(try cli.run(["import", "grants", try cli.write("g.csv", csv)]).status == 0)
        #expect(try cli.run(["import", "papers", try cli.write("p.txt", wos)]).status == 0)
        func table(_ args: [String]) throws -> (rows: [String], totals: String?) {
            let out = try cli.run(["report", "grants", "--format", "csv"] + args)
            #expect(out.status == 0, "\(out.stderr)")
            let lines = out.stdout.split(whereSeparator: \.isNewline).map(String.init)
            let start = try #require(lines.firstIndex { $0.hasPrefix("Grant number") })
            return (lines[(start + 1)...].filter { $0.hasPrefix("8187123") }, lines.first { $0.hasPrefix("Total") })
        }
        for topic in [[], ["--topic", "medical-ai"]] {
            for sort in ["papers", "number", "ni-papers", "amount", "year"] {
                let whole = try table(["--sort", sort] + topic), first = try table(["--sort", sort, "--limit", "3"] + topic)
                #expect(whole.rows.count == 8)
                #expect(first.rows == Array(whole.rows.prefix(3)), "--sort \(sort) \(topic)")
                #expect(first.totals == whole.totals)
            }
        }
        #expect(try table(["--sort", "papers", "--limit", "1"]).rows.first?.hasPrefix("81871237") == true)
        #expect(try cli.run(["report", "grants", "--limit", "0"]).status == 2)

        // The order itself, worked out from the data above (grant i has i papers, an NI paper when i > 0, ties by
        // number): CSV and JSON stream it from SQL, the Markdown table reads every row first; all must agree.
        let expected = ["papers": [7, 6, 5, 4, 3, 2, 1, 0], "number": [0, 1, 2, 3, 4, 5, 6, 7],
                        "ni-papers": [1, 2, 3, 4, 5, 6, 7, 0], "amount": [3, 6, 1, 7, 4, 0, 2, 5],
                        "year": [5, 1, 7, 3, 0, 4, 2, 6]]
        for (sort, order) in expected {
            let numbers = order.map { "8187123\($0)" }
            #expect(try table(["--sort", sort]).rows.map { String($0.prefix(8)) } == numbers, "csv --sort \(sort)")
            let md = try cli.run(["report", "grants", "--format", "md", "--sort", sort]).stdout
            #expect(md.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("| 8187123") }.map { String($0.dropFirst(2).prefix(8)) }
                    == numbers, "md --sort \(sort)")
            let json = try cli.run(["report", "grants", "--format", "json", "--sort", sort]).stdout
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let rows = try #require((object["tables"] as? [[String: Any]])?.first?["rows"] as? [[Any]])
            #expect(rows.compactMap { $0.first as? String } == numbers, "json --sort \(sort)")
        }
    }

    /// An empty store has no period to report on: one clear line and status 1, not a table for "year 0".
    @Test(arguments: ["departments", "funders", "grants"])
    func emptyStoreIsNothingToReport(report: String) throws {
        let cli = try CLI()
        let r = try cli.run(["report", report, "--format", "json"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("no grants or papers"), "got: \(r.stderr)")
        // An explicit period is still a valid (empty) report.
        #expect(try cli.run(["report", report, "--from", "2015", "--to", "2016", "--format", "json"]).status == 0)
    }
}
