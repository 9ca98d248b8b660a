/// One grant number found in an acknowledgment text, attributed to a funder.
///
/// Offsets count Unicode scalars (code points) from the start of the text, end exclusive;
/// this is what Python's `str` indexing and JavaScript's `Array.from` give.
public struct Mention: Hashable, Codable, Sendable {
    /// `nsfc`, `nkrdpc`, or another recognised funder id (look-alikes such as `provincial-nsf`, `cpsf`).
    public var funder: FunderID
    /// The number in canonical form (see `String.normalizedGrantNumber`).
    public var number: String
    /// The number as written in the text.
    public var raw: String
    /// Start offset of `raw`, in Unicode scalars.
    public var start: Int
    /// End offset of `raw` (exclusive), in Unicode scalars.
    public var end: Int
    /// The funder name as written (`国家自然科学基金`, `NSFC`, …), empty when none was found.
    public var funderText: String
    /// 1-based order of this mention's funder among the funders named in the text.
    public var position: Int
    /// False when the string is credited to the funder but fits none of its number formats.
    public var valid: Bool
    /// Why the mention is invalid, or anything else worth telling (such as a dropped suffix).
    public var note: String?

    public init(funder: FunderID, number: String, raw: String, start: Int, end: Int, funderText: String,
                position: Int, valid: Bool = true, note: String? = nil)
    {
        self.funder = funder
        self.number = number
        self.raw = raw
        self.start = start
        self.end = end
        self.funderText = funderText
        self.position = position
        self.valid = valid
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case funder, number, raw, start, end, funderText = "funder_text", position, valid, note
    }
}

/// How sure a grant–paper link is.
public enum Confidence: String, Codable, Sendable, CaseIterable, Comparable {
    /// The number matches an imported grant and the funder context agrees.
    case high
    /// The number matches, but the funder context is missing or differs.
    case medium
    /// A near-miss (one digit substituted, two swapped, a dropped `U`) confirmed by the paper's authors or addresses.
    case low

    public var rank: Int {
        switch self {
        case .high: 3
        case .medium: 2
        case .low: 1
        }
    }
    public static func < (a: Confidence, b: Confidence) -> Bool { a.rank < b.rank }
}
