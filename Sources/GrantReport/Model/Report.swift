/// A finished report: plain values that every renderer turns into one format.
public struct Report: Hashable, Sendable {
    /// Short machine name, e.g. `departments`; used for file and sheet names.
    public var name: String
    public var title: String
    public var context: ReportContext
    public var tables: [ReportTable]
    public var charts: [Chart]
    /// Formulas and caveats, printed under the tables in every format.
    public var notes: [String]

    public init(name: String, title: String, context: ReportContext, tables: [ReportTable], charts: [Chart] = [],
                notes: [String] = [])
    {
        self.name = name
        self.title = title
        self.context = context
        self.tables = tables
        self.charts = charts
        self.notes = notes
    }
}
