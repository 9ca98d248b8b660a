import GrantModel

/// Finds funder names in a token stream, left to right, without overlaps.
///
/// English names are recognised from their head word (`Foundation`, `R&D`, `Ministry`…) by looking a few
/// words left and right: a province or city word makes a look-alike (`Shandong Provincial Natural Science
/// Foundation`, `Key R&D Program of Zhejiang Province`), `of China` confirms a national funder.
struct FunderRecognizer {
    let tokens: [Token]
    let scalars: [Unicode.Scalar]

    func recognize() -> [FunderSpan] {
        var spans: [FunderSpan] = []
        var k = 0
        var floor = 0  // first token a new span may start at
        while k < tokens.count {
            if let span = recognize(at: k, floor: floor) {
                spans.append(span)
                floor = span.end
                k = max(span.end, k + 1)
            } else {
                k += 1
            }
        }
        return spans
    }

    // Word sets the recognisers consult (static, so none is built per token).
    static let fundWords: Set<String> = ["funds", "fund"]
    static let universityWords: Set<String> = ["universities", "university"]
    static let chineseWord: Set<String> = ["chinese"]
    static let scienceWords: Set<String> = ["sciences", "science"]
    static let programWords: Set<String> = ["program", "programme"]
    static let planWords: Set<String> = ["program", "programme", "plan", "project"]
    static let majorProjectWords: Set<String> = ["project", "projects", "program"]
    static let partnerConnectors: Set<String> = ["of", "the", "and", "for"]
    static let scienceAdjectives: Set<String> = ["science", "sciences", "scientific"]
    static let naturalWords: Set<String> = ["natural", "nature"]
    static let nationalWords: Set<String> = ["national", "state"]
    static let talentWords: Set<String> = ["young", "youth", "distinguished", "excellent", "outstanding"]
    static let keyProjectWords: Set<String> = ["project", "program", "programme"]
    static let sciTechWords: Set<String> = ["science", "technology", "and"]
    static let nationalKeyWords: Set<String> = ["national", "key"]
    static let basicResearchModifiers: Set<String> = ["national", "state", "key", "major"]
    static let rdHeadWords: Set<String> = ["program", "programme", "programs", "plan", "project", "projects",
                                           "foundation", "fund", "funds", "special", "key", "major"]
    static let rdModifiers: Set<String> = ["key", "national", "state", "high", "tech", "hightech", "hi", "basic",
                                           "technology", "technologies", "natural", "china", "chinese", "major"]
    static let tailStop: Set<String> = ["grant", "grants", "no", "nos", "number", "numbers", "under", "project",
                                        "projects", "award", "contract", "and", "national", "key"]
    static let tailConnectors: Set<String> = ["of", "the", "people's", "p", "r"]
    static let nationalOrMunicipal: Set<String> = FunderLexicon.regional.union(["national", "municipal"])

    // MARK: token helpers

    func word(_ k: Int) -> String? {
        k >= 0 && k < tokens.count && tokens[k].kind == .word ? tokens[k].text : nil
    }

    func isWord(_ k: Int, _ set: Set<String>) -> Bool {
        guard let w = word(k) else { return false }
        return set.contains(w)
    }

    /// `research and development`, `research & development`, `rd` at `k`: the index after it.
    func rdEnd(_ k: Int) -> Int? {
        guard let w = word(k) else { return nil }
        if w == "rd" { return k + 1 }
        if w == "research", word(k + 2) == "development",
            word(k + 1) == "and" || (k + 1 < tokens.count && tokens[k + 1].isPunct("&"))
        {
            return k + 3
        }
        return nil
    }

    // MARK: dispatch

