/// A paper's journal found on the Nature Index list in force for its year.
public struct NatureIndexMatch: Hashable, Codable, Sendable {
    /// How the journal was recognised, strongest first.
    public enum Method: String, Codable, Sendable, CaseIterable {
        case issn, eissn, name, abbreviation
    }

    public var journal: NatureIndexJournal
    public var method: Method
    /// Name of the list that matched (see `NatureIndexCatalog.lists()`).
    public var list: String

    public init(journal: NatureIndexJournal, method: Method, list: String) {
        self.journal = journal
        self.method = method
        self.list = list
    }
}
