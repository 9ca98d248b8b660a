import Foundation

/// Where a report's numbers came from; printed in every format so a figure can be traced.
public struct ReportContext: Hashable, Sendable {
    public var title: String
    /// Injected (never `Date()` inside the module) so renders are byte-identical.
    public var generatedAt: Date
    public var dataSources: [String]
    public var filters: [String]
    public var fromYear: Int
    public var toYear: Int
    /// What is counted, e.g. `approval year` or `publication year`.
    public var countBy: String

    public init(title: String, generatedAt: Date, dataSources: [String] = [], filters: [String] = [],
                fromYear: Int, toYear: Int, countBy: String)
    {
        self.title = title
        self.generatedAt = generatedAt
        self.dataSources = dataSources
        self.filters = filters
        self.fromYear = fromYear
        self.toYear = toYear
        self.countBy = countBy
    }

    /// The years of the period, inclusive; empty when `fromYear > toYear`.
    public var years: [Int] { fromYear <= toYear ? Array(fromYear...toYear) : [] }

    /// `generatedAt` as ISO 8601 in UTC, e.g. `2024-05-01T08:00:00Z`.
    public var generatedAtISO: String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: generatedAt)
    }
}