    private func recognize(at k: Int, floor: Int) -> FunderSpan? {
        let t = tokens[k]
        switch t.kind {
        case .cjk:
            return chinese(at: k)
        case .number:
            if t.text == "973" { return FunderSpan(funder: .basic973, first: k, end: k + 1) }
            if t.text == "863" { return FunderSpan(funder: .hiTech863, first: k, end: k + 1) }
            if t.text == "2030", word(k - 1) == "innovation", k - 1 >= floor {
                return FunderSpan(funder: .sti2030, first: max(floor, leftExtent(k - 1, Self.sciTechWords, floor)), end: k + 1)
            }
            return nil
        case .punct:
            return nil
        case .word:
            guard t.wordClass.contains(.anchor) else { return nil }
        }
        let w = t.text
        if t.allCaps {
            switch w {
            case "nsfc", "nnsfc", "nsfcs": return nsfcAcronym(k)
            case "most": return FunderSpan(funder: .most, first: k, end: k + 1)
            case "cas": return FunderSpan(funder: .cas, first: k, end: k + 1)
            case "cpsf": return FunderSpan(funder: .cpsf, first: k, end: k + 1)
            case "nssfc": return FunderSpan(funder: .nssfc, first: k, end: k + 1)
            case "nsf" where word(k + 1) == "of" && isWord(k + 2, FunderLexicon.china):
                return FunderSpan(funder: .nsfc, first: k, end: k + 3)
            case "sti" where k + 1 < tokens.count && tokens[k + 1].text.hasPrefix("2030"):
                return FunderSpan(funder: .sti2030, first: k, end: k + 2)
            default: break
            }
        }
        switch w {
        case "foundation", "foundations", "fund", "funds":
            return foundation(k, floor: floor)
        case "rd", "research":
            if let e = rdEnd(k) { return researchAndDevelopment(k, e, floor: floor) }
            if w == "research", let span = basicResearch(k, floor: floor) { return span }
            return nil
        case "ministry":
            if word(k + 1) == "of", word(k + 2) == "science", word(k + 3) == "and", word(k + 4) == "technology" {
                let first = isWord(k - 1, FunderLexicon.china) && k - 1 >= floor ? k - 1 : k
                return FunderSpan(funder: .most, first: first, end: tail(k + 5).end)
            }
            return nil
        case "fundamental":
            guard word(k + 1) == "research", isWord(k + 2, Self.fundWords) else { return nil }
            var e = k + 3
            while e < min(tokens.count, k + 9), tokens[e].kind == .word {
                if isWord(e, Self.universityWords) {
                    return FunderSpan(funder: .centralUniversities, first: k, end: e + 1)
                }
                e += 1
            }
            return FunderSpan(funder: .other, first: k, end: k + 3)
        case "academy":
            if isWord(k - 1, Self.chineseWord), word(k + 1) == "of", isWord(k + 2, Self.scienceWords), k - 1 >= floor {
                return FunderSpan(funder: .cas, first: k - 1, end: k + 3)
            }
            return nil
        case "strategic":
            if word(k + 1) == "priority", word(k + 2) == "research" {
                return FunderSpan(funder: .cas, first: k, end: isWord(k + 3, Self.programWords) ? k + 4 : k + 3)
            }
            return nil
        case "support":
            // National Science and Technology Support Program (科技支撑计划)
            if word(k - 1) == "technology", word(k - 2) == "and", word(k - 3) == "science", k - 3 >= floor,
                isWord(k + 1, Self.planWords)
            {
                return FunderSpan(funder: .keyTechRD, first: leftExtent(k - 3, Self.nationalKeyWords, floor), end: k + 2)
            }
            return nil
        case "scholarship":
            if word(k + 1) == "council" {
                return FunderSpan(funder: .other, first: leftExtent(k, FunderLexicon.china, floor), end: k + 2)
            }
            return nil
        case "major":
            // National Science and Technology Major Project (科技重大专项)
            if isWord(k + 1, Self.majorProjectWords), word(k - 1) == "technology", word(k - 3) == "science",
                k - 3 >= floor
            {
                let first = leftExtent(k - 3, Self.nationalOrMunicipal, floor)
                let local = (first..<(k - 3)).contains { isWord($0, FunderLexicon.regional) }
                return FunderSpan(funder: local ? .other : .majorProject, first: first, end: k + 2)
            }
            return nil
        default:
            return nil
        }
    }

    /// Extends `k` leftwards over words in `set`, not below `floor`.
    func leftExtent(_ k: Int, _ set: Set<String>, _ floor: Int) -> Int {
        var j = k
        while j - 1 >= floor, isWord(j - 1, set) || (tokens[j - 1].isPunct("-") && isWord(j - 2, set)) { j -= 1 }
        return j
    }

