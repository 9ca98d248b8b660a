/// A Nature Index journal list and the publication years it is in force for.
public struct NatureIndexList: Hashable, Codable, Sendable {
    public var name: String
    /// First publication year the list applies to.
    public var fromYear: Int
    /// Last publication year, or nil while no newer list replaces it.
    public var toYear: Int?
    /// Number of journals on the list.
    public var count: Int

    public init(name: String, fromYear: Int, toYear: Int?, count: Int) {
        self.name = name
        self.fromYear = fromYear
        self.toYear = toYear
        self.count = count
    }
}
