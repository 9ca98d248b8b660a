import Testing
@testable import GrantModel

@Suite struct GrantNumberTests {
    @Test(arguments: [
        ("81871234", NSFCNumber.Shape.standard, 2018, NSFCDepartment.health, "面上项目"),
        ("71701001", .standard, 2017, .management, "青年科学基金项目"),
        ("71790614", .standard, 2017, .management, "重大项目"),
        ("61921003", .standard, 2019, .information, "创新研究群体项目"),
        ("12125507", .standard, 2021, .mathematicalPhysical, "国家杰出青年科学基金"),
        ("T2222015", .interdisciplinary, 2022, .interdisciplinary, "优秀青年科学基金项目"),
        ("724B2012", .student, 2024, .management, "青年学生基础研究项目"),
        ("71720107001", .international, 2017, .management, "重点国际(地区)合作研究项目"),
        ("52250410359", .international, 2022, .engineeringMaterials, "外国青年学者研究基金项目"),
    ] as [(String, NSFCNumber.Shape, Int, NSFCDepartment, String?)])
    func decodesNSFC(number: String, shape: NSFCNumber.Shape, year: Int, dept: NSFCDepartment, type: String?) throws {
        let n = try #require(NSFCNumber.parse(number))
        #expect(n.shape == shape)
        #expect(n.year == year)
        #expect(n.department == dept)
        #expect(n.fundingType == type)
    }

    @Test func yearsBeforeTwoThousand() {
        #expect(NSFCNumber.parse("79100001")?.year == 1991)
        #expect(NSFCNumber.parse("39670083")?.year == 1996)
        #expect(NSFCNumber.parse("71700001")?.year == 2017)
    }

    @Test func majorResearchPlanHasNoDepartment() throws {
        let n = try #require(NSFCNumber.parse("91646101"))
        #expect(n.shape == .majorResearchPlan)
        #expect(n.department == nil)
        #expect(n.year == 2016)
    }

    @Test func jointFunds() throws {
        #expect(NSFCNumber.parse("U1809209")?.year == 2018)
        #expect(NSFCNumber.parse("U21B2037")?.shape == .jointFundLettered)
        #expect(NSFCNumber.parse("U23A20383")?.year == 2023)
        #expect(NSFCNumber.parse("1504701") == nil)
        let restored = try #require(NSFCNumber.parse("1504701", jointFundHint: true))
        #expect(restored.text == "U1504701")
        #expect(restored.restoredJointFundPrefix)
        #expect(restored.year == 2015)
    }

    @Test(arguments: ["0", "3187131721", "8197101438", "12345", "A1234567", "2011CB302705", "01234567"])
    func rejectsMalformed(number: String) {
        #expect(NSFCNumber.parse(number) == nil)
    }

    @Test func normalisesWrittenForms() {
        #expect("No. ８１８７ １２３４".normalizedGrantNumber == "81871234")
        #expect("NSFC52070131".normalizedGrantNumber == "52070131")
        #expect(" #u1809209; ".normalizedGrantNumber == "U1809209")
    }

    @Test func keyRDProjectsAndSubProjects() throws {
        let sub = try #require(KeyRDNumber.parse("2016YFB0700101"))
        #expect(sub.isSubProject)
        #expect(sub.projectNumber == "2016YFB0700100")
        #expect(sub.year == 2016)
        #expect(sub.programme == "B")
        let project = try #require(KeyRDNumber.parse("2018yfa0701700"))
        #expect(!project.isSubProject)
        let suffixed = try #require(KeyRDNumber.parse("2016YFD0200701-3"))
        #expect(suffixed.text == "2016YFD0200701")
        #expect(suffixed.droppedSuffix == "-3")
        #expect(KeyRDNumber.parse("2011CB302705") == nil)
        #expect(KeyRDNumber.parse("19YF1234567") == nil)
    }

    @Test func autoFunderDecidesByFormat() {
        #expect(GrantNumber.parse("2022YFC2502800")?.funder == .nkrdpc)
        #expect(GrantNumber.parse("81871234")?.funder == .nsfc)
        #expect(GrantNumber.parse("2012AA02A616") == nil)
    }
}