    // MARK: NSFC acronym

    private func nsfcAcronym(_ k: Int) -> FunderSpan {
        FunderSpan(funder: .nsfc, first: k, end: partnerExtension(k + 1))
    }

    /// `NSFC-Guangdong Joint Fund`, `… of China-Royal Society of Edinburgh`: NSFC joint programmes named
    /// with a hyphenated partner stay NSFC.
    func partnerExtension(_ e: Int) -> Int {
        guard e + 1 < tokens.count, tokens[e].isPunct("-"), !tokens[e].spaceBefore,
            tokens[e + 1].kind == .word, tokens[e + 1].capitalized
        else { return e }
        var j = e + 1
        while j < tokens.count, tokens[j].kind == .word,
            tokens[j].capitalized || isWord(j, Self.partnerConnectors)
        {
            j += 1
        }
        while j > e + 1, isWord(j - 1, Self.partnerConnectors) { j -= 1 }
        return j
    }

    // MARK: Foundation / Fund

    private func foundation(_ k: Int, floor: Int) -> FunderSpan? {
        var j = k - 1
        var science = false, natural = false, national = false, social = false, postdoc = false
        if isWord(j, Self.scienceAdjectives) {
            science = true
            j -= 1
            if word(j) == "social" {
                social = true
                j -= 1
            } else if word(j) == "postdoctoral" {
                postdoc = true
                j -= 1
            }
        }
        if !social, !postdoc, isWord(j, Self.naturalWords) {
            natural = true
            j -= 1
        }
        if isWord(j, Self.nationalWords) {
            national = true
            j -= 1
        }
        guard j + 1 >= floor, science || natural else { return nil }
        if postdoc {
            return FunderSpan(funder: .cpsf, first: leftExtent(j + 1, FunderLexicon.china, floor), end: tail(k + 1).end)
        }
        if social {
            let humanities = word(j) == "and" && word(j - 1) == "humanities" && j - 1 >= floor
            let first = humanities ? j - 1 : j + 1
            let f: FunderID = humanities ? .moeHumanities : national ? .nssfc : .other
            return FunderSpan(funder: f, first: leftExtent(first, FunderLexicon.china, floor), end: tail(k + 1).end)
        }
        guard natural || national else { return nil }
        // Left modifiers: places, `Provincial`, `US`, `China`.
        var first = j + 1
        var place = false, foreignName = false, chinaLeft = false
        while first - 1 >= floor {
            let m = first - 1
            if isWord(m, FunderLexicon.regional) {
                place = true
            } else if isWord(m, FunderLexicon.foreign) {
                foreignName = true
            } else if isWord(m, FunderLexicon.china) {
                chinaLeft = true
            } else if tokens[m].isPunct("."), isWord(m - 1, FunderLexicon.foreign) {
                // U.S.
            } else {
                break
            }
            first = m
        }
        // Right: `Committee`, `for Distinguished Young Scholars`, `Key Project`, `of X`.
        var e = k + 1
        if word(e) == "committee" { e += 1 }
        var young = false
        if word(e) == "for" {
            var m = e + 1
            while m < tokens.count, tokens[m].kind == .word, tokens[m].capitalized || word(m) == "and" {
                if isWord(m, Self.talentWords) { young = true }
                m += 1
            }
            if m > e + 1 { e = m }
        }
        if word(e) == "key", isWord(e + 1, Self.keyProjectWords) { e += 2 }
        let t = tail(e)
        place = place || t.place
        let china = chinaLeft || t.china
        let f: FunderID
        if place {
            f = .provincialNSF
        } else if foreignName || t.foreign {
            f = .other
        } else if natural {
            f = national || china || !t.named ? .nsfc : .provincialNSF
        } else {
            f = china || young ? .nsfc : .other
        }
        let end = f == .nsfc ? partnerExtension(t.end) : t.end
        return FunderSpan(funder: f, first: first, end: end)
    }

    // MARK: R&D programmes

