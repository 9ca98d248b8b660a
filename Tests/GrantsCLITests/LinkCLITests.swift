import Foundation
import Testing

@Suite struct LinkCLITests {
    static let grants = """
        项目批准号,项目类别,项目名称,依托单位,负责人,批准金额(万元),批准年份,申请代码
        81871234,面上项目,基于深度学习的肺结节影像诊断研究,北京大学,张三,55,2018,H1801
        61922001,优秀青年科学基金项目,医学影像智能分析,清华大学,李四,130,2019,F0601
        2016YFB0700101,课题,材料基因工程课题一,北京科技大学,周九,500,2016,

        """

    static let wos = """
        FN Clarivate Analytics Web of Science
        VR 1.0
        PT J
        AU Zhang, S
        AF Zhang, San
        TI Deep learning for lung nodules
        SO NATURE
        SN 0028-0836
        PY 2020
        FX This work was supported by the National Natural Science Foundation of
           China (81871234) and the Natural Science Foundation of Beijing (7232177).
        UT WOS:000000000000001
        ER

        PT J
        AU Li, S
        AF Li, Si
        TI Imaging analysis
        SO RADIOLOGY
        PY 2021
        FU National Natural Science Foundation of China [61922001]
        UT WOS:000000000000002
        ER

        PT J
        AU Zhou, J
        AF Zhou, Jiu
        TI Materials genome
        SO ACTA MATERIALIA
        PY 2019
        FX Supported by the Beijing Natural Science Foundation (7232177) and the
           National Key R&D Program of China (2016YFB0700101).
        UT WOS:000000000000003
        ER

        PT J
        AU Wang, W
        AF Wang, Wu
        TI Something else
        SO RADIOLOGY
        PY 2010
        FX Supported by the Beijing Natural Science Foundation (7232177) and the
           National Natural Science Foundation of China (61922001).
        UT WOS:000000000000004
        ER

        EF

        """

    static let cnki = """
        SrcDatabase-来源库: 期刊
        Title-题名: 肺结节智能诊断
        Author-作者: 张三;王五;
        Organ-单位: 北京大学医学部
        Source-文献来源: 中华放射学杂志
        Fund-基金: 国家自然科学基金面上项目(81871243)
        Year-年: 2021

        """

