import Testing
import GrantLink
import GrantModel

/// Funder-name variants that must credit NSFC or Key R&D.
@Suite struct FunderNameTests {
    @Test(arguments: [
        "We thank the National Natural Science Foundation of China (grant 31570097).",
        "Funded by the Natural Science Foundation of China under Grant 31570097.",
        "Supported by the National Nature Science Foundation (No. 31570097).",
        "This study was funded by NSFC (31570097).",
        "Supported by NNSFC grant 31570097.",
        "Supported by NSF of China grant 31570097.",
        "Supported by the National Science Foundation of China (31570097).",
        "Funding: National Natural Science Foundation, grant number 31570097",
        "the National Nature Foundation Committee of P.R. China (31570097)",
        "国家自然科学基金(31570097)资助",
        "国家自然科学基金委员会项目（31570097）",
        "国家自然科学基金青年科学基金项目(31570097)",
    ])
    func nsfcNameVariants(text: String) {
        #expect(credited(text) == ["nsfc:31570097"])
    }

    @Test(arguments: [
        ("Young Scientists Fund of the National Natural Science Foundation of China (No. 42001234)", "42001234"),
        ("Excellent Young Scientists Fund of NSFC (No. 52222012)", "52222012"),
        ("the National Science Fund for Distinguished Young Scholars (No. 62025101)", "62025101"),
        ("National Science Foundation for Distinguished Young Scholars of China (81725011)", "81725011"),
        ("Joint Funds of the National Natural Science Foundation of China (U1909207)", "U1909207"),
        ("NSFC-Shandong Joint Fund (U1806202)", "U1806202"),
        ("the Joint Fund for Regional Innovation and Development of NSFC (U21A20123)", "U21A20123"),
        ("Major Research Plan of the National Natural Science Foundation of China (91846301)", "91846301"),
        ("Science Fund for Creative Research Groups of the NSFC (61621003)", "61621003"),
        ("Basic Science Center Program of NSFC (T2288102)", "T2288102"),
        ("NSFC international cooperation project (61961130391)", "61961130391"),
        ("the National Natural Science Foundation of China-Royal Society of Edinburgh joint project (30910494)", "30910494"),
    ])
    func nsfcProgrammes(text: String, number: String) {
        #expect(credited(text) == ["nsfc:\(number)"])
    }

    @Test(arguments: [
        "Supported by the National Key R&D Program of China (2021YFC2500800).",
        "Supported by the National Key Research and Development Program of China under Grant 2021YFC2500800.",
        "the National Key Research & Development Plan (No. 2021YFC2500800)",
        "国家重点研发计划（2021YFC2500800）",
        "the Ministry of Science and Technology of China (2021YFC2500800)",
        "MOST grant 2021YFC2500800",
        "a Key R&D Program (No. 2021YFC2500800) from the Ministry of Science and Technology",
        "National Key R&amp;D Program of China (2021YFC2500800)",
        "National Key Ramp;D Program of China (2021YFC2500800)",
    ])
    func keyRDNameVariants(text: String) {
        #expect(credited(text) == ["nkrdpc:2021YFC2500800"])
    }

    @Test func funderTextAndPosition() throws {
        let text = "Supported by the China Postdoctoral Science Foundation (2019M650859), NSFC (81871234) and the National Key R&D Program of China (2016YFC0901000)."
        let ms = AcknowledgmentExtractor().extract(text)
        #expect(ms.map(\.funder) == [.init("cpsf"), .nsfc, .nkrdpc])
        #expect(ms.map(\.position) == [1, 2, 3])
        #expect(ms[1].funderText == "NSFC")
        #expect(ms[2].funderText == "National Key R&D Program of China")
    }
}
