/// One grant with its linked outputs.
public struct GrantOutputRow: Hashable, Sendable {
    public var number: String
    public var title: String
    public var pi: String
    public var institution: String
    public var department: String
    public var year: Int
    public var amountYuan: Int64?
    public var papers: Int
    public var niPapers: Int
    /// Publication year of the first and last linked paper.
    public var firstYear: Int?
    public var lastYear: Int?

    public init(number: String, title: String, pi: String, institution: String, department: String, year: Int,
                amountYuan: Int64?, papers: Int, niPapers: Int, firstYear: Int?, lastYear: Int?)
    {
        self.number = number
        self.title = title
        self.pi = pi
        self.institution = institution
        self.department = department
        self.year = year
        self.amountYuan = amountYuan
        self.papers = papers
        self.niPapers = niPapers
        self.firstYear = firstYear
        self.lastYear = lastYear
    }
}
