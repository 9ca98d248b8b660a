/// Roles a word plays in attributing numbers to funder names; see `Attribution`.
struct WordClass: OptionSet, Sendable {
    let rawValue: UInt8

    /// May sit between a funder name and its numbers (`under Grant Nos.`, programme words).
    static let glue = WordClass(rawValue: 1 << 0)
    /// Keeps consecutive numbers one list for `… from FUNDER` (`and`, `Grant`, `No.`).
    static let listGlue = WordClass(rawValue: 1 << 1)
    /// Introduces a funder named after its numbers (`from`, `supported by`).
    static let backward = WordClass(rawValue: 1 << 2)
    /// May sit between such a word and the funder name (`the`, `by`).
    static let backwardSkip = WordClass(rawValue: 1 << 3)

    /// The class of a lower-cased word: one dictionary lookup per word token.
    static func of(_ word: String) -> WordClass { table[word] ?? [] }

    private static let glueWords: [String] = [
        "grant", "grants", "grand", "no", "nos", "nr", "num", "number", "numbers", "award", "awards", "project",
        "projects", "program", "programs", "programme", "programmes", "under", "and", "or", "to", "the", "a", "an",
        "with", "approval", "approved", "code", "projectcode", "contract", "id", "ref", "in", "part", "partly", "of",
        "for", "key", "general", "youth", "young", "joint", "fund", "funds", "funding", "plan", "major", "research",
        "excellent", "distinguished", "outstanding", "scientists", "scientist", "scholars", "scholar", "innovative",
        "groups", "group", "creative", "basic", "science", "sciences", "center", "centre", "international",
        "cooperation", "collaboration", "exchange", "regional", "special", "emergency", "management", "talent",
        "talents", "team", "teams", "china", "chinese", "p", "r", "prc", "pr", "also", "respectively", "sub",
        "subproject", "subject", "item", "items", "as", "well", "surface", "facing", "s", "supported", "number's",
        "nsfc", "state", "program's", "frontier", "frontiers", "area", "areas", "applied", "pilot", "instrument",
        "instruments", "development", "innovation", "integration", "fostering", "incubation", "cultivation", "d",
    ]
    private static let listGlueWords = ["and", "or", "grant", "grants", "no", "nos", "number", "numbers", "award", "awards"]
    private static let backwardWords = [
        "from", "by", "supported", "funded", "sponsored", "financed", "provided", "granted", "awarded", "given",
    ]
    private static let backwardSkipWords = backwardWords + [
        "the", "a", "an", "jointly", "partly", "partially", "also", "in", "part", "grant", "grants",
    ]

    private static let table: [String: WordClass] = {
        var t: [String: WordClass] = [:]
        for w in glueWords { t[w, default: []].insert(.glue) }
        for w in listGlueWords { t[w, default: []].insert(.listGlue) }
        for w in backwardWords { t[w, default: []].insert(.backward) }
        for w in backwardSkipWords { t[w, default: []].insert(.backwardSkip) }
        return t
    }()
}
