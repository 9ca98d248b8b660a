import GrantModel

/// Number formats of the Chinese programmes that are confused with NSFC and the National Key R&D Program.
///
/// `domain.md` §2: 973 `YYYYCB…`, 863 `YYYYAA…`, Key Technology R&D `YYYYBA…`, international
/// cooperation `YYYYDF…`, major projects `YYYYZX…`, STI-2030 `YYYYZD…` and `YYYYAAA…`, postdoctoral
/// `YYYYM/T…` and `GZB/GZC…`, NSSFC `YYADJ001` / `YYZDA001`, MOE humanities `YYYJC…`, CAS `XDB…`.
enum NumberFormat {
    /// The look-alike programme whose format `number` (normalised) has, if any.
    static func lookAlike(_ number: String) -> FunderID? {
        let n = number.utf8.count
        guard (8...16).contains(n) else { return nil }
        var c: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &c) { buf in
            for (i, b) in number.utf8.prefix(8).enumerated() { buf[i] = b }
        }
        let b = [c.0, c.1, c.2, c.3, c.4, c.5, c.6, c.7]
        func digit(_ i: Int) -> Bool { b[i] >= 48 && b[i] <= 57 }
        func letter(_ i: Int) -> Bool { b[i] >= 65 && b[i] <= 90 }
        func at(_ i: Int, _ s: StaticString) -> Bool {
            let p = s.utf8Start
            for k in 0..<s.utf8CodeUnitCount where b[i + k] != p[k] { return false }
            return true
        }
        func tailDigits(from i: Int) -> Bool { number.utf8.dropFirst(i).allSatisfy { $0 >= 48 && $0 <= 57 } }
        if digit(0), digit(1), digit(2), digit(3), at(0, "19") || at(0, "20") {
            if at(4, "CB") { return .basic973 }
            if at(4, "AAA") { return .sti2030 }
            if at(4, "AA") { return .hiTech863 }
            if at(4, "BA") { return .keyTechRD }
            if at(4, "DF") { return .most }
            if at(4, "ZX") { return .majorProject }
            if at(4, "ZD"), digit(6) { return .sti2030 }
            if n == 11, at(4, "M") || at(4, "T"), tailDigits(from: 5) { return .cpsf }
        }
        if n == 11, at(0, "GZB") || at(0, "GZC"), tailDigits(from: 3) { return .cpsf }
        if n == 8, digit(0), digit(1), letter(2), letter(3), letter(4), digit(5), digit(6), digit(7),
            "ABCXFWK".utf8.contains(b[2]) || at(2, "ZD")
        {
            return .nssfc
        }
        if n >= 9, digit(0), digit(1), at(2, "YJ"), letter(4) { return .moeHumanities }
        if at(0, "XDA") || at(0, "XDB") || at(0, "XDC") || at(0, "QYZDJ") || at(0, "YSBR") || at(0, "ZDBS") {
            return .cas
        }
        return nil
    }

    /// Cheap shape test before `KeyRDNumber.parse`: `YYYYYF…`, 14 characters or more with a `-` suffix.
    static func hasKeyRDShape(_ number: String) -> Bool {
        let u = number.utf8
        guard u.count == 14 || (u.count > 15 && u.dropFirst(14).first == UInt8(ascii: "-")) else { return false }
        let head = u.prefix(6)
        return head.dropFirst(4).elementsEqual("YF".utf8) && head.prefix(4).allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// Cheap shape test before `NSFCNumber.parse`: 8–11 characters starting with a digit, `U` or `T`.
    static func hasNSFCShape(_ number: String) -> Bool {
        let u = number.utf8
        guard (8...11).contains(u.count), let f = u.first else { return false }
        return (f >= 49 && f <= 57) || f == UInt8(ascii: "U") || f == UInt8(ascii: "T")
    }

    static func keyRD(_ number: String) -> KeyRDNumber? {
        hasKeyRDShape(number) ? KeyRDNumber.parse(number) : nil
    }

    static func nsfc(_ number: String) -> NSFCNumber? {
        hasNSFCShape(number) ? NSFCNumber.parse(number) : nil
    }

    /// An all-digit string of NSFC-like length, or `U`/`T` + digits: a string that was meant as an NSFC number.
    static func looksLikeNSFC(_ number: String) -> Bool {
        let c = Array(number.utf8)
        guard let first = c.first else { return false }
        let body = first == 85 || first == 84 ? c.dropFirst() : c[...]
        guard body.allSatisfy({ $0 >= 48 && $0 <= 57 }), let lead = body.first, lead != 48 else { return false }
        return (7...12).contains(body.count)
    }

    /// `YYYY…` with at least eight characters: a string that was meant as a Key R&D number.
    static func looksLikeKeyRD(_ number: String) -> Bool {
        let c = Array(number.utf8)
        return c.count >= 8 && c[0..<4].allSatisfy { $0 >= 48 && $0 <= 57 } && (c[0] == 50 || c[0] == 49)
            && c.contains { $0 >= 65 && $0 <= 90 }
    }

    /// An NSFC application code (`H1402`) written after a number with a slash.
    static func isApplicationCode(_ s: String) -> Bool {
        let c = Array(s.utf8)
        guard (3...7).contains(c.count), "ABCDEFGHT".utf8.contains(c[0]) else { return false }
        return c.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// Splits a short numeric sub-level suffix: `81871234-1` → (`81871234`, `-1`).
    static func splitSuffix(_ s: String) -> (base: String, suffix: String?) {
        guard s.utf8.contains(UInt8(ascii: "-")), let dash = s.firstIndex(of: "-") else { return (s, nil) }
        let rest = s[s.index(after: dash)...]
        guard (1...3).contains(rest.count), rest.allSatisfy(\.isASCII), rest.allSatisfy(\.isNumber) else { return (s, nil) }
        return (String(s[..<dash]), String(s[dash...]))
    }
}
