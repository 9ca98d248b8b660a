import Foundation
import Testing
import GrantModel
@testable import GrantStore

@Suite struct GrantIndexTests {
    static func grant(_ id: Int64, _ number: String) -> CandidateGrant {
        CandidateGrant(id: id, number: number, funder: .nsfc, pi: "张三", institution: "Univ \(id % 7)")
    }

    @Test func findsEveryGrantAddedAndNothingElse() {
        var index = GrantIndex()
        index.reserve(3)  // far fewer than arrive
        var numbers: [String] = []
        for i in 0..<30_000 {
            numbers.append(i % 3 == 0 ? "2016YFA\(String(format: "%07d", i))" : String(81_000_000 + i * 7))
        }
        for (i, n) in numbers.enumerated() { index.add(Self.grant(Int64(i), n)) }
        for (i, n) in numbers.enumerated() {
            #expect(index[n]?.id == Int64(i), "\(n)")
            #expect(index[n]?.institution == "Univ \(i % 7)")
        }
        // Near misses and other shapes are absent; so is the empty string.
        for n in ["81000001", "81000008", "2016YFA0000001", "", "U1234567", "810000000"] {
            #expect(index[n] == nil, "\(n)")
        }
    }

    @Test func aNumberAddedAgainReplacesTheFirst() {
        var index = GrantIndex()
        index.add(Self.grant(1, "81871234"))
        index.add(Self.grant(2, "81871235"))
        index.add(Self.grant(3, "81871234"))
        #expect(index["81871234"]?.id == 3)
        #expect(index["81871235"]?.id == 2)
    }
}
