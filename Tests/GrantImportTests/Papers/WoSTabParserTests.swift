import Foundation
import GrantImport
import GrantModel
import Testing

@Suite struct WoSTabParserTests {
    typealias S = PaperTestSupport

    static let header = ["PT", "AU", "AF", "TI", "SO", "C1", "FU", "FX", "SN", "EI", "J9", "JI", "PY", "DI", "UT"]

    @Test func rowsWithTheTrailingTabAreRead() {
        let row = ["J", "Li, W; Wu, B", "Li, Wei; Wu, Bo", "A title", "CELL",
                   "[Li, Wei; Wu, Bo] Peking Univ, Beijing, Peoples R China; [Wu, Bo] MIT, Cambridge, MA 02139 USA",
                   "NSFC [81871234]", "Supported by NSFC (81871234).", "0092-8674", "1097-4172", "CELL", "Cell",
                   "2020", "10.1016/x", "WOS:1", ""]
        let events = S.parse(WoSTabParser(file: "t.txt"), rows: [Self.header, row])
        let papers = S.papers(events)
        #expect(S.rejects(events).isEmpty)
        try? #require(papers.count == 1)
        guard let p = papers.first else { return }
        #expect(p.source == .wosTab)
        #expect(p.authors == ["Li, Wei", "Wu, Bo"])
        #expect(p.addresses == ["Peking Univ, Beijing, Peoples R China", "MIT, Cambridge, MA 02139 USA"])
        #expect(p.countries == ["China", "USA"])
        #expect(p.funding == [FundingText(kind: .wosFU, text: "NSFC [81871234]"),
                              FundingText(kind: .wosFX, text: "Supported by NSFC (81871234).")])
        #expect(p.issn == "0092-8674" && p.eissn == "1097-4172" && p.year == 2020)
        #expect(p.provenance == Provenance(file: "t.txt", record: 1, line: 2))
    }

    @Test func rowWithAWrongFieldCountIsRejected() {
        let short = ["J", "Li, W", "Li, Wei", "A title"]
        let extra = Array(repeating: "x", count: Self.header.count + 1)
        let good = ["J", "A", "A", "T", "S", "", "", "", "", "", "", "", "2020", "", "WOS:2"]
        let events = S.parse(WoSTabParser(file: "t.txt"), rows: [Self.header, short, extra, good])
        let rejects = S.rejects(events)
        #expect(rejects.map(\.line) == [2, 3])
        #expect(rejects.map(\.record) == [1, 2])
        #expect(rejects.first?.reason.contains("4 fields") == true)
        #expect(S.papers(events).map(\.ut) == ["WOS:2"])
    }

    /// The same 50 records as plain text, tab-delimited UTF-8 (BOM) and tab-delimited UTF-16LE (BOM, CRLF).
    @Test(.enabled(if: PaperTestSupport.hasSharedData))
    func threeExportsOfTheSameRecordsAgree() throws {
        let plain = S.papers(S.parse(WoSTaggedParser(file: "p"), try S.text(of: S.sharedFile("wos/wos_plaintext.txt"))))
        let utf8Text = try S.text(of: S.sharedFile("wos/wos_tab_delimited_win_utf8.txt"))
        let utf8Events = S.parse(WoSTabParser(file: "u8"), rows: S.tabRows(utf8Text))
        let data = try Data(contentsOf: S.sharedFile("wos/wos_tab_delimited_win_utf16.txt"))
        let utf16Text = try #require(String(data: data, encoding: .utf16LittleEndian))
        let utf16Events = S.parse(WoSTabParser(file: "u16"), rows: S.tabRows(utf16Text))
        #expect(S.rejects(utf8Events).isEmpty)
        #expect(S.rejects(utf16Events).isEmpty)
        let tab8 = S.papers(utf8Events)
        let tab16 = S.papers(utf16Events)
        #expect(plain.count == 50)
        #expect(tab8.count == 50)
        #expect(tab16.count == 50)
        func comparable(_ p: PaperRecord) -> PaperRecord {
            var p = p
            p.source = .wos
            p.provenance = Provenance(file: "", record: 0, line: 0)
            return p
        }
        for (a, (b, c)) in zip(plain, zip(tab8, tab16)) {
            #expect(comparable(a) == comparable(b))
            #expect(comparable(b) == comparable(c))
        }
        #expect(tab8.map(\.provenance.line) == Array(2...51))
    }
}
