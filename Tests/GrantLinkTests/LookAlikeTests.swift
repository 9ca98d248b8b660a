import Testing
import GrantLink
import GrantModel

/// Programmes that resemble NSFC or Key R&D must not be credited to them.
@Suite struct LookAlikeTests {
    @Test(arguments: [
        ("Natural Science Foundation of Jiangsu Province (BK20211170)", "provincial-nsf"),
        ("Shandong Provincial Natural Science Foundation (ZR2019MC060)", "provincial-nsf"),
        ("Beijing Natural Science Foundation (7232177)", "provincial-nsf"),
        ("the Natural Science Foundation of Hunan Province (2021JJ40864)", "provincial-nsf"),
        ("Zhejiang Provincial Natural Science Foundation of China (LY17C060003)", "provincial-nsf"),
        ("Natural Science Foundation of Guangdong Province (2019A1515011773)", "provincial-nsf"),
        ("江苏省自然科学基金(BK20211170)", "provincial-nsf"),
        ("Key R&D Program of Zhejiang Province (2020C04010)", "provincial-rd"),
        ("Shaanxi Provincial Key Research and Development Program (2021KWZ-02)", "provincial-rd"),
        ("China Postdoctoral Science Foundation (2019M650859)", "cpsf"),
        ("Fundamental Research Funds for the Central Universities (DUT10JS03)", "central-universities"),
        ("National Basic Research Program of China (2011CB302705)", "973"),
        ("the 973 Program (2012CB316200)", "973"),
        ("National High Technology Research and Development Program of China (2012AA02A616)", "863"),
        ("National Key Technology R&D Program (2012BAI34B01)", "key-tech-rd"),
        ("STI 2030-Major Projects (2021ZD0200204)", "sti2030"),
        ("National Science and Technology Major Project (2018ZX10723204)", "major-project"),
        ("National Social Science Foundation of China (17ADJ001)", "nssfc"),
        ("国家社会科学基金(22BSH093)", "nssfc"),
        ("Humanities and Social Sciences Foundation of the Ministry of Education (15YJC630097)", "moe-humanities"),
        ("Strategic Priority Research Program of the Chinese Academy of Sciences (XDB32040200)", "cas"),
    ])
    func lookAlikeIsNotCredited(text: String, funder: String) throws {
        let ms = AcknowledgmentExtractor().extract(text)
        #expect(credited(text).isEmpty)
        let m = try #require(ms.first)
        #expect(m.funder.rawValue == funder)
    }

    @Test func neighbouringLookAlikesKeepTheirNumbers() {
        let text = "Supported by the National Natural Science Foundation of China (81871234), the Natural Science Foundation of Jiangsu Province (BK20211170, 81871299) and the China Scholarship Council (201806475007)."
        #expect(credited(text) == ["nsfc:81871234"])
    }

    @Test func foreignCodesAfterNSFCAreNotCredited() {
        #expect(credited("Supported by the NSFC (No. 61902032), NSF (IIS-1524782) and EPSRC (EP-12345678).")
                == ["nsfc:61902032"])
        #expect(credited("NSFC-81871234") == ["nsfc:81871234"])
    }

    @Test func usNationalScienceFoundationIsNotNSFC() {
        #expect(credited("supported by the National Science Foundation under Grant 61234567") == [])
        #expect(credited("the US National Science Foundation (61234567)") == [])
    }

    @Test func lookAlikeFormatUnderNSFCIsReassigned() throws {
        let ms = AcknowledgmentExtractor().extract("the National Natural Science Foundation of China (2011CBA00108)")
        let m = try #require(ms.first)
        #expect(m.funder.rawValue == "973")
        #expect(m.note != nil)
    }

    @Test func keyRDFormatWinsWhateverTheName() {
        #expect(credited("the 863 Program (2016YFB0700100)") == ["nkrdpc:2016YFB0700100"])
        #expect(credited("Key Technology Research and Development Program of China 2019YFE0196800") == ["nkrdpc:2019YFE0196800"])
        #expect(credited("Shanghai Sailing Program (19YF1403600)") == [])
        #expect(credited("Sichuan Science and Technology Program (2020YFG0289)") == [])
    }

    @Test func malformedNumbersAreReportedInvalid() throws {
        let nsfc = AcknowledgmentExtractor().extract("NSFC (3187131721)")
        #expect(nsfc.map(\.funder) == [.nsfc])
        #expect(nsfc.first?.valid == false)
        #expect(nsfc.first?.note != nil)
        let krd = AcknowledgmentExtractor().extract("the National Key R&D Program of China (2018AAA0100704, 2013CB036401)")
        #expect(krd.map(\.funder) == [.nkrdpc, .nkrdpc])
        #expect(krd.allSatisfy { !$0.valid })
        let valid = AcknowledgmentExtractor().extract("NSFC (81871234)")
        #expect(valid.first?.valid == true)
    }
}
