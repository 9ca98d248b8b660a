/// One grant (project or sub-project) as imported from a list, with where each decoded fact came from.
public struct Grant: Hashable, Codable, Sendable {
    /// Whether a fact was given by the source list or inferred from the grant number.
    public enum FactSource: String, Codable, Sendable {
        case given, inferred
    }

    public var number: String
    public var funder: FunderID
    public var title: String?
    public var pi: String?
    public var institution: String?
    public var fundingType: String?
    public var fundingTypeSource: FactSource?
    /// 申请代码 as published with the record (never derived from the number).
    public var applicationCode: String?
    /// Department code: NSFC letter `A`…`H`, `T`, or `MRP` / `JOINT`; Key R&D `YFA`…
    public var department: String?
    public var departmentSource: FactSource?
    public var year: Int?
    public var yearSource: FactSource?
    public var amountYuan: Int64?
    /// The amount as written and the unit it was read in (`万元` or `元`).
    public var amountRaw: String?
    public var amountUnit: String?
    public var period: String?
    public var keywords: String?
    public var abstract: String?
    /// Unmapped columns of the source row, as a JSON object, so nothing is lost.
    public var extra: String?
    /// Key R&D: the project (…00) a sub-project belongs to; `nil` for projects and NSFC grants.
    public var projectNumber: String?
    /// True for a Key R&D project row created only because one of its sub-projects was imported.
    public var isPlaceholder: Bool
    /// Notes about how the row was read (restored `U`, inferred unit, …).
    public var notes: [String]

    public init(number: String, funder: FunderID) {
        self.number = number
        self.funder = funder
        self.isPlaceholder = false
        self.notes = []
    }

    /// Fills department, year and type from the number where the list did not give them.
    public mutating func applyDecodedFacts(_ parsed: GrantNumber) {
        switch parsed {
        case .nsfc(let n):
            if year == nil, let y = n.year { (year, yearSource) = (y, .inferred) }
            if fundingType == nil, let t = n.fundingType { (fundingType, fundingTypeSource) = (t, .inferred) }
            if department == nil {
                if let code = applicationCode, let d = NSFCDepartment(applicationCode: code) {
                    (department, departmentSource) = (d.rawValue, .given)
                } else if let d = n.department {
                    (department, departmentSource) = (d.rawValue, .inferred)
                    if d == .life, let y = n.year, y <= 2009 {
                        notes.append("medical grants before 2010 carried life-science (3…) numbers; department from the number is 生命科学部")
                    }
                } else {
                    (department, departmentSource) = (n.shape == .majorResearchPlan ? "MRP" : "JOINT", .inferred)
                }
            }
            if n.restoredJointFundPrefix { notes.append("joint-fund number listed without its U; stored as \(n.text)") }
        case .nkrdpc(let k):
            if year == nil { (year, yearSource) = (k.year, .inferred) }
            if department == nil { (department, departmentSource) = ("YF\(k.programme)", .inferred) }
            if k.isSubProject { projectNumber = k.projectNumber }
            if let s = k.droppedSuffix { notes.append("sub-level suffix \(s) dropped") }
        }
    }
}

/// Human-readable names for department codes stored on grants.
public enum DepartmentLabel {
    public static func label(for code: String) -> String {
        if let d = NSFCDepartment(rawValue: code) { return d.label }
        switch code {
        case "MRP": return "9 重大研究计划 Major Research Plan"
        case "JOINT": return "U 联合基金 Joint Funds"
        default:
            if code.hasPrefix("YF"), let letter = code.last, let k = KeyRDNumber.parse("2020YF\(letter)0000000") {
                return "国家重点研发计划 " + k.programmeLabel
            }
            return code
        }
    }
}
