import Foundation
import GrantImport
import GrantModel
import Testing

@Suite struct WoSTaggedParserTests {
    typealias S = PaperTestSupport

    @Test func threeRecordsMapEveryField() throws {
        let events = S.parse(WoSTaggedParser(file: "wos-3records.txt"), try S.fixture("wos-3records.txt"))
        let papers = S.papers(events)
        #expect(S.rejects(events).isEmpty)
        #expect(S.warnings(events).isEmpty)
        try #require(papers.count == 3)
        let p = papers[0]
        #expect(p.source == .wos)
        #expect(p.ut == "WOS:000620000000001")
        #expect(p.doi == "10.1038/s41586-021-00001-1")
        #expect(p.pmid == "33658691")
        #expect(p.title == "Graphene oxide membranes for ion sieving at room temperature: a systematic study")
        #expect(p.journal == "NATURE")
        #expect(p.journalAbbreviations == ["NATURE", "Nature"])
        #expect(p.issn == "0028-0836")
        #expect(p.eissn == "1476-4687")
        #expect(p.year == 2021)
        #expect(p.documentType == "Article")
        #expect(p.language == "English")
        #expect(p.authors == ["Li, Wei", "Zhang, Shu-Fang"])
        #expect(p.addresses == ["Tsinghua Univ, Dept Chem, Beijing 100084, Peoples R China",
                                "Univ Calif Berkeley, Berkeley, CA 94720 USA"])
        #expect(p.countries == ["China", "USA"])
        #expect(p.keywords == ["graphene oxide", "ion sieving", "membranes", "TRANSPORT", "WATER"])
        #expect(p.abstract == "We report a membrane.")
        #expect(p.provenance == Provenance(file: "wos-3records.txt", record: 1, line: 3))
    }

    @Test func fundingSurvivesByteForByteApartFromRejoining() throws {
        let papers = S.papers(S.parse(WoSTaggedParser(file: "f"), try S.fixture("wos-3records.txt")))
        try #require(papers.count == 3)
        #expect(papers[0].funding == [
            FundingText(kind: .wosFU, text: "National Natural Science Foundation of China (NSFC) [21474044, 21674044]; "
                + "Fundamental Research Funds for the Central Universities [lzujbky-2015-k04]; PolyU [153015/ 14P]"),
            // The double space inside the line is the authors' and must stay.
            FundingText(kind: .wosFX, text: "This work was supported by the National Natural Science Foundation of "
                + "China (Grant Nos. 21474044 and 21674044) and the  Fundamental Research Funds (lzujbky-2015-k04)."),
        ])
        #expect(papers[1].funding == [FundingText(kind: .wosFX, text: "None.")])
        #expect(papers[2].funding.isEmpty)
    }

    @Test func yearFallsBackToEarlyAccessAndOldAddressesNormalise() throws {
        let papers = S.papers(S.parse(WoSTaggedParser(file: "f"), try S.fixture("wos-3records.txt")))
        try #require(papers.count == 3)
        #expect(papers[1].year == 2022)
        #expect(papers[1].journal == "PROCEEDINGS OF THE NATIONAL ACADEMY OF SCIENCES OF THE UNITED STATES OF AMERICA")
        #expect(papers[1].authors == ["Chen, Xia"])
        #expect(papers[1].countries == ["Germany"])
        #expect(papers[1].eissn == nil)
        // AU is used when AF is missing; the unknown ZZ tag is ignored.
        #expect(papers[2].authors == ["WANG, Y"])
        #expect(papers[2].countries == ["China"])
        #expect(papers[2].year == 1995)
        #expect(papers[2].provenance.record == 3)
    }

    @Test func crlfGivesTheSameRecords() throws {
        let lf = try S.fixture("wos-3records.txt")
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(crlf != lf)
        let a = S.papers(S.parse(WoSTaggedParser(file: "f"), lf))
        let b = S.papers(S.parse(WoSTaggedParser(file: "f"), crlf))
        #expect(a.count == 3)
        #expect(a == b)
    }

    @Test func byteFeedMatchesSubstringFeed() throws {
        let text = try S.fixture("wos-3records.txt") + (try S.fixture("wos-truncated.txt"))
        let viaLines = S.parse(WoSTaggedParser(file: "f"), text)
        var parser = WoSTaggedParser(file: "f")
        var viaBytes: [PaperEvent] = []
        for (i, line) in S.lines(text).enumerated() {
            let bytes = Array(line.utf8)
            bytes.withUnsafeBufferPointer { parser.feed(utf8: $0, number: i + 1) { viaBytes.append($0) } }
        }
        parser.finish { viaBytes.append($0) }
        #expect(S.papers(viaBytes) == S.papers(viaLines))
        #expect(S.rejects(viaBytes) == S.rejects(viaLines))
        #expect(S.papers(viaBytes).count == 5)
    }

    @Test func severalFNBlocks() throws {
        let events = S.parse(WoSTaggedParser(file: "two.txt"), try S.fixture("wos-2blocks.txt"))
        let papers = S.papers(events)
        #expect(papers.map(\.title) == ["First block record", "Second block record"])
        #expect(papers.map(\.provenance.record) == [1, 2])
        #expect(papers.map(\.provenance.line) == [3, 14])
        #expect(S.rejects(events).isEmpty)
        #expect(S.warnings(events).isEmpty)
    }

    @Test func truncatedAndMalformedRecordsAreRejectedAndParsingGoesOn() throws {
        let events = S.parse(WoSTaggedParser(file: "cut.txt"), try S.fixture("wos-truncated.txt"))
        #expect(S.papers(events).map(\.ut) == ["WOS:000000000000021", "WOS:000000000000024"])
        let rejects = S.rejects(events)
        try #require(rejects.count == 3)
        #expect(rejects[0].record == 2)
        #expect(rejects[0].line == 10)
        #expect(rejects[0].reason.contains("no ER before the next PT"))
        #expect(rejects[0].raw.hasPrefix("PT J\nAU Cut, B\n"))
        #expect(rejects[1].record == 3)
        #expect(rejects[1].line == 16)
        #expect(rejects[1].reason.contains("line 17"))
        #expect(rejects[1].raw.contains("AUBroken, C"))
        #expect(rejects[2].record == 5)
        #expect(rejects[2].reason.contains("end of file"))
        #expect(rejects.allSatisfy { $0.file == "cut.txt" })
        // The file also lacks its closing EF.
        #expect(S.warnings(events).count == 1)
    }

    @Test func rawTextOfARejectIsCapped() {
        var text = "PT J\nTI x\nAB " + String(repeating: "long abstract ", count: 400) + "\n"
        text += "XX\u{1}bad line\n"
        let events = S.parse(WoSTaggedParser(file: "f"), text)
        let rejects = S.rejects(events)
        try? #require(rejects.count == 1)
        #expect(rejects.first.map { $0.raw.utf8.count <= PaperReject.rawLimit } == true)
    }

    // MARK: - Real files

    static let taggedFiles = [
        "wos/wos_plaintext.txt", "wos/bit-pattern-savedrecs.txt", "wos/chinese-heavy-500.txt", "wos/mixed-1000.txt",
        "wos/citespace-3.txt", "wos/citespace-5.txt", "wos/citespace-6.txt", "wos/citespace-12.txt",
    ]

    @Test(.enabled(if: PaperTestSupport.hasSharedData), arguments: taggedFiles)
    func realFileRecordCount(path: String) throws {
        let text = try S.text(of: S.sharedFile(path))
        let expected = S.count(linesStartingWith: "ER", in: text)
        let events = S.parse(WoSTaggedParser(file: path), text)
        #expect(expected > 0)
        #expect(S.papers(events).count == expected)
        #expect(S.rejects(events).isEmpty)
        #expect(S.warnings(events).isEmpty)
        // Every record has an accession number and most carry funding text in these files.
        #expect(S.papers(events).allSatisfy { $0.ut?.hasPrefix("WOS:") == true })
    }

    @Test(.enabled(if: PaperTestSupport.hasSharedData))
    func chineseHeavyFileHasFundingAndChina() throws {
        let text = try S.text(of: S.sharedFile("wos/chinese-heavy-500.txt"))
        let papers = S.papers(S.parse(WoSTaggedParser(file: "c"), text))
        let withFX = papers.filter { $0.funding.contains { $0.kind == .wosFX } }.count
        #expect(withFX == S.count(linesStartingWith: "FX ", in: text))
        #expect(papers.filter { $0.countries.contains("China") }.count > 250)
        #expect(papers.allSatisfy { !$0.countries.contains { $0.localizedCaseInsensitiveContains("peoples") } })
    }

    /// metaknowledge's test file holds one record with a malformed `AUGilles, H` line (no space after the tag).
    @Test(.enabled(if: PaperTestSupport.hasSharedData))
    func metaknowledgeTestFileRejectsItsMalformedRecord() throws {
        let text = try S.text(of: S.sharedFile("wos/metaknowledge-testFile.isi"))
        let events = S.parse(WoSTaggedParser(file: "mk"), text)
        let rejects = S.rejects(events)
        #expect(S.papers(events).count == S.count(linesStartingWith: "ER", in: text) - 1)
        try #require(rejects.count == 1)
        #expect(rejects[0].raw.contains("AUGilles, H"))
        #expect(rejects[0].reason.contains("line 416"))
        #expect(S.warnings(events).isEmpty)
    }

    /// malformed-badFile.isi is the metaknowledge file with two records (including the malformed one) removed and
    /// its closing `EF` missing: every record parses, and the missing `EF` is reported as a warning.
    @Test(.enabled(if: PaperTestSupport.hasSharedData))
    func badFileIsReportedNotCrashed() throws {
        let text = try S.text(of: S.sharedFile("wos/malformed-badFile.isi"))
        let events = S.parse(WoSTaggedParser(file: "bad"), text)
        #expect(S.papers(events).count == S.count(linesStartingWith: "ER", in: text))
        #expect(S.rejects(events).isEmpty)
        let warnings = S.warnings(events)
        try #require(warnings.count == 1)
        #expect(warnings[0].reason.contains("EF"))
        #expect(warnings[0].file == "bad")
    }
}