    private func researchAndDevelopment(_ k: Int, _ rdEnd: Int, floor: Int) -> FunderSpan? {
        var first = k
        var key = false, keyCapital = false, high = false, basic = false, tech = false, national = false, place = false
        while first - 1 >= floor {
            let m = first - 1
            if tokens[m].isPunct("-"), !tokens[m].spaceBefore, word(m - 1) != nil {
                first = m
                continue
            }
            guard let w = word(m), Self.rdModifiers.contains(w) || FunderLexicon.regional.contains(w) else { break }
            switch w {
            case "key":
                key = true
                keyCapital = tokens[m].capitalized
            case "national", "state": national = true
            case "high", "tech", "hightech", "hi": high = true
            case "basic": basic = true
            case "technology", "technologies": tech = true
            default: if FunderLexicon.regional.contains(w) { place = true }
            }
            first = m
        }
        if tokens[first].kind == .punct { first += 1 }
        var e = rdEnd
        var heads = 0
        while heads < 2, isWord(e, Self.rdHeadWords)
        {
            e += 1
            heads += 1
        }
        if e + 1 < tokens.count, tokens[e].isPunct("-"), isWord(e + 1, FunderLexicon.china) { e += 2 }
        let t = tail(e)
        place = place || t.place
        let f: FunderID
        if high {
            f = .hiTech863
        } else if basic {
            f = .basic973
        } else if key, tech {
            f = .keyTechRD
        } else if key, place {
            f = .provincialRD
        } else if key, keyCapital || national {
            f = .nkrdpc
        } else {
            return nil
        }
        return FunderSpan(funder: f, first: first, end: t.end)
    }

    /// `National Basic Research Program of China`, `Major State Basic Research Development Program` (973).
    private func basicResearch(_ k: Int, floor: Int) -> FunderSpan? {
        guard word(k - 1) == "basic", k - 1 >= floor else { return nil }
        var e = k + 1
        if word(e) == "development" { e += 1 }
        guard isWord(e, Self.planWords) else { return nil }
        let first = leftExtent(k - 1, Self.basicResearchModifiers, floor)
        guard first < k - 1 else { return nil }
        return FunderSpan(funder: .basic973, first: first, end: tail(e + 1).end)
    }

    // MARK: Chinese

    private func chinese(at k: Int) -> FunderSpan? {
        guard let entries = FunderLexicon.chinese[Character(tokens[k].scalar)] else { return nil }
        let start = tokens[k].start
        for (chars, funder) in entries {
            var p = start
            var ok = true
            for c in chars {
                guard p < scalars.count, Character(scalars[p]) == c else {
                    ok = false
                    break
                }
                p += 1
            }
            guard ok else { continue }
            var e = k
            while e < tokens.count, tokens[e].start < p { e += 1 }
            return FunderSpan(funder: funder, first: k, end: e)
        }
        return nil
    }

    // MARK: `of China`, `of Jiangsu Province`

    struct Tail {
        var end: Int
        var china = false
        var place = false
        var foreign = false
        /// An `of X` tail was present.
        var named = false
    }

    /// Consumes `of [the] Capitalised Words…` chains after a funder head word.
    func tail(_ k: Int) -> Tail {
        var t = Tail(end: k)
        var j = k
        while word(j) == "of" {
            var m = j + 1
            if word(m) == "the" { m += 1 }
            var consumed = m
            while m < tokens.count {
                let tok = tokens[m]
                if tok.kind == .word {
                    if Self.tailStop.contains(tok.text) { break }
                    if !(tok.capitalized || Self.tailConnectors.contains(tok.text)) { break }
                    if FunderLexicon.regional.contains(tok.text) { t.place = true }
                    if FunderLexicon.china.contains(tok.text) { t.china = true }
                    if FunderLexicon.foreign.contains(tok.text), tok.text.count > 1 { t.foreign = true }
                    m += 1
                    if tok.text != "of", tok.text != "the" { consumed = m }
                } else if tok.isPunct("."), m > 0, tokens[m - 1].kind == .word, tokens[m - 1].text.count == 1 {
                    m += 1  // P. R. China
                } else {
                    break
                }
            }
            guard consumed > j + 1 else { break }
            t.named = true
            j = consumed
        }
        t.end = j
        return t
    }
}
