import Foundation

/// An NSFC scientific department (科学部), identified by its application-code letter.
public enum NSFCDepartment: String, CaseIterable, Codable, Sendable {
    case mathematicalPhysical = "A"
    case chemical = "B"
    case life = "C"
    case earth = "D"
    case engineeringMaterials = "E"
    case information = "F"
    case management = "G"
    case health = "H"
    case interdisciplinary = "T"

    /// The department whose grant numbers start with `digit` (1–8); 9 is the Major Research Plan, not a department.
    public init?(numberDigit digit: Character) {
        switch digit {
        case "1": self = .mathematicalPhysical
        case "2": self = .chemical
        case "3": self = .life
        case "4": self = .earth
        case "5": self = .engineeringMaterials
        case "6": self = .information
        case "7": self = .management
        case "8": self = .health
        case "T": self = .interdisciplinary
        default: return nil
        }
    }

    /// The department of an application code such as `H1801` or `F0601`; `nil` if the letter is unknown.
    public init?(applicationCode: String) {
        // Fast path: a code starting with an ASCII letter not followed by a combining mark (the usual `H1801`).
        var bytes = applicationCode.utf8.makeIterator()
        if let b = bytes.next(), b > 0x20, b < 0x80, bytes.next().map({ $0 < 0x80 }) ?? true {
            let upper = b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") ? b - 0x20 : b
            self.init(rawValue: String(UnicodeScalar(upper)))
            return
        }
        guard let first = applicationCode.trimmingSpaces.uppercased().first else { return nil }
        self.init(rawValue: String(first))
    }

    public var chineseName: String {
        switch self {
        case .mathematicalPhysical: "数理科学部"
        case .chemical: "化学科学部"
        case .life: "生命科学部"
        case .earth: "地球科学部"
        case .engineeringMaterials: "工程与材料科学部"
        case .information: "信息科学部"
        case .management: "管理科学部"
        case .health: "医学科学部"
        case .interdisciplinary: "交叉科学部"
        }
    }

    public var englishName: String {
        switch self {
        case .mathematicalPhysical: "Mathematical and Physical Sciences"
        case .chemical: "Chemical Sciences"
        case .life: "Life Sciences"
        case .earth: "Earth Sciences"
        case .engineeringMaterials: "Engineering and Materials Sciences"
        case .information: "Information Sciences"
        case .management: "Management Sciences"
        case .health: "Medical Sciences"
        case .interdisciplinary: "Interdisciplinary Sciences"
        }
    }

    /// Label used in reports, e.g. `H 医学科学部 Medical Sciences`.
    public var label: String { "\(rawValue) \(chineseName) \(englishName)" }

    /// Finds a department from a free-text name (所属学部 column): `医学科学部`, `医学部`, `Medical Sciences`, `H`.
    public init?(name: String) {
        let n = name.trimmingSpaces
        if n.count == 1, let d = NSFCDepartment(rawValue: n.uppercased()) { self = d; return }
        for d in NSFCDepartment.allCases {
            let short = d.chineseName.replacingOccurrences(of: "科学部", with: "")
            if n.contains(d.chineseName) || n.hasPrefix(short) || n.lowercased() == d.englishName.lowercased() {
                self = d
                return
            }
        }
        if n.lowercased().contains("health") || n.lowercased().contains("medic") { self = .health; return }
        return nil
    }
}
