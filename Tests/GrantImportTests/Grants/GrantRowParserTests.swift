import Foundation
import Testing
import GrantImport
import GrantModel

@Suite struct GrantRowParserTests {
    /// Parses one row under `headers`, expecting success.
    func grant(_ headers: [String], _ cells: [String], funder: FunderMode = .auto, overrides: [String] = [],
               unit: HeaderMapping.AmountUnit? = nil) throws -> Grant
    {
        let p = GrantRowParser(mapping: try HeaderMapping(headers: headers, overrides: overrides, amountUnit: unit), funder: funder)
        switch p.parse(cells) {
        case .success(let g): return g
        case .failure(let r): throw r
        }
    }

    /// Parses one row under `headers`, expecting a rejection; returns its reason.
    func rejection(_ headers: [String], _ cells: [String], funder: FunderMode = .auto) throws -> String {
        let p = GrantRowParser(mapping: try HeaderMapping(headers: headers), funder: funder)
        switch p.parse(cells) {
        case .success(let g): Issue.record("expected a reject, got \(g.number)"); return ""
        case .failure(let r): return r.reason
        }
    }

    // MARK: NSFC rows

    @Test func fullNSFCRow() throws {
        let h = ["项目批准号", "项目名称", "负责人", "依托单位", "资助类别", "申请代码", "批准金额(万元)", "批准年份", "起止年月", "关键词", "摘要"]
        let g = try grant(h, ["８１８７１２３４", " 影像组学研究 ", "张三", "某某大学", "面上项目", "H1801", "55", "2018",
                              "2019-01至2022-12", "影像；深度学习", "摘要文本"])
        #expect(g.number == "81871234")
        #expect(g.funder == .nsfc)
        #expect(g.title == "影像组学研究")
        #expect(g.pi == "张三")
        #expect(g.institution == "某某大学")
        #expect(g.fundingType == "面上项目")
        #expect(g.fundingTypeSource == .given)
        #expect(g.applicationCode == "H1801")
        #expect(g.department == "H")
        #expect(g.departmentSource == .given)
        #expect(g.year == 2018)
        #expect(g.yearSource == .given)
        #expect(g.amountYuan == 550_000)
        #expect(g.amountRaw == "55")
        #expect(g.amountUnit == "万元")
        #expect(g.period == "2019-01至2022-12")
        #expect(g.keywords == "影像；深度学习")
        #expect(g.abstract == "摘要文本")
        #expect(g.projectNumber == nil)
        #expect(g.extra == nil)
        #expect(g.notes.isEmpty)
    }

    @Test func applicationCodeLetterBeatsTheNumber() throws {
        // A 3… (life-science) number whose record carries an H code: the code is authoritative.
        let g = try grant(["批准号", "申请代码", "所属学部"], ["30972879", "H0101", "生命科学部"])
        #expect(g.department == "H")
        #expect(g.departmentSource == .given)
        #expect(g.applicationCode == "H0101")
        #expect(g.notes.isEmpty, "no pre-2010 note when the code tells the department")
    }

    @Test func departmentInferredFromNumberWithoutCode() throws {
        let g = try grant(["批准号", "项目名称"], ["61921003", "x"])
        #expect(g.department == "F")
        #expect(g.departmentSource == .inferred)
        #expect(g.year == 2019)
        #expect(g.yearSource == .inferred)
        #expect(g.fundingType == "创新研究群体项目")
        #expect(g.fundingTypeSource == .inferred)
    }

    @Test(arguments: [("医学科学部", "H"), ("医学部", "H"), ("信息科学部", "F"), ("Management Sciences", "G"), ("T", "T"),
                      ("交叉科学部", "T"), ("工程与材料科学部", "E")])
    func departmentNameColumnGivesLetter(name: String, letter: String) throws {
        let g = try grant(["批准号", "所属学部"], ["31570097", name])
        #expect(g.department == letter)
        #expect(g.departmentSource == .given)
    }

