import GrantImport
import Testing

@Suite struct PaperFormatTests {
    @Test(arguments: [
        ("\u{FEFF}FN Clarivate Analytics Web of Science", PaperFormat.wos),
        ("FN Thomson Reuters Web of Science™", .wos),
        ("PT J", .wos),
        ("\u{FEFF}PT\tAU\tBA\tBE", .wosTab),
        ("\u{FEFF}Authors,Author(s) ID,Title,Year,Source title", .scopus),
        ("\"Authors\",\"Author full names\",\"Title\",\"EID\"", .scopus),
        ("PMID- 26524502", .pubmed),
        ("SrcDatabase-来源库: 期刊", .cnki),
        ("Title-题名: 某题名", .cnki),
    ])
    func detects(firstLine: String, format: PaperFormat) {
        #expect(PaperFormat.detect(firstLines: ["", Substring(firstLine), "next"]) == format)
    }

    @Test func unknownContentIsNil() {
        #expect(PaperFormat.detect(firstLines: ["%0 Journal Article", "%A 张三"]) == nil)
        #expect(PaperFormat.detect(firstLines: []) == nil)
    }
}
