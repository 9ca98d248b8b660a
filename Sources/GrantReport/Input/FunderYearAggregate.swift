/// Papers acknowledging one funder (or both) in one publication year.
public struct FunderYearAggregate: Hashable, Sendable {
    /// `"NSFC"`, `"National Key R&D"` or `"Both"`; other labels are kept and sorted after these.
    public var funder: String
    public var year: Int
    public var papers: Int
    public var natureIndexPapers: Int

    public init(funder: String, year: Int, papers: Int, natureIndexPapers: Int) {
        self.funder = funder
        self.year = year
        self.papers = papers
        self.natureIndexPapers = natureIndexPapers
    }

    public static let nsfc = "NSFC"
    public static let keyRD = "National Key R&D"
    public static let both = "Both"
}
