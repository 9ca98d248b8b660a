/// An NSFC approval number (项目批准号) and what its layout says.
///
/// See `domain.md` §1: `D YY T SSSS` for 8-digit numbers, 11-digit international numbers,
/// joint funds `U…`, interdisciplinary `T…` and the 2023+ student numbers `DYYBxxxx`.
public struct NSFCNumber: Hashable, Sendable, Codable {
    public enum Shape: String, Codable, Sendable {
        /// `D YY T SSSS`, eight digits (first digit 1–8 is a department).
        case standard
        /// `9 YY …`, the Major Research Plan (重大研究计划), not a department.
        case majorResearchPlan
        /// `D YY PPPP SSS`, eleven digits, international programmes.
        case international
        /// `U` + 7 digits, joint funds before ~2019.
        case jointFund
        /// `U YY L NNNN(N)`, joint funds from ~2019.
        case jointFundLettered
        /// `T YY T SSSS`, 交叉科学部.
        case interdisciplinary
        /// `D YY B SSSS`, 青年学生基础研究项目 (since 2023).
        case student
    }

    /// The canonical number, e.g. `81871234`, `U1809209`.
    public let text: String
    public let shape: Shape
    /// Approval year decoded from the number.
    public let year: Int?
    /// Department decoded from the number; `nil` for the Major Research Plan and joint funds.
    public let department: NSFCDepartment?
    /// Funding type decoded from the number (Chinese name), when the layout says it.
    public let fundingType: String?
    /// True when `text` had its `U` restored because the source list dropped it.
    public let restoredJointFundPrefix: Bool

    /// Parses a normalised number. A bare 7-digit number is accepted only with `jointFundHint`,
    /// since some lists store `U1504701` as `1504701`.
    public static func parse(_ raw: String, jointFundHint: Bool = false) -> NSFCNumber? {
        let s = raw.normalizedGrantNumber
        let c = Array(s.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { $0 < c.count && c[$0] >= 48 && c[$0] <= 57 } }
        func year(at i: Int) -> Int? {
            guard digits(i..<(i + 2)) else { return nil }
            let yy = Int(c[i] - 48) * 10 + Int(c[i + 1] - 48)
            return yy >= 86 ? 1900 + yy : 2000 + yy  // NSFC was founded in 1986
        }
        func type(at i: Int) -> String? {
            guard c.count > i + 1 else { return nil }
            let two = String(decoding: c[i...(i + 1)], as: UTF8.self)
            if let name = twoDigitTypes[two] { return name }
            return oneDigitTypes[Character(UnicodeScalar(c[i]))]
        }
        switch c.count {
        case 8 where digits(0..<8) && c[0] != 48:
            if c[0] == 57 {
                return NSFCNumber(text: s, shape: .majorResearchPlan, year: year(at: 1), department: nil,
                                  fundingType: "重大研究计划", restoredJointFundPrefix: false)
            }
            return NSFCNumber(text: s, shape: .standard, year: year(at: 1),
                              department: NSFCDepartment(numberDigit: Character(UnicodeScalar(c[0]))),
                              fundingType: type(at: 3), restoredJointFundPrefix: false)
        case 8 where c[0] == 84 && digits(1..<8):  // T
            return NSFCNumber(text: s, shape: .interdisciplinary, year: year(at: 1), department: .interdisciplinary,
                              fundingType: type(at: 3), restoredJointFundPrefix: false)
        case 8 where c[0] == 85 && digits(1..<8):  // U
            return NSFCNumber(text: s, shape: .jointFund, year: year(at: 1), department: nil,
                              fundingType: "联合基金项目", restoredJointFundPrefix: false)
        case 8 where digits(0..<3) && c[0] != 48 && c[0] != 57 && c[3] == 66 && digits(4..<8):  // DYYB
            return NSFCNumber(text: s, shape: .student, year: year(at: 1),
                              department: NSFCDepartment(numberDigit: Character(UnicodeScalar(c[0]))),
                              fundingType: "青年学生基础研究项目", restoredJointFundPrefix: false)
        case 8...10 where c[0] == 85 && digits(1..<3) && c[3] >= 65 && c[3] <= 90 && digits(4..<c.count):
            return NSFCNumber(text: s, shape: .jointFundLettered, year: year(at: 1), department: nil,
                              fundingType: "联合基金项目", restoredJointFundPrefix: false)
        case 11 where digits(0..<11) && c[0] != 48 && c[0] != 57:
            let program = String(decoding: c[3..<7], as: UTF8.self)
            let name: String =
                switch program {
                case "2010": "重点国际(地区)合作研究项目"
                case "5041": "外国青年学者研究基金项目"
                case _ where program.hasPrefix("611"): "国际(地区)合作与交流项目"
                default: "国际(地区)合作项目"
                }
            return NSFCNumber(text: s, shape: .international, year: year(at: 1),
                              department: NSFCDepartment(numberDigit: Character(UnicodeScalar(c[0]))),
                              fundingType: name, restoredJointFundPrefix: false)
        case 7 where jointFundHint && digits(0..<7):
            return NSFCNumber(text: "U" + s, shape: .jointFund, year: year(at: 0), department: nil,
                              fundingType: "联合基金项目", restoredJointFundPrefix: true)
        default:
            return nil
        }
    }

    // Digit 4 (or digits 4–5 for the 2x/88 families), domain.md §1.1.
    static let oneDigitTypes: [Character: String] = [
        "0": "青年科学基金项目", "7": "面上项目", "6": "地区科学基金项目", "3": "重点项目",
        "4": "应急管理项目", "9": "重大项目",
    ]
    static let twoDigitTypes: [String: String] = [
        "21": "创新研究群体项目", "22": "优秀青年科学基金项目", "25": "国家杰出青年科学基金",
        "26": "数学天元基金", "27": "国家重大科研仪器研制项目", "28": "海外及港澳学者合作研究基金",
        "29": "海外及港澳学者合作研究基金", "88": "基础科学中心项目",
    ]
}