    @Test func unknownDepartmentNameFallsBackToNumber() throws {
        let g = try grant(["批准号", "所属学部"], ["41871065", "某学部"])
        #expect(g.department == "D")
        #expect(g.departmentSource == .inferred)
        #expect(g.notes.contains { $0.contains("某学部") })
    }

    @Test func jointFundNumberWithoutURestored() throws {
        let g = try grant(["项目批准号", "项目类别"], ["1504701", "联合基金项目"])
        #expect(g.number == "U1504701")
        #expect(g.department == "JOINT")
        #expect(g.departmentSource == .inferred)
        #expect(g.year == 2015)
        #expect(g.notes.contains { $0.contains("without its U") && $0.contains("U1504701") })
    }

    @Test func jointFundHintWorksWithFunderNSFC() throws {
        let g = try grant(["项目批准号", "项目类别"], ["1609214", "NSFC-Joint Fund"], funder: .nsfc)
        #expect(g.number == "U1609214")
    }

    @Test func sevenDigitNumberOutsideJointFundIsRejected() throws {
        let reason = try rejection(["项目批准号", "项目类别"], ["1504701", "面上项目"])
        #expect(reason.contains("malformed number '1504701'"))
    }

    @Test func majorResearchPlan() throws {
        let g = try grant(["批准号"], ["91751103"])
        #expect(g.department == "MRP")
        #expect(g.departmentSource == .inferred)
        #expect(g.fundingType == "重大研究计划")
        #expect(g.year == 2017)
    }

    @Test func letteredJointFund() throws {
        let g = try grant(["批准号"], ["U19A20111"])
        #expect(g.department == "JOINT")
        #expect(g.funder == .nsfc)
    }

    @Test func pre2010LifeScienceNumberGetsANote() throws {
        let g = try grant(["批准号"], ["30901821"])
        #expect(g.department == "C")
        #expect(g.year == 2009)
        #expect(g.notes.contains { $0.contains("before 2010") })
        let later = try grant(["批准号"], ["31900861"])
        #expect(later.notes.isEmpty)
    }

    @Test func elevenDigitInternationalNumber() throws {
        let g = try grant(["批准号"], ["71720107001"])
        #expect(g.number == "71720107001")
        #expect(g.department == "G")
        #expect(g.year == 2017)
        #expect(g.fundingType == "重点国际(地区)合作研究项目")
    }

    @Test func givenYearAndTypeWinOverDecoded() throws {
        let g = try grant(["批准号", "批准年度", "资助类别"], ["81871234", "2019年", "青年科学基金项目"])
        #expect(g.year == 2019)
        #expect(g.yearSource == .given)
        #expect(g.fundingType == "青年科学基金项目")
        #expect(g.fundingTypeSource == .given)
    }

    @Test func applicationCodeMostSpecificLevel() throws {
        let g = try grant(["批准号", "学科代码"], ["31570097", "一级：C05，二级：C0501，三级：C050101"])
        #expect(g.applicationCode == "C050101")
        #expect(g.department == "C")
        #expect(g.departmentSource == .given)
    }

    @Test func letPubRowReadsTheCodeColumn() throws {
        let h = ["项目编号", "负责人", "单位", "金额 (万)", "所属学部", "项目类型", "批准年份", "题目", "学科分类", "学科代码", "执行时间"]
        let g = try grant(h, ["81871234", "张三", "某某大学", "55", "医学科学部", "面上项目", "2018", "题目",
                              "一级：影像医学与生物医学工程，二级：放射诊断学", "一级：H18，二级：H1801", "2019-01 至 2022-12"])
        #expect(g.applicationCode == "H1801")
        #expect(g.department == "H")
        #expect(g.amountYuan == 550_000)
        #expect(g.period == "2019-01 至 2022-12")
        #expect(g.extra?.contains("放射诊断学") == true)
    }

