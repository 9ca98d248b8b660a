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

    /// Can start a funder name (`Foundation`, `R&D`, `Ministry`, `NSFC`…); other words skip recognition.
    static let anchor = WordClass(rawValue: 1 << 4)

    /// The class of a lower-cased word.
    static func of(_ word: String) -> WordClass { lookup(hash: fnv1a(word.utf8)) }

    /// FNV-1a over lower-cased ASCII bytes; the tokenizer computes it while scanning a word.
    static func fnv1a<S: Sequence<UInt8>>(_ bytes: S) -> UInt64 {
        var h = fnvOffset
        for b in bytes { h = fnvStep(h, b) }
        return h
    }

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func fnvStep(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* 0x100_0000_01b3 }

    /// The class of the word with this FNV-1a hash. An open-addressing table of 64-bit hashes is much
    /// cheaper than hashing a `String` per word; a false match would need a 64-bit hash collision.
    static func lookup(hash: UInt64) -> WordClass {
        var slot = Int(truncatingIfNeeded: hash >> 3) & slotMask
        while true {
            let key = keys[slot]
            if key == hash { return classes[slot] }
            if key == 0 { return [] }
            slot = (slot + 1) & slotMask
        }
    }

    private static let slotMask = 1023
    private static let (keys, classes): ([UInt64], [WordClass]) = {
        var keys = [UInt64](repeating: 0, count: slotMask + 1)
        var classes = [WordClass](repeating: [], count: slotMask + 1)
        for (word, c) in table {
            let h = fnv1a(word.utf8)
            var slot = Int(truncatingIfNeeded: h >> 3) & slotMask
            while keys[slot] != 0 && keys[slot] != h { slot = (slot + 1) & slotMask }
            keys[slot] = h
            classes[slot].formUnion(c)
        }
        return (keys, classes)
    }()

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

    /// Head words and acronyms `FunderRecognizer` dispatches on.
    static let anchorWords = [
        "foundation", "foundations", "fund", "funds", "rd", "research", "ministry", "fundamental", "academy",
        "strategic", "support", "scholarship", "major", "nsfc", "nnsfc", "nsfcs", "most", "cas", "cpsf", "nssfc",
        "nsf", "sti",
    ]

    private static let table: [String: WordClass] = {
        var t: [String: WordClass] = [:]
        for w in anchorWords { t[w, default: []].insert(.anchor) }
        for w in glueWords { t[w, default: []].insert(.glue) }
        for w in listGlueWords { t[w, default: []].insert(.listGlue) }
        for w in backwardWords { t[w, default: []].insert(.backward) }
        for w in backwardSkipWords { t[w, default: []].insert(.backwardSkip) }
        return t
    }()
}
