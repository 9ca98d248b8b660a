import Foundation
import GrantModel

/// Which funder a list belongs to (`--funder`).
public enum FunderMode: String, CaseIterable, Sendable {
    case nsfc, nkrdpc, auto
}

/// Turns spreadsheet rows into `Grant` values, or says why a row is rejected.
public struct GrantRowParser: Sendable {
    public let mapping: HeaderMapping
    public let funder: FunderMode
    /// `mapping.columns` by `GrantField.ordinal`: read for every field of every row, where hashing the dictionary's
    /// keys showed in profiles.
    private let columnOf: [Int?]
    /// Whether column i is mapped to a field; unmapped non-empty cells go to `extra`.
    private let isMapped: [Bool]

    public init(mapping: HeaderMapping, funder: FunderMode) {
        self.mapping = mapping
        self.funder = funder
        columnOf = GrantField.allCases.map { mapping.columns[$0] }
        var isMapped = Array(repeating: false, count: mapping.headers.count)
        for i in mapping.columns.values where i < isMapped.count { isMapped[i] = true }
        self.isMapped = isMapped
    }

    /// Parses one data row. The error string is the reject reason.
    public func parse(_ cells: [String]) -> Result<Grant, RowRejection> {
        func cell(_ f: GrantField) -> String? {
            guard let i = columnOf[f.ordinal], i < cells.count else { return nil }
            let v = cells[i].trimmingSpaces
            return v.isEmpty ? nil : v
        }
        guard let rawNumber = cell(.number) else { return .failure(RowRejection("no grant number")) }
        let type = cell(.type)
        let jointHint = type.map(Self.namesJointFund) ?? false
        let parsed: GrantNumber?
        switch funder {
        case .auto: parsed = GrantNumber.parse(rawNumber, jointFundHint: jointHint)
        case .nsfc: parsed = NSFCNumber.parse(rawNumber, jointFundHint: jointHint).map(GrantNumber.nsfc)
        case .nkrdpc: parsed = KeyRDNumber.parse(rawNumber).map(GrantNumber.nkrdpc)
        }
        guard let number = parsed else {
            let expected =
                switch funder {
                case .nsfc: "an NSFC number (8 digits, 11 digits, U…, T…, DYYBxxxx)"
                case .nkrdpc: "a Key R&D number (YYYYYF + letter + 7 digits)"
                case .auto: "an NSFC or Key R&D number"
                }
            return .failure(RowRejection("malformed number '\(rawNumber)': expected \(expected)"))
        }
        var g = Grant(number: number.text, funder: number.funder)
        g.title = cell(.title)
        g.pi = cell(.pi)
        g.institution = cell(.institution)
        if let type { (g.fundingType, g.fundingTypeSource) = (type, .given) }
        if let code = cell(.code) {
            g.applicationCode = ApplicationCode.mostSpecific(in: code) ?? code
        }
        if let y = cell(.year) {
            guard let year = Self.parseYear(y) else { return .failure(RowRejection("unparseable year '\(y)'")) }
            (g.year, g.yearSource) = (year, .given)
        }
        if let a = cell(.amount) {
            guard let (yuan, unit, inferred) = parseAmount(a) else {
                return .failure(RowRejection("unparseable amount '\(a)'"))
            }
            (g.amountYuan, g.amountRaw, g.amountUnit) = (yuan, a, unit.rawValue)
            if inferred { g.notes.append("amount unit not stated; read '\(a)' as \(unit.rawValue)") }
        }
        if let p = cell(.period) {
            g.period = p
        } else if cell(.start) != nil || cell(.end) != nil {
            g.period = "\(cell(.start) ?? "")-\(cell(.end) ?? "")"
        }
        g.keywords = cell(.keywords)
        g.abstract = cell(.abstract)
        if case .nsfc = number {
            if let code = g.applicationCode, let d = NSFCDepartment(applicationCode: code) {
                (g.department, g.departmentSource) = (d.rawValue, .given)
            } else if let name = cell(.department) {
                if let d = NSFCDepartment(name: name) {
                    (g.department, g.departmentSource) = (d.rawValue, .given)
                } else {
                    g.notes.append("department '\(name)' not recognised; decoded from the number instead")
                }
            }
        }
        g.applyDecodedFacts(number)
        g.extra = extraJSON(cells)
        return .success(g)
    }

    /// Whether a funding type names a joint fund (`联合基金`, `Joint Fund`), which tells a bare 7-digit number is a `U…` one.
    static func namesJointFund(_ type: String) -> Bool {
        // Byte search where it is sure to agree with Foundation's (canonical-equivalence) search; see `isPlainText`.
        if type.isPlainText {
            return type.utf8.contains(subsequence: "联合基金".utf8) || type.utf8.containsIgnoringASCIICase("joint")
        }
        return type.contains("联合基金") || type.lowercased().contains("joint")
    }

    private func extraJSON(_ cells: [String]) -> String? {
        var dict: [String: String] = [:]
        // Cells under a blank (or repeated) header, or beyond the header row, are keyed by column number.
        for i in cells.indices where i >= isMapped.count || !isMapped[i] {
            let v = cells[i].trimmingSpaces
            guard !v.isEmpty else { continue }
            let header = i < mapping.headers.count ? mapping.headers[i] : ""
            dict[header.isEmpty || dict[header] != nil ? "column \(i + 1)" : header] = v
        }
        return JSONText.object(dict)
    }

