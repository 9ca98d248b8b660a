import GrantLink
import GrantModel
import Testing

@Suite struct LinkDeciderTests {
    @Test func nearMissesAreEverySubstitutionAdjacentSwapAndRestoredU() {
        let misses = LinkDecider.nearMisses(of: "81871234")
        // 8 digits × 9 substitutions, and 7 adjacent pairs that differ.
        #expect(misses.count == 8 * 9 + 7)
        #expect(Set(misses).count == misses.count)
        #expect(misses.contains("81871243"))  // swap
        #expect(misses.contains("91871234"))  // substitution
        #expect(!misses.contains("81871234"))
        #expect(LinkDecider.nearMisses(of: "1504701").contains("U1504701"))
        #expect(!LinkDecider.nearMisses(of: "15047010").contains("U15047010"))
        // Letters are never substituted: 11 digits × 9, and the 12 of 13 adjacent pairs that differ (not "00").
        let keyRD = LinkDecider.nearMisses(of: "2016YFB0700101")
        #expect(keyRD.count == 11 * 9 + 12)
        #expect(keyRD.contains("2016FYB0700101"))
        #expect(!keyRD.contains { $0.contains("X") })
        // Normalisation never leaves a number that is not ASCII; such a string has no near misses.
        #expect(LinkDecider.nearMisses(of: "８１８７１２３４").isEmpty)
    }

    static let grants = [
        CandidateGrant(id: 1, number: "81871234", funder: .nsfc, pi: "张三", institution: "北京大学"),
        CandidateGrant(id: 2, number: "2016YFB0700100", funder: .nkrdpc, pi: "周九", institution: nil),
    ]

    static func evidence(_ id: Int64, _ funder: FunderID, _ number: String, kind: FundingText.Kind = .wosFX) -> MentionEvidence {
        MentionEvidence(id: id, mention: Mention(funder: funder, number: number, raw: number, start: 0, end: number.count,
                                                 funderText: funder == .nsfc ? "NSFC" : "", position: 1), kind: kind)
    }

    @Test func decidesEachConfidenceAndSkipsOtherFundersUnknownNumbers() {
        let decider = LinkDecider(lookup: { n in Self.grants.first { $0.number == n } })
        var asked = 0
        let decisions = decider.decide([
            Self.evidence(10, "provincial-nsf", "7232177"),  // a look-alike's number, not imported: nothing
            Self.evidence(11, .nsfc, "81871243"),  // a swap of 81871234, whose PI is an author: low
            Self.evidence(12, .nkrdpc, "2016YFB0700101"),  // a sub-project of an imported project: rolled up
        ]) {
            asked += 1
            return PaperPeople(authors: ["张三"], addresses: [])
        }
        #expect(asked == 1)
        #expect(decisions.map(\.grantId) == [1, 2])
        #expect(decisions[0].confidence == .low)
        #expect(decisions[0].evidence.contains("probable typo for 81871234 (two adjacent digits swapped); PI 张三 is an author"))
        #expect(decisions[1].confidence == .high)
        #expect(decisions[1].viaSubProject == "2016YFB0700101")

        let found = decider.decide([Self.evidence(13, "provincial-nsf", "81871234")]) { PaperPeople(authors: [], addresses: []) }
        #expect(found.map(\.confidence) == [.medium])  // an imported number credited to another funder
        #expect(found.first?.evidence.contains("not NSFC") == true)
    }
}
