/// Sums over every grant a per-grant output report selects, for a report that shows only the first of them.
public struct GrantOutputTotals: Sendable, Equatable {
    public var grants: Int
    /// The sum of the known amounts, and how many amounts are known.
    public var amountYuan: Int64
    public var amountsKnown: Int
    public var papers: Int
    public var niPapers: Int

    public init(grants: Int, amountYuan: Int64, amountsKnown: Int, papers: Int, niPapers: Int) {
        (self.grants, self.amountYuan, self.amountsKnown) = (grants, amountYuan, amountsKnown)
        (self.papers, self.niPapers) = (papers, niPapers)
    }
}