    /// Reads `2019`, `2019.0`, `2019年`; years outside 1986…2100 are rejected (NSFC began in 1986).
    static func parseYear(_ s: String) -> Int? {
        if s.utf8.count == 4, let y = Self.asciiDigits(s) { return (1986...2100).contains(y) ? y : nil }
        var t = s.asciiFolded.trimmingSpaces
        if t.hasSuffix("年") { t.removeLast() }
        if t.hasSuffix(".0") { t.removeLast(2) }
        guard t.count == 4, let y = Int(t), (1986...2100).contains(y) else { return nil }
        return y
    }

    /// Reads an amount such as `18`, `29.5`, `65.0（万元）`, `200万元`, `1,234,000元`, `¥180000` into yuan.
    /// Returns whether the unit had to be inferred.
    func parseAmount(_ s: String) -> (Int64, HeaderMapping.AmountUnit, Bool)? {
        if let fast = Self.plainDecimal(s) { return scaled(fast.units, fast.scale) }
        var t = s.asciiFolded.replacingOccurrences(of: ",", with: "")
        var unit = mapping.amountUnit
        for (marker, u) in [("万元", HeaderMapping.AmountUnit.wan), ("万", .wan), ("元", .yuan)] where t.contains(marker) {
            unit = u
            t = t.replacingOccurrences(of: marker, with: "")
        }
        t = t.filter { !"()¥￥ ".contains($0) }
        // Decimal(string:) reads a prefix ("1.2.3" → 1.2), so check the whole text is one number first.
        guard t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), t.count(where: { $0 == "." }) <= 1,
            t.contains(where: \.isNumber),
            let value = Decimal(string: t, locale: Locale(identifier: "en_US_POSIX")), value >= 0
        else { return nil }
        let inferred = unit == nil
        // NSFC awards are at least 1万元; a bare value below 100000 is far likelier 万元 than yuan.
        let u = unit ?? (value < Self.wanThreshold ? .wan : .yuan)
        var yuan = u == .wan ? value * 10_000 : value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &yuan, 0, .plain)
        return (NSDecimalNumber(decimal: rounded).int64Value, u, inferred)
    }

    static let wanThreshold: Decimal = 100_000

    /// The value of a text made only of ASCII digits (at most 18), else nil.
    static func asciiDigits(_ s: String) -> Int? {
        var value = 0, digits = 0
        for b in s.utf8 {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), digits < 18 else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? value : nil
    }

    /// The common case, plain ASCII digits with at most one point (`18`, `29.5`), read without Foundation:
    /// the value is `units / 10^scale`. Anything else returns nil and takes the general path.
    static func plainDecimal(_ s: String) -> (units: Int64, scale: Int)? {
        var units: Int64 = 0, scale = 0, seenPoint = false, digits = 0
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 17 else { return nil }
                units = units * 10 + Int64(b - 48)
                digits += 1
                if seenPoint { scale += 1 }
            case UInt8(ascii: "."):
                guard !seenPoint else { return nil }
                seenPoint = true
            default:
                return nil
            }
        }
        return digits > 0 ? (units, scale) : nil
    }

    /// Converts `units / 10^scale`, in the mapping's unit (or inferred), to whole yuan, rounding half up.
    private func scaled(_ units: Int64, _ scale: Int) -> (Int64, HeaderMapping.AmountUnit, Bool) {
        var pow: Int64 = 1
        for _ in 0..<scale { pow *= 10 }
        let inferred = mapping.amountUnit == nil
        let unit = mapping.amountUnit ?? (units < 100_000 * pow ? .wan : .yuan)
        let numerator = unit == .wan ? units * 10_000 : units
        return ((numerator + pow / 2) / pow, unit, inferred)
    }
}

/// Why a row was rejected.
public struct RowRejection: Error, Equatable, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// NSFC application codes (申请代码) as written in lists: `H1801`, or `一级：C05，二级：C0501，三级：C050101`.
public enum ApplicationCode {
    /// The longest code-shaped token (letter A–H or T followed by 2–6 digits) in the text.
    public static func mostSpecific(in text: String) -> String? {
        if isPlainCode(text) { return text }
        var best: String?
        var current = ""
        func flush() {
            if current.count >= 3, current.count <= 7, current.dropFirst().allSatisfy(\.isNumber),
                current.count > (best?.count ?? 0)
            {
                best = current
            }
            current = ""
        }
        for ch in text.asciiFolded.uppercased() {
            if current.isEmpty {
                if "ABCDEFGHT".contains(ch) { current.append(ch) }
            } else if ch.isASCII, ch.isNumber {
                current.append(ch)
            } else {
                flush()
                if "ABCDEFGHT".contains(ch) { current.append(ch) }
            }
        }
        flush()
        return best
    }

    /// A text that is one code already, such as `H1801`: what `mostSpecific` would return, found without folding.
    static func isPlainCode(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (3...7).contains(bytes.count), let first = bytes.first, "ABCDEFGHT".utf8.contains(first) else { return false }
        return bytes.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
