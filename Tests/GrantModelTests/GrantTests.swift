import Foundation
import Testing
import GrantModel

@Suite struct GrantTests {
    func decoded(_ number: String, jointFundHint: Bool = false, _ prepare: (inout Grant) -> Void = { _ in }) throws -> Grant {
        let parsed = try #require(GrantNumber.parse(number, jointFundHint: jointFundHint))
        var g = Grant(number: parsed.text, funder: parsed.funder)
        prepare(&g)
        g.applyDecodedFacts(parsed)
        return g
    }

    @Test func nsfcFactsAreInferredFromTheNumber() throws {
        let g = try decoded("81871234")
        #expect(g.funder == .nsfc)
        #expect(g.department == "H")
        #expect(g.departmentSource == .inferred)
        #expect(g.year == 2018)
        #expect(g.yearSource == .inferred)
        #expect(g.fundingType == "面上项目")
        #expect(g.fundingTypeSource == .inferred)
        #expect(g.projectNumber == nil)
        #expect(g.isPlaceholder == false)
        #expect(g.notes.isEmpty)
    }

    @Test func givenFactsAreKept() throws {
        let g = try decoded("81871234") {
            ($0.year, $0.yearSource) = (2019, .given)
            ($0.fundingType, $0.fundingTypeSource) = ("青年科学基金项目", .given)
            ($0.department, $0.departmentSource) = ("F", .given)
        }
        #expect(g.year == 2019)
        #expect(g.yearSource == .given)
        #expect(g.fundingType == "青年科学基金项目")
        #expect(g.fundingTypeSource == .given)
        #expect(g.department == "F")
        #expect(g.departmentSource == .given)
    }

    @Test func applicationCodeDecidesTheDepartment() throws {
        let g = try decoded("30972879") { $0.applicationCode = "H0101" }
        #expect(g.department == "H")
        #expect(g.departmentSource == .given)
        #expect(g.notes.isEmpty)
    }

    @Test func unknownApplicationCodeLetterFallsBackToTheNumber() throws {
        let g = try decoded("61921003") { $0.applicationCode = "J0101" }
        #expect(g.department == "F")
        #expect(g.departmentSource == .inferred)
    }

    @Test func pre2010LifeScienceNumbersCarryANote() throws {
        let old = try decoded("30972879")
        #expect(old.department == "C")
        #expect(old.notes.count == 1)
        #expect(old.notes.first?.contains("生命科学部") == true)
        #expect(try decoded("32072562").notes.isEmpty)
        #expect(try decoded("40625006").notes.isEmpty, "only life-science numbers")
    }

    @Test(arguments: [("91751103", "MRP"), ("U1809209", "JOINT"), ("U19A20111", "JOINT"), ("T2222015", "T"),
                      ("724B2012", "G"), ("52250410359", "E")])
    func departmentCodes(number: String, department: String) throws {
        let g = try decoded(number)
        #expect(g.department == department)
        #expect(g.departmentSource == .inferred)
    }

    @Test func restoredJointFundNumberIsNoted() throws {
        let g = try decoded("1504701", jointFundHint: true)
        #expect(g.number == "U1504701")
        #expect(g.department == "JOINT")
        #expect(g.year == 2015)
        #expect(g.notes == ["joint-fund number listed without its U; stored as U1504701"])
    }

    @Test func keyRDProject() throws {
        let g = try decoded("2018YFA0701700")
        #expect(g.funder == .nkrdpc)
        #expect(g.year == 2018)
        #expect(g.yearSource == .inferred)
        #expect(g.department == "YFA")
        #expect(g.departmentSource == .inferred)
        #expect(g.projectNumber == nil)
        #expect(g.fundingType == nil)
    }

    @Test func keyRDSubProjectPointsToItsProject() throws {
        let g = try decoded("2022YFC2504703")
        #expect(g.projectNumber == "2022YFC2504700")
        #expect(g.department == "YFC")
        let suffixed = try decoded("2016YFD0200701-3")
        #expect(suffixed.number == "2016YFD0200701")
        #expect(suffixed.projectNumber == "2016YFD0200700")
        #expect(suffixed.notes == ["sub-level suffix -3 dropped"])
    }

    @Test func codableRoundTrip() throws {
        var g = try decoded("1504701", jointFundHint: true)
        g.title = "标题"
        g.amountYuan = 2_520_000
        g.isPlaceholder = true
        let back = try JSONDecoder().decode(Grant.self, from: JSONEncoder().encode(g))
        #expect(back == g)
    }

    @Test(arguments: [
        ("H", "H 医学科学部 Medical Sciences"), ("T", "T 交叉科学部 Interdisciplinary Sciences"),
        ("MRP", "9 重大研究计划 Major Research Plan"), ("JOINT", "U 联合基金 Joint Funds"),
        ("YFC", "国家重点研发计划 YFC social development & health"), ("YFF", "国家重点研发计划 YFF programmes since 2021"),
        ("other", "other"),
    ])
    func departmentLabels(code: String, label: String) {
        #expect(DepartmentLabel.label(for: code) == label)
    }
}
