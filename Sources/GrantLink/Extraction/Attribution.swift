import GrantModel

/// Walks the tokens once and credits each number candidate to a funder span.
///
/// A span governs the numbers after it until a word that is not list or programme vocabulary appears
/// (`Shanghai`, `Council`, …), a bare short number, or, after a closed `(…)` group, a CJK character.
/// `N from/by FUNDER` credits the preceding list of numbers to the following span instead.
struct Attribution {
    let tokens: [Token]
    let spans: [FunderSpan]

    /// The longest token considered a grant-number candidate (with a sub-level suffix).
    static let maxNumberLength = 32

    func run() -> [Candidate] {
        var out: [Candidate] = []
        var nextSpan = 0
        var current: Int?
        var open = false
        var closed = false
        var seenNumber = false
        var group: [Int] = []
        var k = 0
        while k < tokens.count {
            if nextSpan < spans.count, spans[nextSpan].first <= k {
                current = nextSpan
                open = true
                closed = false
                seenNumber = false
                group.removeAll()
                k = max(k + 1, spans[nextSpan].end)
                nextSpan += 1
                continue
            }
            let t = tokens[k]
            switch t.kind {
            case .number:
                if k >= 2, tokens[k - 1].isPunct("/"), !tokens[k - 1].spaceBefore, !t.spaceBefore,
                    tokens[k - 2].kind == .number, NumberFormat.isApplicationCode(t.text)
                {
                    k += 1
                    continue
                }
                // Longer runs (a page of digits, a DOI fragment) are never grant numbers; skipping them also
                // keeps the per-candidate parsing below bounded.
                guard t.text.utf8.count <= Self.maxNumberLength else {
                    open = false
                    group.removeAll()
                    k += 1
                    continue
                }
                // `IIS-1524782`, `EP-123456`: the tail of another funder's code, not a number of its own.
                if k >= 2, tokens[k - 1].isPunct("-"), !tokens[k - 1].spaceBefore, !t.spaceBefore,
                    tokens[k - 2].kind == .word, !tokens[k - 2].isWord("nsfc")
                {
                    k += 1
                    continue
                }
                let end = mergedEnd(k)
                if end > k + 1 || t.text.utf8.count >= 5 {
                    out.append(Candidate(first: k, end: end, span: open ? current : nil))
                    group.append(out.count - 1)
                    seenNumber = true
                } else {
                    open = false
                    group.removeAll()
                }
                k = end
                continue
            case .word:
                if t.wordClass.contains(.backward), !group.isEmpty, endsWithNumber(before: k),
                    let s = spanAhead(from: k, next: nextSpan)
                {
                    for g in group { out[g].span = s }
                }
                if !t.wordClass.contains(.listGlue) { group.removeAll() }
                let initials = t.allCaps && t.text.utf8.count <= 4 && k > 0
                    && (tokens[k - 1].isPunct("(") || tokens[k - 1].isWord("to"))
                if !(t.wordClass.contains(.glue) || initials) { open = false }
            case .cjk:
                group.removeAll()
                if closed { open = false }
            case .punct:
                switch t.scalar {
                case ")", "]", "}":
                    if seenNumber { closed = true }
                    if !(k + 1 < tokens.count && tokens[k + 1].wordClass.contains(.backward)) {
                        group.removeAll()
                    }
                case ";", "。":
                    if seenNumber { closed = true }
                case "(", "[", "{":
                    group.removeAll()
                default:
                    break
                }
            }
            k += 1
        }
        return out
    }

    private func endsWithNumber(before k: Int) -> Bool {
        guard k >= 1 else { return false }
        if tokens[k - 1].kind == .number { return true }
        return k >= 2 && (tokens[k - 1].isPunct(")") || tokens[k - 1].isPunct("]")) && tokens[k - 2].kind == .number
    }

    /// The next span if it starts after a few `from the` / `supported by` words.
    private func spanAhead(from k: Int, next: Int) -> Int? {
        guard next < spans.count else { return nil }
        var j = k
        while j < tokens.count, j - k < 5, j < spans[next].first, tokens[j].kind == .word,
            tokens[j].wordClass.contains(.backwardSkip)
        {
            j += 1
        }
        return j == spans[next].first ? next : nil
    }

    /// Joins a number written with spaces (`2017 YFB0503402`, `39670 0 83`) when the pieces are not
    /// numbers themselves and the joined string is.
    private func mergedEnd(_ k: Int) -> Int {
        // Cheap test first: most numbers are not followed by another number after a space.
        guard k + 1 < tokens.count, tokens[k + 1].kind == .number, tokens[k + 1].spaceBefore else { return k + 1 }
        var merged = tokens[k].text
        guard !Self.standalone(merged) else { return k + 1 }
        var j = k + 1
        // At most three pieces (`11 772 017`, `39670 0 83`): longer runs of small numbers (`12 12 12 12`)
        // are lists, not one split grant number.
        while j < tokens.count, j - k < 3, tokens[j].kind == .number, tokens[j].spaceBefore,
            merged.utf8.count + tokens[j].text.utf8.count <= 16, !Self.standalone(tokens[j].text)
        {
            merged += tokens[j].text
            j += 1
            if Self.isGrantNumber(merged) { return j }
        }
        return k + 1
    }

    static func standalone(_ s: String) -> Bool {
        isGrantNumber(s) || NumberFormat.lookAlike(s) != nil
    }

    static func isGrantNumber(_ s: String) -> Bool {
        NumberFormat.keyRD(s) != nil || NumberFormat.nsfc(NumberFormat.splitSuffix(s).base) != nil
    }
}
