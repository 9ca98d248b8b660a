import Foundation
import GrantImport
import GrantModel
import Testing

@Suite struct ScopusParserTests {
    typealias S = PaperTestSupport

    static let oldHeader = ["\u{FEFF}Authors", "Author(s) ID", "Title", "Year", "Source title", "DOI", "Affiliations",
                            "Authors with affiliations", "Abstract", "Author Keywords", "Index Keywords",
                            "Funding Details", "Funding Text 1", "Funding Text 2", "ISSN", "PubMed ID",
                            "Language of Original Document", "Abbreviated Source Title", "Document Type", "EID"]

    static let newHeader = ["Authors", "Author full names", "Author(s) ID", "Title", "Year", "Source title", "DOI",
                            "Affiliations", "Abstract", "Author Keywords", "Index Keywords", "Funding Details",
                            "Funding Texts", "ISSN", "PubMed ID", "Language of Original Document",
                            "Abbreviated Source Title", "Document Type", "EID"]

    @Test func olderLayout() throws {
        let details = "National Natural Science Foundation of China,\u{A0}NSFC: 32030063, 32070662;\u{A0}"
            + "Ministry of Science and Technology of the People's Republic of China,\u{A0}MOST: 2016YFA0501703"
        let row = ["Phillips J.C., Braun R., Kalé L.", "1;2;3", "Scalable molecular dynamics", "2005",
                   "Journal of Computational Chemistry", "10.1002/jcc.20289",
                   "Beckman Institute, Urbana, IL 61801, United States; Peking University, Beijing, China", "",
                   "[No abstract available]", "NAMD; molecular dynamics", "Article; Computer simulation",
                   details, "This work was supported by NSFC (32030063).", "Also by MOST.", "01928651", "16222654",
                   "English", "J. Comput. Chem.", "Article", "2-s2.0-27344436659"]
        let events = S.parse(ScopusParser(file: "old.csv"), rows: [Self.oldHeader, row])
        let p = try #require(S.papers(events).first)
        #expect(p.source == .scopus)
        #expect(p.eid == "2-s2.0-27344436659")
        #expect(p.pmid == "16222654")
        #expect(p.doi == "10.1002/jcc.20289")
        #expect(p.title == "Scalable molecular dynamics")
        #expect(p.journal == "Journal of Computational Chemistry")
        #expect(p.journalAbbreviations == ["J. Comput. Chem."])
        #expect(p.issn == "0192-8651")
        #expect(p.year == 2005)
        #expect(p.documentType == "Article")
        #expect(p.language == "English")
        #expect(p.authors == ["Phillips J.C.", "Braun R.", "Kalé L."])
        #expect(p.addresses.count == 2)
        // Country names are normalised across sources: Scopus "United States" is WoS "USA".
        #expect(p.countries == ["USA", "China"])
        #expect(p.keywords == ["NAMD", "molecular dynamics", "Article", "Computer simulation"])
        #expect(p.abstract == nil)
        // Funding Details stays raw, no-break spaces included.
        #expect(p.funding == [FundingText(kind: .scopusDetails, text: details),
                              FundingText(kind: .scopusText, text: "This work was supported by NSFC (32030063)."),
                              FundingText(kind: .scopusText, text: "Also by MOST.")])
        #expect(p.provenance == Provenance(file: "old.csv", record: 1, line: 2))
    }

    @Test func layout2023() throws {
        let row = ["Hao J.; High R.", "Hao, Jie (57221302630); High, Robin (6701683718)", "1; 2", "A study", "2023",
                   "Ergonomics", "10.1080/x", "University of Nebraska Medical Center, Omaha, NE, United States",
                   "An abstract.", "gait", "",
                   "National Natural Science Foundation of China, NSFC, (71662004, 71872055); Clinical Center",
                   "Funding text 1: Supported by NSFC (Grant No. 71662004; 71872055). ; Funding text 2: We thank X. ",
                   "00140139", "35965444", "English", "Ergonomics", "Article", "2-s2.0-85136453267"]
        let p = try #require(S.papers(S.parse(ScopusParser(file: "new.csv"), rows: [Self.newHeader, row])).first)
        #expect(p.authors == ["Hao, Jie", "High, Robin"])
        #expect(p.issn == "0014-0139")
        #expect(p.countries == ["USA"])
        #expect(p.funding == [
            FundingText(kind: .scopusDetails,
                        text: "National Natural Science Foundation of China, NSFC, (71662004, 71872055); Clinical Center"),
            FundingText(kind: .scopusText, text: "Supported by NSFC (Grant No. 71662004; 71872055)."),
            FundingText(kind: .scopusText, text: "We thank X."),
        ])
    }

    /// Older exports name fewer `Funding Text n` columns than later rows carry (the real scopus.csv does this).
    @Test func surplusFundingTextColumnsAreRead() throws {
        var row = Array(repeating: "", count: Self.oldHeader.count + 2)
        row[2] = "Title"
        row[12] = "Text one."
        row[13] = "Text two."
        row[14] = "Text three."
        row[15] = "Text one."
        row[16] = "00280836"
        row[row.count - 1] = "2-s2.0-1"
        let p = try #require(S.papers(S.parse(ScopusParser(file: "x"), rows: [Self.oldHeader, row])).first)
        #expect(p.funding.map(\.text) == ["Text one.", "Text two.", "Text three."])
        #expect(p.issn == "0028-0836")
        #expect(p.eid == "2-s2.0-1")
    }

    @Test func rowWithAWrongFieldCountIsRejected() {
        let events = S.parse(ScopusParser(file: "x.csv"), rows: [Self.newHeader, ["only", "three", "fields"]])
        #expect(S.papers(events).isEmpty)
        #expect(S.rejects(events).map(\.line) == [2])
    }

    @Test(arguments: [
        ("plain text without labels", ["plain text without labels"]),
        ("Funding text 1: A; B; Funding text 2: C", ["A; B", "C"]),
    ])
    func fundingTextsSplit(input: String, expected: [String]) {
        let row = ["a", "", "", "T", "2023", "", "", "", "", "", "", "", input, "", "", "", "", "", "e"]
        let p = S.papers(S.parse(ScopusParser(file: "x"), rows: [Self.newHeader, row])).first
        #expect(p?.funding.map(\.text) == expected)
    }

    @Test(.enabled(if: PaperTestSupport.hasSharedData), arguments: ["scopus/scopus.csv", "scopus/scopus_v2_2023.csv"])
    func realFiles(path: String) throws {
        let rows = S.csvRows(try S.text(of: S.sharedFile(path)))
        let expected = rows.dropFirst().filter { $0.contains { $0.hasPrefix("2-s2.0-") } }.count
        let events = S.parse(ScopusParser(file: path), rows: rows)
        let papers = S.papers(events)
        #expect(expected > 0)
        #expect(papers.count == expected)
        #expect(S.rejects(events).isEmpty)
        #expect(papers.allSatisfy { $0.eid?.hasPrefix("2-s2.0-") == true && !$0.title.isEmpty })
        #expect(papers.allSatisfy { $0.issn == nil || $0.issn?.count == 9 })
        let withDetails = papers.filter { $0.funding.contains { $0.kind == .scopusDetails } }.count
        #expect(withDetails == rows.dropFirst().filter { row in
            guard let i = rows[0].firstIndex(of: "Funding Details"), i < row.count else { return false }
            return !row[i].isEmpty
        }.count)
        #expect(papers.allSatisfy { $0.year.map { (1950...2030).contains($0) } == true })
        #expect(papers.allSatisfy { $0.language?.isEmpty == false })
        #expect(papers.allSatisfy { $0.authors.allSatisfy { !$0.hasSuffix(")") } })
    }
}
