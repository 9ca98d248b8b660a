import Foundation
import GrantImport
import GrantModel
import Testing

@Suite struct CNKIParserTests {
    typealias S = PaperTestSupport

    @Test func textExport() throws {
        let events = S.parse(CNKITextParser(file: "cnki.txt"), try S.fixture("cnki.txt"))
        let papers = S.papers(events)
        try #require(papers.count == 2)
        let p = papers[0]
        #expect(p.source == .cnki)
        #expect(p.title == "青藏高原东缘地壳结构研究")
        #expect(p.authors == ["张三", "李四"])
        #expect(p.addresses == ["中国科学院地质与地球物理研究所", "中国科学院大学"])
        #expect(p.journal == "地球物理学报")
        #expect(p.keywords == ["地壳结构", "青藏高原"])
        #expect(p.abstract == "本文研究了青藏高原东缘的地壳结构。")
        #expect(p.year == 2015)
        #expect(p.issn == "0001-5733")
        #expect(p.doi == "10.6038/cjg20150301")
        #expect(p.documentType == "期刊")
        #expect(p.funding == [FundingText(kind: .cnkiFund, text: "国家自然科学基金重点项目(41030209,41130209)； 国家杰出青年科学基金(40625006)； 中国科学院知识创新工程重要方向性项目(KZZD-EW-02,KZCX2-YW-153,KZCX2-EW-119)资助；")])
        #expect(p.provenance == Provenance(file: "cnki.txt", record: 1, line: 1))
        // A new SrcDatabase line starts a record even without a blank line; the year falls back to PubTime.
        #expect(papers[1].year == 2022)
        #expect(papers[1].funding.map(\.text) == ["国家自然科学基金项目(32072562;32272748；"])
        #expect(papers[1].provenance.line == 20)
        let rejects = S.rejects(events)
        #expect(rejects.map(\.record) == [3])
        #expect(rejects.first?.line == 26)
        #expect(rejects.first?.raw.contains("39670 0 83") == true)
    }

    @Test func excelRows() throws {
        let header = ["SrcDatabase-来源库", "Title-题名", "Author-作者", "Organ-单位", "Source-文献来源", "Fund-基金",
                      "Year-年", "参考格式"]
        let row = ["期刊", "某题名", "王五;赵六;", "浙江大学;", "中国农业科学", "国家自然科学基金(31871234)", "2019",
                   "[1]王五,赵六.某题名[J].中国农业科学,2019."]
        let events = S.parse(CNKIRowParser(file: "cnki.xlsx"), rows: [header, row, ["", "", ""], ["期刊", ""]])
        let p = try #require(S.papers(events).first)
        #expect(p.title == "某题名")
        #expect(p.authors == ["王五", "赵六"])
        #expect(p.addresses == ["浙江大学"])
        #expect(p.year == 2019)
        #expect(p.funding == [FundingText(kind: .cnkiFund, text: "国家自然科学基金(31871234)")])
        #expect(p.provenance == Provenance(file: "cnki.xlsx", record: 1, line: 2))
        #expect(S.rejects(events).map(\.line) == [4])
    }
}