    func json(_ s: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [[String: Any]])
    }

    @Test func dryRunParsesAndCountsButWritesNothing() throws {
        let cli = try CLI()
        // A record with its PT line lost, so the dry run has a reject to report.
        let broken = Self.wos.replacingOccurrences(of: "PT J\nAU Li, S", with: "AU Li, S")
        let file = try cli.write("savedrecs.txt", broken)
        let r = try cli.run(["import", "papers", "--dry-run", file])
        #expect(r.status == 0)
        #expect(r.stdout.contains("3 records, rejected 1; Nature Index 1 (dry run: nothing written)"), "\(r.stdout)")
        #expect(r.stderr.contains("record does not start with PT"))
        #expect(!FileManager.default.fileExists(atPath: cli.db), "a dry run creates no database")
        // With a database, nothing is added to it either.
        try cli.run(["import", "papers", try cli.write("cnki.txt", Self.cnki)])
        let json = try cli.run(["import", "papers", "--dry-run", "--summary", "json", file])
        let summary = try #require(try self.json(json.stdout).first)
        #expect(summary["records"] as? Int == 3)
        #expect(summary["inserted"] as? Int == 0)
        #expect(summary["batchId"] == nil)
        #expect(try self.json(cli.run(["list", "papers", "--format", "json"]).stdout).count == 1, "only the CNKI paper")
        // Several files are checked in parallel but reported in the order given.
        let cnki = cli.path("cnki.txt")
        let both = try cli.run(["import", "papers", "--dry-run", cnki, file, cnki])
        let lines = both.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.map { $0.hasPrefix(cnki) } == [true, false, true], "\(both.stdout)")
    }

    @Test func linksWithConfidenceAndEvidence() throws {
        let cli = try CLI()
        // Papers first, then grants: linking must catch up when the grants arrive.
        #expect(try cli.run(["import", "papers", try cli.write("savedrecs.txt", Self.wos), try cli.write("cnki.txt", Self.cnki)]).status == 0)
        #expect(try cli.run(["import", "grants", try cli.write("grants.csv", Self.grants)]).status == 0)

        let high = try json(try cli.run(["papers", "81871234", "--format", "json"]).stdout)
        let byPaper = Dictionary(high.map { ($0["paper"] as? String ?? "?", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byPaper["WOS:000000000000001"]?["confidence"] as? String == "high")
        #expect((byPaper["WOS:000000000000001"]?["span"] as? String)?.contains("81871234") == true)
        #expect(byPaper["WOS:000000000000001"]?["ni"] as? String == "NI")  // Nature, 2020
        // The CNKI paper wrote 81871243 (digits swapped); its PI 张三 is an author: a probable typo.
        let typo = high.first { ($0["evidence"] as? String)?.contains("probable typo") == true }
        #expect(typo?["confidence"] as? String == "low")
        #expect(try json(try cli.run(["papers", "81871234", "--min-confidence", "high", "--format", "json"]).stdout).count == 1)

        // Found only in WoS FU: medium.
        let fuOnly = try json(try cli.run(["papers", "61922001", "--format", "json"]).stdout)
        #expect(fuOnly.first { $0["paper"] as? String == "WOS:000000000000002" }?["confidence"] as? String == "medium")

        // A Key R&D sub-project links to itself and rolls up to its (placeholder) project.
        let project = try json(try cli.run(["papers", "2016YFB0700100", "--format", "json"]).stdout)
        #expect(project.first?["via"] as? String == "2016YFB0700101")
        #expect(try json(try cli.run(["papers", "2016YFB0700101", "--format", "json"]).stdout).count == 1)

        let cites = try json(try cli.run(["cites", "WOS:000000000000003", "--format", "json"]).stdout)
        #expect(cites.count == 2)
        #expect(cites.first?["funder"] as? String != "nsfc")  // Beijing's NSF, named first, is a look-alike
        #expect(cites.contains { $0["grant"] as? String == "2016YFB0700101" })

        let explain = try cli.run(["explain", "WOS:000000000000001"])
        #expect(explain.stdout.contains("[[81871234]]"))
        #expect(explain.stdout.contains("linked to 81871234 (high)"))

        let relink = try cli.run(["link"])
        #expect(relink.stderr.contains("0 funding texts read"))
        #expect(relink.stderr.contains("0 links written"))
    }

    @Test func auditFindsTyposTimingAndNotFirst() throws {
        let cli = try CLI()
        try cli.run(["import", "grants", try cli.write("grants.csv", Self.grants)])
        try cli.run(["import", "papers", try cli.write("savedrecs.txt", Self.wos), try cli.write("cnki.txt", Self.cnki)])
        let audit = try #require(try JSONSerialization.jsonObject(with: Data(try cli.run(["audit", "--format", "json"]).stdout.utf8)) as? [String: [[String: Any]]])
        #expect(audit["probable typos"]?.count == 1)
        let notFirst = audit["NSFC not the first funder named"]?.compactMap { $0["paper"] as? String }
        #expect(notFirst == ["WOS:000000000000004"])
        // Published 2010, grant approved 2019.
        #expect(audit["implausible timing (published before approval, or over 10 years after)"]?.first?["paper"] as? String == "WOS:000000000000004")
    }

    @Test func auditTextsWithoutDatabase() throws {
        let cli = try CLI()
        let texts = """
            {"id": "a", "text": "Supported by the Zhejiang Provincial Natural Science Foundation (LY17C060003) and NSFC (81871234)."}
            {"id": "b", "text": "Supported by the National Natural Science Foundation of China (No. 8187123456)."}
            """
        let r = try cli.run(["audit", "--texts", try cli.write("acks.jsonl", texts), "--format", "json"])
        let audit = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: [[String: Any]]])
        #expect(audit["NSFC not the first funder named"]?.compactMap { $0["id"] as? String } == ["a"])
        #expect(audit["malformed numbers"]?.compactMap { $0["id"] as? String } == ["b"])
    }
}
