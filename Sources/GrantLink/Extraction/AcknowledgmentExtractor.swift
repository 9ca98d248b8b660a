import GrantModel

/// Extracts NSFC and National Key R&D grant numbers (and look-alike programmes' numbers) from
/// acknowledgment text.
///
/// Numbers are credited to the funder name that governs them: the nearest name before them when only
/// list words (`under Grant Nos.`, `,`, `and`, programme words) lie between, or a name after them in
/// `81871234 from the NSFC`. The number's format then has the last word: `YYYYYF…` is always Key R&D,
/// and 973/863/STI-2030-style numbers are never NSFC. Work is linear in the text length.
public struct AcknowledgmentExtractor: Sendable {
    public init() {}

    /// Mentions in text order; offsets count Unicode scalars of `text`.
    public func extract(_ text: String) -> [Mention] {
        let clean = TextCleaner.clean(text)
        let tokens = Tokenizer.tokenize(clean.scalars)
        let spans = FunderRecognizer(tokens: tokens, scalars: clean.scalars).recognize()
        // position of each span's funder: 1-based order of first appearance (few funders, so a linear scan).
        var named: [FunderID] = []
        var position = [Int](repeating: 0, count: spans.count)
        for (i, s) in spans.enumerated() {
            if let p = named.firstIndex(of: s.funder) {
                position[i] = p + 1
            } else {
                named.append(s.funder)
                position[i] = named.count
            }
        }
        let candidates = Attribution(tokens: tokens, spans: spans).run()
        var mentions: [Mention] = []
        var funderTexts = [String?](repeating: nil, count: spans.count)
        for c in candidates {
            var funderText = ""
            if let i = c.span {
                if let t = funderTexts[i] {
                    funderText = t
                } else {
                    funderText = clean.originalText(from: tokens[spans[i].first].start, to: tokens[spans[i].end - 1].end)
                    funderTexts[i] = funderText
                }
            }
            let context = MentionContext(funder: c.span.map { spans[$0].funder }, funderText: funderText,
                                         position: c.span.map { position[$0] } ?? 0)
            let a = tokens[c.first].start, b = tokens[c.end - 1].end
            // Token texts are already folded to upper-case ASCII; joining them removes the spaces.
            var text = ""
            for k in c.first..<c.end { text += tokens[k].text }
            Self.classify(raw: clean.originalText(from: a, to: b), number: text,
                          range: clean.originalRange(from: a, to: b), context, into: &mentions)
        }
        return mentions
    }

    struct MentionContext {
        var funder: FunderID?
        var funderText: String
        var position: Int
    }

    /// Decides funder, canonical number and validity for one number candidate; appends 0–2 mentions.
    static func classify(raw: String, number norm: String, range: Range<Int>, _ ctx: MentionContext,
                         into out: inout [Mention])
    {
        func make(_ f: FunderID, _ number: String, valid: Bool = true, note: String? = nil) -> Mention {
            Mention(funder: f, number: number, raw: raw, start: range.lowerBound, end: range.upperBound,
                    funderText: ctx.funderText, position: ctx.position, valid: valid, note: note)
        }
        if let k = NumberFormat.keyRD(norm) {
            var notes: [String] = []
            if let s = k.droppedSuffix { notes.append("sub-level suffix \(s) dropped") }
            if let f = ctx.funder, f != .nkrdpc { notes.append("Key R&D number format; text names \(f)") }
            out.append(make(.nkrdpc, k.text, note: notes.isEmpty ? nil : notes.joined(separator: "; ")))
            return
        }
        let family = NumberFormat.lookAlike(norm)
        guard let funder = ctx.funder else {
            if let family { out.append(make(family, norm, note: "no funder named; \(family) number format")) }
            return
        }
        switch funder {
        case .nsfc:
            let (base, suffix) = NumberFormat.splitSuffix(norm)
            if let n = NumberFormat.nsfc(base) {
                out.append(make(.nsfc, n.text, note: suffix.map { "sub-level suffix \($0) dropped" }))
            } else if base.utf8.count == 16, base.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                let a = NSFCNumber.parse(String(base.prefix(8))), let b = NSFCNumber.parse(String(base.suffix(8)))
            {
                // Two numbers glued together (`6237116162331012`).
                var first = make(.nsfc, a.text, note: "two numbers written without a separator")
                var second = first
                first.end = range.lowerBound + 8
                first.raw = String(raw.unicodeScalars.prefix(8))
                second.number = b.text
                second.start = range.lowerBound + 8
                second.raw = String(raw.unicodeScalars.dropFirst(8))
                out.append(first)
                out.append(second)
            } else if let family {
                out.append(make(family, norm, note: "\(family) number format, not NSFC; text names NSFC"))
            } else if NumberFormat.looksLikeNSFC(base) {
                out.append(make(.nsfc, norm, valid: false, note: "credited to NSFC but fits no NSFC number format"))
            } else {
                out.append(make(.other, norm, note: "not an NSFC number format; text names NSFC"))
            }
        case .nkrdpc:
            if NumberFormat.looksLikeKeyRD(norm) {
                let what = family.map { "; looks like a \($0) number" } ?? ""
                out.append(make(.nkrdpc, norm, valid: false,
                                note: "credited to the National Key R&D Program but fits no YYYYYF+letter+7-digit format" + what))
            } else {
                out.append(make(family ?? .other, norm, note: "not a Key R&D number format; text names the Key R&D Program"))
            }
        default:
            out.append(make(family ?? funder, norm))
        }
    }
}
