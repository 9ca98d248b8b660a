import GrantModel

/// A field of a grant list that a spreadsheet column can map to.
public enum GrantField: String, CaseIterable, Sendable, Codable {
    case number, title, pi, institution, type, code, amount, year, period, start, end, keywords, abstract, department

    /// Header synonyms, compared after `GrantField.headerKey` (lower case, no spaces, no bracketed unit).
    static let synonyms: [GrantField: [String]] = [
        .number: ["项目批准号", "批准号", "项目编号", "项目号", "课题编号", "项目/课题编号", "资助号", "grantno.", "grantno",
                  "grantnumber", "grant", "project_id", "projectid", "projectno", "projectnumber", "prjno", "awardnumber",
                  "approvetext", "number"],
        .title: ["项目名称", "题目", "课题名称", "名称", "项目题目", "title", "projecttitle", "ctitle", "name"],
        .pi: ["负责人", "项目负责人", "主持人", "课题负责人", "申请人", "pi", "person", "psnname", "principalinvestigator",
              "persontext", "leader"],
        .institution: ["依托单位", "单位", "承担单位", "牵头单位", "工作单位", "所在单位", "institution", "organization",
                       "organisation", "orgname", "org", "affiliation"],
        .type: ["资助类别", "项目类别", "资助类型", "项目类型", "类别", "project_type", "projecttype", "type", "fundtypetext",
                "granttype", "category", "fundingtype"],
        .code: ["申请代码", "学科代码", "学科分类", "subject_code", "subjectcode", "applicationcode", "disciplinecode",
                "codetext", "code"],
        .amount: ["批准金额", "资助经费", "金额", "经费", "资助金额", "直接费用", "money", "amount", "totalamt", "funding"],
        .year: ["批准年份", "批准年度", "年度", "年份", "立项年份", "approval_year", "approvalyear", "approveyear", "year"],
        .period: ["起止年月", "研究期限", "执行时间", "起止时间", "项目起止年月", "执行期限", "startenddate", "period", "duration"],
        .start: ["start_time", "starttime", "开始时间", "开始年月", "startdate"],
        .end: ["end_time", "endtime", "结束时间", "结束年月", "enddate"],
        .keywords: ["关键词", "关键字", "中文关键词", "keywords", "keyword"],
        .abstract: ["摘要", "中文摘要", "项目摘要", "abstract", "summary"],
        .department: ["所属学部", "学部", "科学部", "所属科学部", "department", "subject"],
    ]

    /// Position in `allCases`, for array lookups per row (a dictionary keyed by a `String` enum hashes the raw value).
    var ordinal: Int {
        switch self {
        case .number: 0
        case .title: 1
        case .pi: 2
        case .institution: 3
        case .type: 4
        case .code: 5
        case .amount: 6
        case .year: 7
        case .period: 8
        case .start: 9
        case .end: 10
        case .keywords: 11
        case .abstract: 12
        case .department: 13
        }
    }

    /// Normalises a header for matching: full-width folded, lower case, spaces and bracketed parts removed.
    static func headerKey(_ header: String) -> String {
        var out = ""
        var depth = 0
        for ch in header.asciiFolded.lowercased() {
            switch ch {
            case "(", "[", "【": depth += 1
            case ")", "]", "】": depth = max(0, depth - 1)
            default: if depth == 0, !ch.isWhitespace, ch != "\u{FEFF}" { out.append(ch) }
            }
        }
        return out
    }
}
