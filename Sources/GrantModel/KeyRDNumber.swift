/// A National Key R&D Program (国家重点研发计划) number: `YYYY` + `YF` + programme letter + 7 digits.
///
/// A number ending in `00` is a project; any other ending is a sub-project (课题) of `…00`.
public struct KeyRDNumber: Hashable, Sendable, Codable {
    /// The canonical number, e.g. `2016YFC0901001`.
    public let text: String
    public let year: Int
    /// The letter after `YF` (A basic/frontier, B high-tech, C social development incl. health, D agriculture,
    /// E international cooperation, F 2021+).
    public let programme: Character
    /// The sub-level suffix dropped from the input, such as `-3` in `2016YFD0200701-3`.
    public let droppedSuffix: String?

    public var isSubProject: Bool { !text.hasSuffix("00") }
    /// The project this number belongs to (itself when it is a project).
    public var projectNumber: String { String(text.dropLast(2)) + "00" }

    public var programmeLabel: String {
        let name: String =
            switch programme {
            case "A": "basic & frontier research"
            case "B": "high-tech & industry"
            case "C": "social development & health"
            case "D": "agriculture"
            case "E": "international cooperation"
            case "F": "programmes since 2021"
            default: "programme \(programme)"
            }
        return "YF\(programme) \(name)"
    }

    public static func parse(_ raw: String) -> KeyRDNumber? {
        var s = raw.normalizedGrantNumber
        // Most numbers asked about are NSFC's eight characters (a fifth of deciding links was spent here).
        guard s.utf8.count >= 14 else { return nil }
        var suffix: String?
        if let dash = s.firstIndex(of: "-"), s.distance(from: s.startIndex, to: dash) == 14 {
            suffix = String(s[dash...])
            s = String(s[..<dash])
        }
        let c = Array(s.utf8)
        guard c.count == 14, c[0] == 50, c[1] == 48,  // "20"
            c[0..<4].allSatisfy({ $0 >= 48 && $0 <= 57 }), c[4] == 89, c[5] == 70,  // "YF"
            c[6] >= 65, c[6] <= 90, c[7..<14].allSatisfy({ $0 >= 48 && $0 <= 57 }),
            let year = Int(String(decoding: c[0..<4], as: UTF8.self))
        else { return nil }
        return KeyRDNumber(text: s, year: year, programme: Character(UnicodeScalar(c[6])), droppedSuffix: suffix)
    }

    enum CodingKeys: String, CodingKey { case text }
    public init(from decoder: any Decoder) throws {
        let text = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .text)
        guard let parsed = KeyRDNumber.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a Key R&D number: \(text)"))
        }
        self = parsed
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
    }
    init(text: String, year: Int, programme: Character, droppedSuffix: String?) {
        self.text = text
        self.year = year
        self.programme = programme
        self.droppedSuffix = droppedSuffix
    }
}

/// A grant number of either funder, as decided by its format (`--funder auto`).
public enum GrantNumber: Hashable, Sendable {
    case nsfc(NSFCNumber)
    case nkrdpc(KeyRDNumber)

    public static func parse(_ raw: String, jointFundHint: Bool = false) -> GrantNumber? {
        if let k = KeyRDNumber.parse(raw) { return .nkrdpc(k) }
        if let n = NSFCNumber.parse(raw, jointFundHint: jointFundHint) { return .nsfc(n) }
        return nil
    }

    public var funder: FunderID {
        switch self {
        case .nsfc: .nsfc
        case .nkrdpc: .nkrdpc
        }
    }

    public var text: String {
        switch self {
        case .nsfc(let n): n.text
        case .nkrdpc(let k): k.text
        }
    }
}
