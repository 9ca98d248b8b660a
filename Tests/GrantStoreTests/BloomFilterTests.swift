import Testing
@testable import GrantStore

@Suite struct BloomFilterTests {
    /// Every string added is found, across the levels it grows (the first holds 100k), and few others are.
    @Test func findsEveryStringAddedAndFewOthers() {
        var filter = BloomFilter()
        let added = 450_000
        for i in 0..<added { filter.insert("10.1000/\(i)", tag: 1) }
        #expect((0..<added).allSatisfy { filter.mayContain("10.1000/\($0)", tag: 1) })
        let others = (added..<added + 100_000).filter { filter.mayContain("10.1000/\($0)", tag: 1) }.count
        #expect(others < 4_000, "\(others) of 100,000 strings never added were reported")
    }

    /// The tag keeps kinds apart: a PMID is not found because a DOI of the same text was added.
    @Test func theTagSeparatesKinds() {
        var filter = BloomFilter()
        for i in 0..<1_000 { filter.insert("\(i)", tag: 1) }
        let crossed = (0..<1_000).filter { filter.mayContain("\($0)", tag: 4) }.count
        #expect(crossed < 40)
    }
}