    @Test func applicationCodeTokens() {
        #expect(ApplicationCode.mostSpecific(in: "一级：H22，二级：H2201") == "H2201")
        #expect(ApplicationCode.mostSpecific(in: "F0601 人工智能") == "F0601")
        #expect(ApplicationCode.mostSpecific(in: "ｈ１８０１") == "H1801")
        #expect(ApplicationCode.mostSpecific(in: "Medical imaging") == nil)
        #expect(ApplicationCode.mostSpecific(in: "") == nil)
    }

    @Test func unrecognisedCodeKeptAsWritten() throws {
        let g = try grant(["批准号", "申请代码"], ["81871234", "医学影像"])
        #expect(g.applicationCode == "医学影像")
        #expect(g.department == "H")
        #expect(g.departmentSource == .inferred)
    }

    // MARK: Key R&D rows

    @Test func keyRDProjectAndSubProject() throws {
        let h = ["项目编号", "项目名称", "牵头单位"]
        let project = try grant(h, ["2016YFC0901000", "精准医学", "某某大学"])
        #expect(project.funder == .nkrdpc)
        #expect(project.projectNumber == nil)
        #expect(project.department == "YFC")
        #expect(project.year == 2016)
        #expect(project.yearSource == .inferred)
        let sub = try grant(h, ["2016YFC0901001", "课题一", "某某医院"], funder: .nkrdpc)
        #expect(sub.projectNumber == "2016YFC0901000")
        #expect(sub.department == "YFC")
    }

    @Test func keyRDSubLevelSuffixDropped() throws {
        let g = try grant(["项目编号"], ["2016YFD0200701-3"])
        #expect(g.number == "2016YFD0200701")
        #expect(g.projectNumber == "2016YFD0200700")
        #expect(g.notes.contains { $0.contains("-3") })
    }

    @Test func funderNSFCRejectsKeyRDNumber() throws {
        let reason = try rejection(["项目编号"], ["2018YFA0701700"], funder: .nsfc)
        #expect(reason.contains("2018YFA0701700"))
        #expect(reason.contains("NSFC"))
    }

    @Test func funderNKRDPCRejectsNSFCNumber() throws {
        let reason = try rejection(["项目编号"], ["81871234"], funder: .nkrdpc)
        #expect(reason.contains("81871234"))
        #expect(reason.contains("Key R&D"))
    }

    @Test func emptyNumberIsRejected() throws {
        let reason = try rejection(["批准号", "项目名称"], ["  ", "t"])
        #expect(reason == "no grant number")
        // A short row (fewer cells than headers) is a missing number too, not a crash.
        let short = try rejection(["项目名称", "批准号"], ["t"])
        #expect(short == "no grant number")
    }

    // MARK: Amounts

    @Test(arguments: [
        ("批准金额(万元)", "18", Int64(180_000), "万元"),
        ("批准金额(万元)", "29.5", 295_000, "万元"),
        ("money", "65.0（万元）", 650_000, "万元"),
        ("批准金额", "200万元", 2_000_000, "万元"),
        ("批准金额", "1,234,000元", 1_234_000, "元"),
        ("金额（元）", "1234000", 1_234_000, "元"),
        ("金额 (万)", "2.52", 25_200, "万元"),
        ("批准金额(万元)", "1,234,000元", 1_234_000, "元"),
        ("批准金额", "¥180000元", 180_000, "元"),
        ("批准金额(万元)", "１８", 180_000, "万元"),
        ("批准金额", "￥180,000元", 180_000, "元"),
    ])
    func amount(header: String, value: String, yuan: Int64, unit: String) throws {
        let g = try grant(["批准号", header], ["81871234", value])
        #expect(g.amountYuan == yuan)
        #expect(g.amountUnit == unit)
        #expect(g.amountRaw == value)
        #expect(!g.notes.contains { $0.contains("unit not stated") }, "the unit was stated")
    }

