extension NatureIndexCatalog {
    /// An ISSN in the form `NNNN-NNNX`: accepts `00280836`, `0028-0836`, `1474-547x`, surrounding text like
    /// `0028-0836 (Print)`. Nil unless exactly 7 digits plus a digit or X are found in the first ISSN-like run.
    public static func normalizedISSN(_ raw: String) -> String? {
        var chars: [UInt8] = []
        for byte in raw.utf8 {
            if chars.count == 8 {
                // `00280836 (Print)` is fine, `002808361` is not an ISSN.
                let isAlnum = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                if isAlnum { return nil }
                break
            }
            switch byte {
            case 0x30...0x39: chars.append(byte)
            case 0x58, 0x78:
                guard chars.count == 7 else { return nil }
                chars.append(0x58)
            case 0x2D:
                guard chars.count == 4 else { return nil }
            case 0x20, 0x09:
                guard chars.isEmpty else { return nil }
            default:
                return nil
            }
        }
        guard chars.count == 8 else { return nil }
        return String(decoding: chars[0..<4], as: UTF8.self) + "-" + String(decoding: chars[4..<8], as: UTF8.self)
    }

    /// Words dropped when comparing names and abbreviations.
    static let stopWords: Set<String> = ["of", "the", "and", "for", "in", "on", "de", "la", "des", "du", "und", "fur"]

    /// Lower-case ASCII words of a journal name with `&` read as `and` and punctuation as spaces, stop words
    /// (and so a leading "The") dropped: `The Lancet` → `["lancet"]`, `Cell Host & Microbe` → `["cell","host","microbe"]`.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in name.asciiFolded.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.filter { !stopWords.contains($0) }
    }

    /// The key two journal names share when they are the same journal up to case, `&`/`and`, punctuation,
    /// a leading "The" and other stop words: `JAMA-JOURNAL OF THE AMERICAN MEDICAL ASSOCIATION` and
    /// `JAMA: The Journal of the American Medical Association` give the same key.
    static func nameKey(_ name: String) -> String {
        words(name).joined(separator: " ")
    }

    /// Abbreviations the word rule below cannot derive (acronyms, and WoS abbreviations that add words),
    /// keyed by `nameKey` of the abbreviation, valued by `nameKey` of the journal's name.
    static let abbreviationAliases: [String: String] = [
        "pnas": nameKey("Proceedings of the National Academy of Sciences of the United States of America"),
        "nejm": nameKey("The New England Journal of Medicine"),
        "p roy soc b biol sci": nameKey("Proceedings of the Royal Society B"),
        "proc r soc b biol sci": nameKey("Proceedings of the Royal Society B"),
        "bmj brit med j": nameKey("The BMJ"),
        "bmj br med j": nameKey("The BMJ"),
    ]

    /// The journal an abbreviation stands for on `entry`'s list, by alias or by the abbreviation rule.
    ///
    /// Rule: after dropping stop words on both sides, every abbreviation word must stand for the next name word(s),
    /// and every name word must be covered. A word stands for one name word when it starts with the same letter and
    /// its letters occur in order in that word (`natl` → national, `p` → proceedings, `commun` → communications);
    /// or for several name words when it is their initials (`usa` → united states america).
    static func abbreviationMatch(_ abbreviation: String, in entry: Entry) -> Int? {
        let tokens = words(abbreviation)
        guard !tokens.isEmpty else { return nil }
        let key = tokens.joined(separator: " ")
        if let target = abbreviationAliases[key], let i = entry.byName[target] { return i }
        if let i = entry.byName[key] { return i }
        for (i, name) in entry.words.enumerated() where abbreviates(tokens[...], name[...]) {
            return i
        }
        return nil
    }

    static func abbreviates(_ tokens: ArraySlice<String>, _ words: ArraySlice<String>) -> Bool {
        guard let token = tokens.first else { return words.isEmpty }
        guard let word = words.first else { return false }
        if isSubsequenceAbbreviation(token, of: word), abbreviates(tokens.dropFirst(), words.dropFirst()) {
            return true
        }
        let letters = Array(token)
        if letters.count >= 2, words.count >= letters.count,
           zip(letters, words.prefix(letters.count)).allSatisfy({ $0 == $1.first }),
           abbreviates(tokens.dropFirst(), words.dropFirst(letters.count))
        {
            return true
        }
        return false
    }

    /// `natl` of `national`: same first letter, the rest in order.
    static func isSubsequenceAbbreviation(_ token: String, of word: String) -> Bool {
        guard let t0 = token.first, t0 == word.first else { return false }
        var remaining = word.dropFirst()[...]
        for ch in token.dropFirst() {
            guard let at = remaining.firstIndex(of: ch) else { return false }
            remaining = remaining[remaining.index(after: at)...]
        }
        return true
    }
}
