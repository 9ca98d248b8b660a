import Foundation
import GrantImport
import GrantModel
import Testing

@Suite struct PubMedParserTests {
    typealias S = PaperTestSupport

    @Test func recordWithGRLines() throws {
        let events = S.parse(PubMedParser(file: "m.txt"), try S.fixture("medline-gr.txt"))
        let papers = S.papers(events)
        #expect(S.rejects(events).isEmpty)
        try #require(papers.count == 2)
        let p = papers[0]
        #expect(p.source == .pubmed)
        #expect(p.pmid == "30000001")
        #expect(p.title == "Tumour suppression by a long wrapped title that goes on to a second line of text.")
        #expect(p.journal == "Nature")
        #expect(p.journalAbbreviations == ["Nature"])
        #expect(p.eissn == "1476-4687")
        #expect(p.issn == "0028-0836")
        #expect(p.year == 2019)
        #expect(p.doi == "10.1038/s41586-019-0001-1")
        #expect(p.abstract == "First abstract line second abstract line.")
        #expect(p.authors == ["Wang, Xiaoming", "Smith, John A"])
        #expect(p.addresses == ["Department of Biology, Peking University, Beijing, China.",
                                "Harvard Medical School, Boston, MA, USA."])
        #expect(p.documentType == "Journal Article")
        #expect(p.language == "eng")
        #expect(p.keywords == ["Animals", "tumour suppression"])
        #expect(p.funding == [
            FundingText(kind: .pubmedGR, text: "81400550/National Natural Science Foundation of China/"),
            FundingText(kind: .pubmedGR, text: "R01 AG016841/AG/NIA NIH HHS/United States"),
        ])
        #expect(p.provenance == Provenance(file: "m.txt", record: 1, line: 1))
        // Second record: AU only, print ISSN, AID doi.
        #expect(papers[1].authors == ["Li Y"])
        #expect(papers[1].issn == "0092-8674")
        #expect(papers[1].doi == "10.1016/j.cell.2020.01.001")
        #expect(papers[1].funding.isEmpty)
        #expect(papers[1].provenance.line == 29)
    }

    @Test func recordWithoutPMIDOrWithABadLineIsRejected() {
        let text = "TI  - no pmid here\nDP  - 2020\n\nPMID- 2\nTI  - ok\nthis is not a tag line\n\nPMID- 3\nTI  - fine\n"
        let events = S.parse(PubMedParser(file: "bad"), text)
        #expect(S.papers(events).map(\.pmid) == ["3"])
        #expect(S.rejects(events).map(\.line) == [1, 4])
        #expect(S.rejects(events).map(\.record) == [1, 2])
    }

    @Test(.enabled(if: PaperTestSupport.hasSharedData))
    func realFile() throws {
        let text = try S.text(of: S.sharedFile("medline/medline_test.medline"))
        let events = S.parse(PubMedParser(file: "medline"), text)
        let papers = S.papers(events)
        #expect(S.rejects(events).isEmpty)
        #expect(papers.count == S.count(linesStartingWith: "PMID-", in: text))
        #expect(papers.flatMap(\.funding).count == S.count(linesStartingWith: "GR  -", in: text))
        #expect(papers.allSatisfy { $0.year != nil && !$0.title.isEmpty })
    }
}
