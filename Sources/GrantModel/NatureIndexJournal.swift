/// One journal of a Nature Index list.
public struct NatureIndexJournal: Hashable, Codable, Sendable {
    public var name: String
    /// Print ISSN, `NNNN-NNNX`.
    public var issn: String?
    /// Electronic ISSN, `NNNN-NNNX`.
    public var eissn: String?
    public var subject: String?

    public init(name: String, issn: String? = nil, eissn: String? = nil, subject: String? = nil) {
        self.name = name
        self.issn = issn
        self.eissn = eissn
        self.subject = subject
    }
}
