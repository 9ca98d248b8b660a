import Testing
import GrantImport

@Suite struct HeaderMappingTests {
    /// Every synonym family a real list uses must land on its field (domain.md §6).
    @Test(arguments: [
        ("项目批准号", GrantField.number), ("批准号", .number), ("项目编号", .number), ("Grant No.", .number),
        ("project_id", .number), ("prjNo", .number), ("approveText", .number),
        ("项目名称", .title), ("题目", .title), ("Title", .title), ("ctitle", .title),
        ("负责人", .pi), ("项目负责人", .pi), ("PI", .pi), ("psnName", .pi), ("personText", .pi),
        ("依托单位", .institution), ("单位", .institution), ("Institution", .institution), ("organization", .institution),
        ("资助类别", .type), ("项目类别", .type), ("项目类型", .type), ("fundTypeText", .type),
        ("申请代码", .code), ("学科代码", .code), ("subject_code", .code), ("subjectCode", .code),
        ("批准金额(万元)", .amount), ("金额", .amount), ("资助经费（万元）", .amount), ("金额（元）", .amount),
        ("money", .amount), ("totalAmt", .amount), ("金额 (万)", .amount),
        ("批准年份", .year), ("批准年度", .year), ("approval_year", .year), ("approveYear", .year),
        ("起止年月", .period), ("研究期限", .period), ("执行时间", .period), ("startEndDate", .period),
        ("start_time", .start), ("end_time", .end),
        ("关键词", .keywords), ("摘要", .abstract), ("中文摘要", .abstract),
        ("所属学部", .department), ("学部", .department),
    ])
    func mapsSynonym(header: String, field: GrantField) throws {
        // A number column is required, so pair every header with one (or use it alone when it is the number).
        let headers = field == .number ? [header] : ["批准号", header]
        let m = try HeaderMapping(headers: headers, overrides: [])
        #expect(m.columns[field] == headers.count - 1, "\(header) should map to \(field)")
        #expect(m.unmapped.isEmpty)
    }

    @Test func fullWidthAndSpacedHeadersMatch() throws {
        let m = try HeaderMapping(headers: ["\u{FEFF}项目批准号", " 项目名称 ", "批准金额【万元】", "ＰＩ", "Grant  Type"])
        #expect(m.columns[.number] == 0)
        #expect(m.columns[.title] == 1)
        #expect(m.columns[.amount] == 2)
        #expect(m.columns[.pi] == 3)
        #expect(m.columns[.type] == 4)
        #expect(m.headers[0] == "项目批准号", "BOM and spaces are trimmed from stored headers")
    }

    @Test func officialSearchGridColumns() throws {
        let h = ["项目批准号", "申请代码", "项目名称", "项目负责人", "依托单位", "批准金额", "项目起止年月"]
        let m = try HeaderMapping(headers: h)
        #expect(m.columns == [.number: 0, .code: 1, .title: 2, .pi: 3, .institution: 4, .amount: 5, .period: 6])
        #expect(m.amountUnit == nil, "批准金额 states no unit")
    }

    @Test func englishScrapeColumns() throws {
        let h = ["Grant No.", "Title", "PI", "Institution", "approval_year", "money", "subject_code", "remark"]
        let m = try HeaderMapping(headers: h)
        #expect(m.columns == [.number: 0, .title: 1, .pi: 2, .institution: 3, .year: 4, .amount: 5, .code: 6])
        #expect(m.unmapped == [7])
    }

    @Test(arguments: [
        ("批准金额(万元)", HeaderMapping.AmountUnit?.some(.wan)), ("资助经费（万元）", .wan), ("金额 (万)", .wan),
        ("金额（元）", .yuan), ("Amount (CNY)", .yuan), ("amount (10k yuan)", .wan), ("金额", nil), ("money", nil),
    ])
    func amountUnitFromHeader(header: String, unit: HeaderMapping.AmountUnit?) throws {
        let m = try HeaderMapping(headers: ["批准号", header])
        #expect(m.columns[.amount] == 1)
        #expect(m.amountUnit == unit)
    }

    @Test func explicitAmountUnitBeatsHeader() throws {
        let m = try HeaderMapping(headers: ["批准号", "金额（万元）"], amountUnit: .yuan)
        #expect(m.amountUnit == .yuan)
    }

    @Test func firstSynonymColumnWinsAndLaterOnesAreKept() throws {
        let m = try HeaderMapping(headers: ["批准号", "项目编号", "申请代码", "学科代码"])
        #expect(m.columns[.number] == 0)
        #expect(m.columns[.code] == 2)
        #expect(m.unmapped == [1, 3])
    }