    @Test func amountUnitInferredWhenHeaderSaysNone() throws {
        let small = try grant(["批准号", "金额"], ["81871234", "55"])
        #expect(small.amountYuan == 550_000)
        #expect(small.amountUnit == "万元")
        #expect(small.notes.contains { $0.contains("unit not stated") && $0.contains("'55'") })
        let large = try grant(["批准号", "金额"], ["81871234", "550000"])
        #expect(large.amountYuan == 550_000)
        #expect(large.amountUnit == "元")
        #expect(large.notes.contains { $0.contains("unit not stated") })
    }

    @Test func amountUnitOptionUsedWithoutNote() throws {
        let g = try grant(["批准号", "金额"], ["81871234", "55"], unit: .yuan)
        #expect(g.amountYuan == 55)
        #expect(g.notes.isEmpty)
    }

    @Test(arguments: ["abc", "12abc", "-5", "五十", "元", "1.2.3", ".", "1e5"])
    func unparseableAmountRejected(value: String) throws {
        let reason = try rejection(["批准号", "批准金额(万元)"], ["81871234", value])
        #expect(reason == "unparseable amount '\(value)'")
    }

    // MARK: Years

    @Test(arguments: [("2019", 2019), ("2019.0", 2019), ("2019年", 2019), ("２０１９", 2019), ("1986", 1986)])
    func year(value: String, year: Int) throws {
        let g = try grant(["批准号", "批准年份"], ["81871234", value])
        #expect(g.year == year)
        #expect(g.yearSource == .given)
    }

    @Test(arguments: ["19", "1985", "2019-01", "二〇一九", "20190"])
    func unparseableYearRejected(value: String) throws {
        let reason = try rejection(["批准号", "批准年份"], ["81871234", value])
        #expect(reason == "unparseable year '\(value)'")
    }

    // MARK: Period and extra

    @Test func startAndEndColumnsMakeAPeriod() throws {
        let g = try grant(["批准号", "start_time", "end_time"], ["81871234", "2019-01", "2022-12"])
        let period = try #require(g.period)
        #expect(period.hasPrefix("2019-01") && period.hasSuffix("2022-12") && period.count > 14)
        let open = try grant(["批准号", "start_time", "end_time"], ["81871234", "2019-01", ""])
        #expect(open.period?.hasPrefix("2019-01") == true)
        let none = try grant(["批准号", "start_time", "end_time"], ["81871234", "", ""])
        #expect(none.period == nil)
    }

    @Test func periodColumnWinsOverStartEnd() throws {
        let g = try grant(["批准号", "起止年月", "start_time"], ["81871234", "2019.01-2022.12", "2019-01"])
        #expect(g.period == "2019.01-2022.12")
    }

    @Test func extraHoldsUnmappedNonEmptyCells() throws {
        let g = try grant(["批准号", "是否结题", "负责人职称", "项目名称"], ["81871234", "是", " ", "t", "overflow"])
        let extra = try #require(g.extra)
        let dict = try #require(try JSONSerialization.jsonObject(with: Data(extra.utf8)) as? [String: String])
        #expect(dict == ["是否结题": "是", "column 5": "overflow"])
    }

    @Test func extraKeepsCellsUnderBlankHeaders() throws {
        // A blank header inside the header row must not make its cells vanish: "so nothing is lost".
        let g = try grant(["批准号", "", "项目名称"], ["81871234", "备注内容", "t"])
        let extra = try #require(g.extra)
        let dict = try #require(try JSONSerialization.jsonObject(with: Data(extra.utf8)) as? [String: String])
        #expect(dict == ["column 2": "备注内容"])
    }

    @Test func ignoredColumnGoesToExtra() throws {
        let g = try grant(["批准号", "金额"], ["81871234", "55"], overrides: ["金额=ignore"])
        #expect(g.amountYuan == nil)
        let extra = try #require(g.extra)
        let dict = try #require(try JSONSerialization.jsonObject(with: Data(extra.utf8)) as? [String: String])
        #expect(dict == ["金额": "55"])
    }
}
