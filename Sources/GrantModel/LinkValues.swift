// Values passed between the store and the linker.

/// An imported grant as the linker sees it.
public struct CandidateGrant: Hashable, Sendable {
    public var id: Int64
    public var number: String
    public var funder: FunderID
    public var pi: String?
    public var institution: String?
    public var isPlaceholder: Bool

    public init(id: Int64, number: String, funder: FunderID, pi: String?, institution: String?, isPlaceholder: Bool = false) {
        self.id = id
        self.number = number
        self.funder = funder
        self.pi = pi
        self.institution = institution
        self.isPlaceholder = isPlaceholder
    }
}

/// A stored mention with the field it was found in.
public struct MentionEvidence: Sendable {
    public var id: Int64
    public var mention: Mention
    public var kind: FundingText.Kind

    public init(id: Int64, mention: Mention, kind: FundingText.Kind) {
        self.id = id
        self.mention = mention
        self.kind = kind
    }
}

/// A paper's authors and addresses, which can confirm a near-miss number.
public struct PaperPeople: Sendable {
    public var authors: [String]
    public var addresses: [String]

    public init(authors: [String], addresses: [String]) {
        self.authors = authors
        self.addresses = addresses
    }
}

/// One grant–paper link with its confidence and the evidence behind it.
public struct LinkDecision: Hashable, Sendable {
    public var grantId: Int64
    public var mentionId: Int64
    public var confidence: Confidence
    public var evidence: String
    /// Set when the link is a Key R&D roll-up from the sub-project cited.
    public var viaSubProject: String?

    public init(grantId: Int64, mentionId: Int64, confidence: Confidence, evidence: String, viaSubProject: String? = nil) {
        self.grantId = grantId
        self.mentionId = mentionId
        self.confidence = confidence
        self.evidence = evidence
        self.viaSubProject = viaSubProject
    }
}

