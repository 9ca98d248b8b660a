/// One `TopicRule` compiled for fast matching: distinct normalized terms, the groups as term indices, and a
/// table from the first two bytes of a term to the terms starting with them.
///
/// Matching is one pass over the normalized text; at each byte only the terms sharing the next two bytes are
/// compared, so the cost hardly grows with the number of terms.
struct TopicMatcher: Sendable {
    /// Normalized terms (see `TopicText`), each at least two bytes long.
    let terms: [[UInt8]]
    /// Whether a term must stand alone (no ASCII letter or digit on either side).
    let wholeWord: [Bool]
    /// Per group, the indices of its terms; every group needs one hit.
    let groups: [[Int]]
    /// Term indices whose presence rejects the text.
    let excluded: Set<Int>
    /// For each term, the groups it belongs to.
    let groupsOfTerm: [[Int]]
    /// `bucketStart[k]..<bucketStart[k + 1]` indexes `bucketTerms` for terms whose first two bytes are `k`.
    let bucketStart: [Int32]
    let bucketTerms: [Int32]

    /// Short ASCII terms such as `AI` or `ML` only match as whole words: as substrings they hit `Shanghai`,
    /// `email`, `html`. Longer terms match anywhere, like CJK terms do (`medical` in `biomedical`, as 医学 in 生物医学).
    static let wholeWordMaxLength = 3

    /// Compiles a rule whose `@list` references are already expanded.
    init(groups rawGroups: [[String]], none: [String]) {
        var index: [[UInt8]: Int] = [:]
        var terms: [[UInt8]] = []
        func id(_ term: String) -> Int {
            let bytes = TopicText.normalized(term)
            if let i = index[bytes] { return i }
            index[bytes] = terms.count
            terms.append(bytes)
            return terms.count - 1
        }
        let groups = rawGroups.map { Array(Set($0.map(id))).sorted() }
        let excluded = Set(none.map(id))
        self.terms = terms
        self.groups = groups
        self.excluded = excluded
        wholeWord = terms.map { t in t.count <= Self.wholeWordMaxLength && t.allSatisfy(TopicText.isWordByte) }
        var groupsOfTerm = [[Int]](repeating: [], count: terms.count)
        for (g, members) in groups.enumerated() {
            for t in members { groupsOfTerm[t].append(g) }
        }
        self.groupsOfTerm = groupsOfTerm

        var counts = [Int32](repeating: 0, count: 65537)
        for t in terms { counts[Self.key(t[0], t[1]) + 1] += 1 }
        for k in 1..<counts.count { counts[k] += counts[k - 1] }
        var fill = counts
        var bucketTerms = [Int32](repeating: 0, count: terms.count)
        for (i, t) in terms.enumerated() {
            let k = Self.key(t[0], t[1])
            bucketTerms[Int(fill[k])] = Int32(i)
            fill[k] += 1
        }
        bucketStart = counts
        self.bucketTerms = bucketTerms
    }

    @inline(__always)
    static func key(_ a: UInt8, _ b: UInt8) -> Int { Int(a) << 8 | Int(b) }

    /// Whether normalized `text` satisfies every group and contains no excluded term.
    func matches(_ text: [UInt8]) -> Bool {
        let n = text.count
        guard n >= 2 else { return false }
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: terms.count + groups.count) { seen in
            seen.initialize(repeating: false)
            var groupsLeft = groups.count
            let canStopEarly = excluded.isEmpty
            return text.withUnsafeBufferPointer { hay in
                for i in 0..<(n - 1) {
                    let k = Self.key(hay[i], hay[i + 1])
                    let lo = Int(bucketStart[k])
                    let hi = Int(bucketStart[k + 1])
                    guard lo < hi else { continue }
                    for j in lo..<hi {
                        let t = Int(bucketTerms[j])
                        if seen[t] { continue }
                        let term = terms[t]
                        guard i + term.count <= n, Self.equal(hay, at: i, term) else { continue }
                        if wholeWord[t] {
                            if i > 0, TopicText.isWordByte(hay[i - 1]) { continue }
                            if i + term.count < n, TopicText.isWordByte(hay[i + term.count]) { continue }
                        }
                        if excluded.contains(t) { return false }
                        seen[t] = true
                        for g in groupsOfTerm[t] where !seen[terms.count + g] {
                            seen[terms.count + g] = true
                            groupsLeft -= 1
                        }
                        if groupsLeft == 0, canStopEarly { return true }
                    }
                }
                return groupsLeft == 0
            }
        }
    }

    @inline(__always)
    private static func equal(_ hay: UnsafeBufferPointer<UInt8>, at i: Int, _ term: [UInt8]) -> Bool {
        // The first two bytes already matched through the bucket key.
        var j = 2
        while j < term.count {
            if hay[i + j] != term[j] { return false }
            j += 1
        }
        return true
    }
}
