import GrantModel

/// Decides which imported grants a paper's mentions cite, and how surely.
///
/// - high: the number matches an imported grant and the text credits the grant's funder.
/// - medium: the number matches but the funder context is missing or differs, or the match is only in
///   secondary fields (WoS FU, Scopus Funding Details), which the database wrote, not the authors.
/// - low: a near-miss (one digit substituted, two adjacent digits swapped, a dropped `U`) that matches exactly one
///   grant whose PI is among the authors or whose institution is in the addresses: a probable typo.
public struct LinkDecider {
    let lookup: (String) -> CandidateGrant?

    public init(lookup: @escaping (String) -> CandidateGrant?) {
        self.lookup = lookup
    }

    /// The links `mentions` support. `people` gives the paper's authors and addresses, asked for only to confirm a
    /// near miss (and at most once), since reading them costs the caller a wide row.
    public func decide(_ mentions: [MentionEvidence], people: () throws -> PaperPeople) rethrows -> [LinkDecision] {
        var known: PaperPeople?
        var best: [Int64: LinkDecision] = [:]
        // The evidence text is made only for a link that is kept: most mentions repeat a link already as sure, or
        // lead nowhere, and building their text was a fifth of deciding.
        func keep(_ grantId: Int64, _ confidence: Confidence, _ make: () -> LinkDecision) {
            if let old = best[grantId], old.confidence >= confidence { return }
            best[grantId] = make()
        }
        /// Links a Key R&D sub-project citation to its project too; true if the project is imported.
        func rollUp(_ m: MentionEvidence, cited: String, confidence: Confidence, evidence: () -> String) -> Bool {
            guard let k = KeyRDNumber.parse(cited), k.isSubProject, let project = lookup(k.projectNumber) else { return false }
            keep(project.id, confidence) {
                LinkDecision(grantId: project.id, mentionId: m.id, confidence: confidence,
                             evidence: "\(evidence()); roll-up of sub-project \(k.text) to project \(k.projectNumber)",
                             viaSubProject: k.text)
            }
            return true
        }
        for m in mentions {
            let found = lookup(m.mention.number)
            guard found != nil || m.mention.funder == .nsfc || m.mention.funder == .nkrdpc else { continue }
            func place() -> String { "\(m.kind.rawValue) [\(m.mention.start)–\(m.mention.end)] '\(m.mention.raw)'" }
            func context() -> String {
                m.mention.funderText.isEmpty ? "no funder named" : "credited to '\(m.mention.funderText)'"
            }
            if let g = found {
                let agrees = m.mention.funder == g.funder
                let primary = m.kind != .wosFU && m.kind != .scopusDetails
                let confidence: Confidence = agrees && primary ? .high : .medium
                func evidence() -> String {
                    var why = agrees ? context() : "\(context()), not \(g.funder.displayName)"
                    if agrees && !primary { why += "; found only in a database-written field" }
                    return "\(place()), \(why)"
                }
                keep(g.id, confidence) { LinkDecision(grantId: g.id, mentionId: m.id, confidence: confidence, evidence: evidence()) }
                _ = rollUp(m, cited: g.number, confidence: confidence, evidence: evidence)
                continue
            }
            if rollUp(m, cited: m.mention.number, confidence: m.kind == .wosFU ? .medium : .high,
                      evidence: { "\(place()), \(context()); sub-project not in the grant list" })
            {
                continue
            }
            let candidates = Set(Self.nearMisses(of: m.mention.number).compactMap(lookup))
            guard candidates.count == 1, let g = candidates.first else { continue }
            if known == nil { known = try people() }
            if let who = Self.confirmation(of: g, authors: known!.authors, addresses: known!.addresses) {
                keep(g.id, .low) {
                    LinkDecision(grantId: g.id, mentionId: m.id, confidence: .low,
                                 evidence: "\(place()): probable typo for \(g.number) (\(Self.difference(m.mention.number, g.number))); \(who)")
                }
            }
        }
        return best.values.sorted { ($0.grantId, $0.mentionId) < ($1.grantId, $1.mentionId) }
    }

    /// Numbers one typo away: each digit substituted, adjacent characters swapped, a `U` restored or dropped.
    public static func nearMisses(of number: String) -> [String] {
        // Normalised numbers are ASCII, so bytes are characters, and far cheaper to vary and join than Characters.
        guard number.utf8.allSatisfy({ $0 < 0x80 }) else { return [] }
        let bytes = Array(number.utf8), digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        var out: [String] = []
        out.reserveCapacity(bytes.count * 10)
        var c = bytes
        for i in bytes.indices where digits.contains(bytes[i]) {
            for d in digits where d != bytes[i] {
                c[i] = d
                out.append(String(decoding: c, as: UTF8.self))
            }
            c[i] = bytes[i]
        }
        for i in 0..<max(0, bytes.count - 1) where bytes[i] != bytes[i + 1] {
            c.swapAt(i, i + 1)
            out.append(String(decoding: c, as: UTF8.self))
            c.swapAt(i, i + 1)
        }
        if bytes.count == 7, bytes.allSatisfy(digits.contains) { out.append("U" + number) }
        return out
    }

    /// Why a near-miss grant is believable: its PI among the authors, or its institution in the addresses.
    static func confirmation(of g: CandidateGrant, authors: [String], addresses: [String]) -> String? {
        if let pi = g.pi, !pi.isEmpty {
            let keys = PersonName.keys(pi)
            if authors.contains(where: { !PersonName.keys($0).isDisjoint(with: keys) }) { return "PI \(pi) is an author" }
        }
        if let inst = g.institution {
            let key = PersonName.compact(inst)
            if key.count >= 4, addresses.contains(where: { PersonName.compact($0).contains(key) }) {
                return "institution \(inst) is in the addresses"
            }
        }
        return nil
    }

    static func difference(_ written: String, _ grant: String) -> String {
        if written.count + 1 == grant.count { return "dropped U" }
        let a = Array(written), b = Array(grant)
        let diffs = a.indices.filter { a[$0] != b[$0] }
        return diffs.count == 1 ? "one digit substituted" : "two adjacent digits swapped"
    }
}

/// Name comparison across export styles: `Zhang, San`, `San Zhang`, `ZHANG S`, `张三`.
enum PersonName {
    static func compact(_ s: String) -> String {
        String(s.asciiFolded.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            .map(Character.init))
    }

    /// Keys under which two spellings of one name meet: `lastfirst` and `firstlast`.
    static func keys(_ name: String) -> Set<String> {
        let folded = name.asciiFolded
        if let comma = folded.firstIndex(of: ",") {
            let last = compact(String(folded[..<comma])), first = compact(String(folded[folded.index(after: comma)...]))
            return [last + first, first + last]
        }
        let parts = folded.split(whereSeparator: { $0 == " " || $0 == "-" }).map { compact(String($0)) }.filter { !$0.isEmpty }
        guard parts.count > 1 else { return [compact(folded)] }
        let last = parts[parts.count - 1], first = parts.dropLast().joined()
        return [first + last, last + first]
    }
}
