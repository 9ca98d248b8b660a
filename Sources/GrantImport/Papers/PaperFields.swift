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

    /// Runs `body` over the UTF-8 bytes of `s` without copying when the string is native.
    @inline(__always)
    static func withBytes<R>(_ s: Substring, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = String(s)
        return try copy.withUTF8(body)
    }

    @inline(__always)
    static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = s
        return try copy.withUTF8(body)
    }

    /// The bytes' range without leading and trailing ASCII white space.
    @inline(__always)
    static func trimmedRange(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Range<Int> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    /// A String of the bytes, ASCII white space trimmed.
    @inline(__always)
    static func trimmedString(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        let r = trimmedRange(bytes)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes.base[r]), as: UTF8.self)
    }

    /// Trims ASCII spaces, tabs and a stray carriage return (byte-wise: this runs for every field of every record).
    static func trimmed(_ s: Substring) -> String {
        withBytes(s) { trimmedString($0[...]) }
    }

    static func trimmed(_ s: String) -> String {
        withBytes(s) { trimmedString($0[...]) }
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    /// Splits on an ASCII separator, trims items and drops empty ones.
    static func split(_ s: String, on separator: Unicode.Scalar) -> [String] {
        withBytes(s) { split($0[...], on: separator) }
    }

    static func split(_ buf: Slice<UnsafeBufferPointer<UInt8>>, on separator: Unicode.Scalar) -> [String] {
        let sep = UInt8(truncatingIfNeeded: separator.value)
        var items: [String] = []
        var start = buf.startIndex
        for i in buf.indices where buf[i] == sep {
            let r = trimmedRange(buf[start..<i])
            if !r.isEmpty { items.append(String(decoding: UnsafeBufferPointer(rebasing: buf.base[r]), as: UTF8.self)) }
            start = i + 1
        }
        let r = trimmedRange(buf[start..<buf.endIndex])
        if !r.isEmpty { items.append(String(decoding: UnsafeBufferPointer(rebasing: buf.base[r]), as: UTF8.self)) }
        return items
    }

    /// Splits on `;` but not inside square brackets, as WoS tab-delimited C1 needs:
    /// `[Li, A; Wu, B] Univ X, Beijing, Peoples R China; [Chen, C] Univ Y, …`.
    static func splitOutsideBrackets(_ s: String) -> [String] {
        withBytes(s) { buf in
            var items: [String] = []
            var depth = 0
            var start = 0
            for i in 0..<buf.count {
                switch buf[i] {
                case UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "]"): depth = max(0, depth - 1)
                case UInt8(ascii: ";") where depth == 0:
                    items.append(trimmedString(buf[start..<i]))
                    start = i + 1
                default: break
                }
            }
            items.append(trimmedString(buf[start..<buf.count]))
            return items.filter { !$0.isEmpty }
        }
    }

    /// A WoS C1 address without its leading `[Author; Author]` list and without a trailing period,
    /// so that tagged and tab-delimited exports give the same address.
    static func wosAddress(_ raw: String) -> String {
        withBytes(raw) { wosAddress($0[...]) }
    }

    static func wosAddress(_ buf: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        var start = buf.startIndex
        if buf.first == UInt8(ascii: "["), let close = buf.firstIndex(of: UInt8(ascii: "]")) { start = close + 1 }
        var end = buf.endIndex
        while end > start, isSpace(buf[end - 1]) || buf[end - 1] == UInt8(ascii: ".") { end -= 1 }
        return trimmedString(buf.base[start..<end])
    }

    /// The country of an address: its last comma-separated part, normalised
    /// (`Peoples R China` → `China`, `MI 48104 USA` / `United States` → `USA`, `ENGLAND` → `England`),
    /// so that every source names a country the same way.
    static func country(ofAddress address: String) -> String? {
        let part: String? = withBytes(address) { buf in
            var start = buf.count
            while start > 0, buf[start - 1] != UInt8(ascii: ",") { start -= 1 }
            var end = buf.count
            while end > start, isSpace(buf[end - 1]) || buf[end - 1] == UInt8(ascii: ".") { end -= 1 }
            let r = trimmedRange(buf[start..<end])
            let bytes = buf[r]
            if hasSuffixIgnoringCase(bytes, "USA") || hasSuffixIgnoringCase(bytes, "United States") { return "USA" }
            if hasSuffixIgnoringCase(bytes, "China") { return "China" }
            if bytes.isEmpty { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
        }
        guard let part else { return nil }
        if part == "USA" || part == "China" { return part }
        return countryWords(part)
    }

    /// Drops words with digits (postal codes such as `D-69117`) and title-cases an all-capitals ASCII name.
    private static func countryWords(_ part: String) -> String? {
        withBytes(part) { buf -> String? in
            var hasLower = false
            var hasDigit = false
            var ascii = true
            for b in buf {
                if b >= 0x61 && b <= 0x7A { hasLower = true }
                if b >= 0x30 && b <= 0x39 { hasDigit = true }
                if b >= 0x80 { ascii = false }
            }
            if !hasDigit && (hasLower || !ascii) { return String(decoding: buf, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(buf.count)
            var wordStart = 0
            func addWord(_ w: Range<Int>) {
                if w.isEmpty || buf[w].contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return }
                if !out.isEmpty { out.append(0x20) }
                for (k, b) in buf[w].enumerated() {
                    let upperLetter = b >= 0x41 && b <= 0x5A
                    out.append(k > 0 && upperLetter && !hasLower && ascii ? b | 0x20 : b)
                }
            }
            for i in 0..<buf.count where buf[i] == 0x20 {
                addWord(wordStart..<i)
                wordStart = i + 1
            }
            addWord(wordStart..<buf.count)
            return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
        }
    }

    /// ASCII case-insensitive suffix test on UTF-8 bytes, at a word boundary.
    private static func hasSuffixIgnoringCase(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard bytes.count >= n else { return false }
        let offset = bytes.endIndex - n
        let matches = suffix.withUTF8Buffer { s in
            (0..<n).allSatisfy { bytes[offset + $0] | 0x20 == s[$0] | 0x20 }
        }
        guard matches else { return false }
        return bytes.count == n || bytes[offset - 1] == 0x20
    }

    /// Countries of several addresses, deduplicated in order of first appearance.
    static func countries(ofAddresses addresses: [String]) -> [String] {
        var result: [String] = []
        for address in addresses {
            if let c = country(ofAddress: address), !result.contains(c) { result.append(c) }
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
