/// A chart's data: one value per category (year) per series.
public struct Chart: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case stackedBar = "stacked-bar"
        case line
    }

    public struct Series: Hashable, Sendable {
        public var name: String
        /// One value per category, same order.
        public var values: [Double]
        /// The column of ``Chart/tableIndex``'s table holding these values (rows in category order), so XLSX
        /// charts can reference the data instead of copying it.
        public var tableColumn: Int?
        public init(name: String, values: [Double], tableColumn: Int? = nil) {
            self.name = name
            self.values = values
            self.tableColumn = tableColumn
        }
    }

    public var kind: Kind
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var categories: [String]
    public var series: [Series]
    /// The table this chart illustrates; HTML puts the two side by side.
    public var tableIndex: Int?

    public init(kind: Kind, title: String, xLabel: String, yLabel: String, categories: [String],
                series: [Series], tableIndex: Int? = nil)
    {
        self.kind = kind
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.categories = categories
        self.series = series
        self.tableIndex = tableIndex
    }
}