    @Test func letPubColumnsPreferTheCodeColumnOverTheNameColumn() throws {
        // LetPub carries both 学科分类 (discipline names) and 学科代码 (the codes); the synonym list ranks 学科代码 higher.
        let h = ["项目编号", "负责人", "单位", "金额 (万)", "所属学部", "项目类型", "批准年份", "题目", "学科分类", "学科代码", "执行时间"]
        let m = try HeaderMapping(headers: h)
        #expect(m.columns == [.number: 0, .pi: 1, .institution: 2, .amount: 3, .department: 4, .type: 5, .year: 6,
                              .title: 7, .code: 9, .period: 10])
        #expect(m.unmapped == [8])
        #expect(m.amountUnit == .wan)
    }

    @Test func outputNSFCColumns() throws {
        let h = ["项目名称", "批准号", "项目类别", "依托单位", "项目负责人", "资助经费(万元)", "批准年度", "关键词", "是否结题",
                 "研究成果(期刊论文;会议论文;著作;奖励;专利)", "依托单位ID", "项目负责人ID", "项目类别代码", "申请代码", "起止年月",
                 "中文摘要", "英文摘要", "负责人职称"]
        let m = try HeaderMapping(headers: h)
        #expect(m.columns == [.title: 0, .number: 1, .type: 2, .institution: 3, .pi: 4, .amount: 5, .year: 6, .keywords: 7,
                              .code: 13, .period: 14, .abstract: 15])
        #expect(m.unmapped == [8, 9, 10, 11, 12, 16, 17])
    }

    @Test func dailycafiColumns() throws {
        let h = ["index", "approveText", "title", "searchYear", "searchFund", "searchCode", "codeText", "fundTypeText",
                 "personText", "money", "approveYear", "endYear", "organization", "keywords"]
        let m = try HeaderMapping(headers: h)
        #expect(m.columns == [.number: 1, .title: 2, .code: 6, .type: 7, .pi: 8, .amount: 9, .year: 10,
                              .institution: 12, .keywords: 13])
    }

    @Test func overrideHeaderMatchesAcrossBracketWidth() throws {
        // Users type ASCII brackets for a header written with full-width ones (or the reverse).
        let m = try HeaderMapping(headers: ["编号", "经费（万元）"], overrides: ["编号=number", "经费(万元)=ignore"])
        #expect(m.columns == [.number: 0])
    }

    @Test func unmappedColumnsListedButBlankHeadersNot() throws {
        let m = try HeaderMapping(headers: ["批准号", "是否结题", "", "负责人职称", "项目名称"])
        #expect(m.unmapped == [1, 3])
        #expect(m.description.last?.contains("是否结题, 负责人职称") == true)
    }

    @Test func overrideMapsAnUnknownHeader() throws {
        let m = try HeaderMapping(headers: ["编号", "课题名"], overrides: ["编号=number", "课题名 = Title"])
        #expect(m.columns == [.number: 0, .title: 1])
    }

    @Test func overrideMovesAFieldToAnotherColumn() throws {
        // 批准号 would be the number by synonym; the override picks 项目编号 instead and the old column becomes extra.
        let m = try HeaderMapping(headers: ["批准号", "项目编号"], overrides: ["项目编号=number"])
        #expect(m.columns[.number] == 1)
        #expect(m.unmapped == [0])
    }

    @Test func overrideIgnoreDropsAColumn() throws {
        let m = try HeaderMapping(headers: ["批准号", "金额（万元）", "关键词"], overrides: ["金额（万元）=ignore", "关键词=IGNORE"])
        #expect(m.columns == [.number: 0])
        #expect(m.amountUnit == nil, "an ignored amount column gives no unit")
        #expect(m.unmapped == [1, 2])
    }

    @Test func overrideSetsAmountUnitFromItsHeader() throws {
        let m = try HeaderMapping(headers: ["批准号", "Budget (万元)"], overrides: ["Budget (万元)=amount"])
        #expect(m.columns[.amount] == 1)
        #expect(m.amountUnit == .wan)
    }

    @Test func overrideCanUnmapTheNumberColumn() {
        #expect(throws: ImportError.self) {
            try HeaderMapping(headers: ["批准号", "项目名称"], overrides: ["批准号=ignore"])
        }
    }

    @Test func unknownHeaderInOverrideIsAnError() {
        #expect {
            try HeaderMapping(headers: ["批准号"], overrides: ["Nope=title"])
        } throws: { error in
            guard case ImportError.badMapping(let m) = error else { return false }
            return m.contains("no column named 'Nope'") && m.contains("批准号")
        }
    }

    @Test func unknownFieldInOverrideIsAnError() {
        #expect {
            try HeaderMapping(headers: ["批准号", "X"], overrides: ["X=colour"])
        } throws: { error in
            guard case ImportError.badMapping(let m) = error else { return false }
            return m.contains("unknown field 'colour'") && m.contains("ignore")
        }
    }

    @Test func overrideWithoutEqualsIsAnError() {
        #expect(throws: ImportError.self) { try HeaderMapping(headers: ["批准号"], overrides: ["number"]) }
    }

    @Test func noNumberColumnIsAnError() {
        #expect {
            try HeaderMapping(headers: ["项目名称", "负责人"])
        } throws: { error in
            guard case ImportError.badMapping(let m) = error else { return false }
            return m.contains("no grant-number column") && m.contains("项目名称, 负责人")
        }
    }

    @Test func jsonNamesHeadersUsed() throws {
        let m = try HeaderMapping(headers: ["批准号", "项目名称"])
        #expect(m.json == #"{"number":"批准号","title":"项目名称"}"#)
    }
}
