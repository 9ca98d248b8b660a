import GrantModel

/// Normalisations shared by the paper parsers.
enum PaperFields {
    /// `00280836`, `0028-0836`, `1474-547x` → `0028-0836` / `1474-547X`; nil unless it is an ISSN.
    static func issn<S: StringProtocol>(_ raw: S) -> String? {
        NatureIndexCatalog.normalizedISSN(String(raw))
    }

    /// The first plausible publication year (1800–2100) in a date-ish string such as `JAN 15 2004` or `2016 Jan 15`.
    static func year<S: StringProtocol>(_ raw: S) -> Int? {
        var value = 0
        var digits = 0
        for byte in raw.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                value = value * 10 + Int(byte - 0x30)
                digits += 1
            } else {
                if digits == 4, (1800...2100).contains(value) { return value }
                value = 0
                digits = 0
            }
        }
        if digits == 4, (1800...2100).contains(value) { return value }
        return nil
    }

    /// Trims ASCII spaces, tabs and a stray carriage return.
    static func trimmed<S: StringProtocol>(_ s: S) -> String {
        let sub = Substring(s)
        let u = sub.utf8
        var start = u.startIndex
        var end = u.endIndex
        while start < end, isSpace(u[start]) { start = u.index(after: start) }
        while end > start, isSpace(u[u.index(before: end)]) { end = u.index(before: end) }
        return String(Substring(u[start..<end]))
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    /// Splits on `separator`, trims items and drops empty ones.
    static func split(_ s: String, on separator: Character) -> [String] {
        s.split(separator: separator).map { trimmed($0) }.filter { !$0.isEmpty }
    }

    /// Splits on `; ` (or `;`) but not inside square brackets, as WoS tab-delimited C1 needs:
    /// `[Li, A; Wu, B] Univ X, Beijing, Peoples R China; [Chen, C] Univ Y, …`.
    static func splitOutsideBrackets(_ s: String) -> [String] {
        var items: [String] = []
        var depth = 0
        var current = Substring(s).startIndex
        var i = current
        while i < s.endIndex {
            switch s[i] {
            case "[": depth += 1
            case "]": depth = max(0, depth - 1)
            case ";" where depth == 0:
                items.append(trimmed(s[current..<i]))
                current = s.index(after: i)
            default: break
            }
            i = s.index(after: i)
        }
        items.append(trimmed(s[current...]))
        return items.filter { !$0.isEmpty }
    }

    /// A WoS C1 address without its leading `[Author; Author]` list and without a trailing period,
    /// so that tagged and tab-delimited exports give the same address.
    static func wosAddress(_ raw: String) -> String {
        var s = Substring(raw)
        if s.hasPrefix("["), let close = s.firstIndex(of: "]") {
            s = s[s.index(after: close)...]
        }
        var t = trimmed(s)
        while t.hasSuffix(".") { t.removeLast() }
        return t
    }

    /// The country of an address: its last comma-separated part, normalised
    /// (`Peoples R China` → `China`, `MI 48104 USA` → `USA`, `ENGLAND` → `England`).
    static func country(ofAddress address: String) -> String? {
        guard let lastPart = address.split(separator: ",").last else { return nil }
        var part = trimmed(lastPart)
        while part.hasSuffix(".") { part.removeLast() }
        if part.isEmpty { return nil }
        let upper = part.uppercased()
        if upper.hasSuffix(" USA") || upper == "USA" || upper == "UNITED STATES" { return "USA" }
        if upper.hasSuffix("PEOPLES R CHINA") || upper == "CHINA" || upper == "PR CHINA" || upper == "P R CHINA" {
            return "China"
        }
        // Leading postal codes ("100190 Beijing" rarely, "D-69117 Heidelberg" in older exports) are not countries.
        if part.contains(where: { $0.isNumber }) {
            let words = part.split(separator: " ").filter { !$0.contains(where: { $0.isNumber }) }
            if words.isEmpty { return nil }
            part = words.joined(separator: " ")
        }
        if part == upper {
            part = part.split(separator: " ").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined(separator: " ")
        }
        return part
    }

    /// Countries of several addresses, deduplicated in order of first appearance.
    static func countries(ofAddresses addresses: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for address in addresses {
            if let c = country(ofAddress: address), seen.insert(c).inserted { result.append(c) }
        }
        return result
    }

    /// Caps `raw` at `PaperReject.rawLimit` UTF-8 bytes on a character boundary.
    static func capped(_ raw: String) -> String {
        if raw.utf8.count <= PaperReject.rawLimit { return raw }
        var out = ""
        for ch in raw {
            if out.utf8.count + ch.utf8.count > PaperReject.rawLimit { break }
            out.append(ch)
        }
        return out
    }
}
