/// Grants and their outputs for one department in one approval year, as produced by the store's SQL.
///
/// Lags are passed raw (one entry per linked paper: publication year − approval year) rather than as a
/// pre-computed median, because medians cannot be combined: the report needs the median over the whole
/// period per department and over all departments, which only the pooled raw values give.
public struct DepartmentYearAggregate: Hashable, Sendable {
    /// Department label as it should appear in the report, e.g. `H 医学科学部 Medical Sciences`.
    public var department: String
    /// Approval year (批准年份).
    public var year: Int
    public var grants: Int
    /// Sum of the known approved amounts, in yuan.
    public var amountYuan: Int64
    /// Papers linked to these grants (counted once per department-year by the producer).
    public var linkedPapers: Int
    public var natureIndexPapers: Int
    /// Approval→publication lag in whole years, one value per linked paper.
    public var lagYears: [Int]

    public init(department: String, year: Int, grants: Int, amountYuan: Int64 = 0, linkedPapers: Int = 0,
                natureIndexPapers: Int = 0, lagYears: [Int] = [])
    {
        self.department = department
        self.year = year
        self.grants = grants
        self.amountYuan = amountYuan
        self.linkedPapers = linkedPapers
        self.natureIndexPapers = natureIndexPapers
        self.lagYears = lagYears
    }
}
