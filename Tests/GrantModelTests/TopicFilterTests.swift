import Foundation
import Testing
@testable import GrantModel

/// A grant as the topic filter sees it.
struct TopicGrant: Sendable {
    var id: String
    var department: String?
    var title: String?
    var keywords: String? = nil
    var abstract: String? = nil
}

/// Hand-written grants; the expected selections in the tests below were worked out by hand from these texts.
let topicGrants: [TopicGrant] = [
    TopicGrant(id: "g01", department: "H", title: "基于深度学习的肺结节CT影像诊断研究"),
    TopicGrant(id: "g02", department: "H", title: "肝癌微环境中巨噬细胞极化的机制研究", keywords: "肝癌;巨噬细胞;极化"),
    TopicGrant(id: "g03", department: "H", title: "胃癌早期筛查的风险预测模型研究",
               abstract: "本项目拟收集多中心队列数据，采用机器学习方法构建胃癌风险预测模型。"),
    TopicGrant(id: "g04", department: "H", title: "Deep Learning-Based Segmentation of Retinal OCT Images"),
    TopicGrant(id: "g05", department: "H", title: "基于ＤＥＥＰ　ＬＥＡＲＮＩＮＧ的心电信号分析"),
    TopicGrant(id: "g06", department: "C", title: "深度学习在植物表型组学中的应用"),
    TopicGrant(id: "g07", department: "F", title: "面向医学影像的小样本分割方法研究"),
    TopicGrant(id: "g08", department: "F", title: "图神经网络高效训练算法研究", keywords: "图神经网络;分布式训练"),
    TopicGrant(id: "g09", department: "F", title: "Wearable Sensing for Mobile Health Monitoring"),
    TopicGrant(id: "g10", department: "F", title: "基于联邦学习的隐私保护方法",
               abstract: "研究联邦学习中的差分隐私机制，并应用于生物医学数据共享。"),
    TopicGrant(id: "g11", department: "G", title: "健康中国战略下的医疗保险支付方式改革研究"),
    TopicGrant(id: "g12", department: "G", title: "基于机器学习的慢病患者健康管理决策研究"),
    TopicGrant(id: "g13", department: "G", title: "供应链调度的启发式算法研究"),
    TopicGrant(id: "g14", department: "G",
               title: "Machine learning for hospital resource allocation in public health emergencies"),
    TopicGrant(id: "g15", department: "T", title: "人工智能辅助的医学影像诊断"),
    TopicGrant(id: "g16", department: "MRP", title: "深度学习驱动的医学图像重建"),
    TopicGrant(id: "g17", department: nil, title: "人工智能医学"),
    TopicGrant(id: "g18", department: "H", title: "阿尔茨海默病早期诊断研究", keywords: "人工智能；磁共振成像"),
    TopicGrant(id: "g19", department: "A", title: "偏微分方程数值算法研究"),
    TopicGrant(id: "g20", department: "YFC", title: "基于人工智能的临床辅助决策系统研发"),
    TopicGrant(id: "g21", department: "H", title: "ALGORITHMS FOR DOSE OPTIMIZATION IN RADIOTHERAPY"),
    TopicGrant(id: "g22", department: " f ", title: "数字医学与远程诊疗"),
    TopicGrant(id: "g23", department: "H", title: "AI-assisted triage in the emergency department"),
    TopicGrant(id: "g24", department: "G", title: "Deep-learning models of hospital readmission",
               keywords: "health services"),
]

func selected(_ topic: TopicFilter, _ grants: [TopicGrant] = topicGrants) -> Set<String> {
    Set(grants.filter {
        topic.matchesGrant(department: $0.department, title: $0.title, keywords: $0.keywords, abstract: $0.abstract)
    }.map(\.id))
}

/// The medical-ai preset with some of its parts replaced.
func medicalAI(g: TopicRule? = nil, other: TopicFilter.OtherDepartments? = nil) throws -> TopicFilter {
    let base = try TopicFilter.preset(named: "medical-ai")
    var departments = base.departments
    if let g { departments["G"] = g }
    return try TopicFilter(name: base.name, description: base.description, fields: base.fields,
                           termLists: base.termLists, defaultRule: base.defaultRule, papersRule: base.papersRule,
                           departments: departments, otherDepartments: other ?? base.otherDepartments)
}

@Suite struct TopicFilterTests {
    @Test func medicalAISelectsPerDepartment() throws {
        let topic = try TopicFilter.preset(named: "medical-ai")
        // H: AI term (g01 Chinese title, g03 abstract, g04 English, g05 full-width, g18 keywords, g21 upper case);
        // F: medical term (g07, g09 English, g10 生物医学 in the abstract, g22 lower-case padded code);
        // G: AI term and medical term (g12, g14, g24 hyphenated "Deep-learning" + keyword "health").
        // Not: g02 H without AI term, g06 C, g08 F 算法 without 医学/健康, g11 G health only, g13 G 算法 only,
        // g15 T, g16 MRP, g17 no department, g19 A, g20 Key R&D, g23 "AI" (not a term of the study).
        #expect(selected(topic) == ["g01", "g03", "g04", "g05", "g18", "g21",
                                    "g07", "g09", "g10", "g22",
                                    "g12", "g14", "g24"])
    }

    @Test func managementEitherGroupReading() throws {
        let topic = try medicalAI(g: TopicRule(allOf: [TopicGroup(any: ["@ai", "@medical"])]))
        // The OR reading adds g11 (健康 only) and g13 (算法 only) to the management selection.
        #expect(selected(topic) == ["g01", "g03", "g04", "g05", "g18", "g21",
                                    "g07", "g09", "g10", "g22",
                                    "g11", "g12", "g13", "g14", "g24"])
    }

    @Test func otherDepartmentsByDefaultRule() throws {
        let topic = try medicalAI(other: .default)
        // The default rule (AI and medical) adds g15 T, g16 MRP and g17 (no department); g20 has 临床, not 医学;
        // g06 C and g19 A have no medical term.
        #expect(selected(topic) == ["g01", "g03", "g04", "g05", "g18", "g21",
                                    "g07", "g09", "g10", "g22",
                                    "g12", "g14", "g24",
                                    "g15", "g16", "g17"])
    }

    @Test func aiPresetIgnoresDepartment() throws {
        let topic = try TopicFilter.preset(named: "ai")
        // Any department; no 算法/algorithm (g13, g19, g21 out), 图神经网络 in (g08), "AI" alone not (g23).
        #expect(selected(topic) == ["g01", "g03", "g04", "g05", "g06", "g08", "g12", "g14",
                                    "g15", "g16", "g17", "g18", "g20", "g24"])
    }

    @Test func medicalAIPapersNeedBothGroups() throws {
        let topic = try TopicFilter.preset(named: "medical-ai")
        let papers: [(id: String, title: String, keywords: String?, abstract: String?)] = [
            ("p1", "Deep learning for diabetic retinopathy screening", "medical imaging; fundus", nil),
            ("p2", "A deep learning approach to weather forecasting", "precipitation", nil),
            ("p3", "机器学习预测老年人健康结局", nil, nil),
            ("p4", "Artificial Intelligence in Medicine: a review", nil, nil),
            ("p5", "Public health surveillance of influenza", "epidemiology", nil),
            ("p6", "Predicting sepsis", nil, "We trained machine-\nlearning models on electronic health records."),
            ("p7", "AI-based triage in medical emergencies", nil, nil),
            ("p8", "深度学习", "CT", "医学影像"),
        ]
        let hits = Set(papers.filter { topic.matchesPaper(title: $0.title, keywords: $0.keywords, abstract: $0.abstract) }
            .map(\.id))
        #expect(hits == ["p1", "p3", "p4", "p6", "p8"])
    }

    @Test func exclusionTermsReject() throws {
        let topic = try TopicFilter(name: "dl-imaging", description: "",
                                    defaultRule: TopicRule(allOf: [TopicGroup(any: ["深度学习", "deep learning"])],
                                                           none: ["综述", "review"]))
        #expect(topic.matchesPaper(title: "Deep learning for chest radiographs", keywords: nil, abstract: nil))
        #expect(!topic.matchesPaper(title: "Deep learning in radiology: a REVIEW", keywords: nil, abstract: nil))
        #expect(!topic.matchesPaper(title: "深度学习在病理中的应用", keywords: "综述", abstract: nil))
        #expect(topic.matchesGrant(department: "B", title: "深度学习分子设计", keywords: nil, abstract: nil))
        #expect(!topic.matchesGrant(department: "B", title: "深度学习分子设计", keywords: nil, abstract: "本综述…"))
    }

    @Test func onlyListedFieldsAreSearched() throws {
        let topic = try TopicFilter(name: "t", description: "", fields: [.title],
                                    defaultRule: TopicRule(allOf: [TopicGroup(any: ["人工智能"])]))
        #expect(topic.matchesPaper(title: "人工智能", keywords: nil, abstract: nil))
        #expect(!topic.matchesPaper(title: "诊断", keywords: "人工智能", abstract: "人工智能"))
    }

    @Test func termsDoNotSpanFields() throws {
        let topic = try TopicFilter(name: "t", description: "",
                                    defaultRule: TopicRule(allOf: [TopicGroup(any: ["医学", "machine learning"])]))
        #expect(!topic.matchesPaper(title: "中医", keywords: "学科", abstract: nil))
        #expect(!topic.matchesPaper(title: "Machine", keywords: "learning", abstract: nil))
        #expect(topic.matchesPaper(title: "Machine\nlearning", keywords: nil, abstract: nil))
    }

    @Test(arguments: [
        ("AI-assisted diagnosis", true),
        ("基于AI的影像诊断", true),
        ("ＡＩ辅助诊断", true),
        ("(ai) in practice", true),
        ("A Shanghai cohort", false),
        ("AIDS prevention", false),
        ("Email triage", false),
        ("A.I. methods", false),
    ])
    func shortLatinTermsMatchWholeWords(title: String, expected: Bool) throws {
        let topic = try TopicFilter(name: "t", description: "",
                                    defaultRule: TopicRule(allOf: [TopicGroup(any: ["AI"])]))
        #expect(topic.matchesPaper(title: title, keywords: nil, abstract: nil) == expected)
    }

    @Test func longerLatinTermsMatchInsideWords() throws {
        let topic = try TopicFilter(name: "t", description: "",
                                    defaultRule: TopicRule(allOf: [TopicGroup(any: ["medical"])]))
        #expect(topic.matchesPaper(title: "Biomedical signal processing", keywords: nil, abstract: nil))
        #expect(!topic.matchesPaper(title: "Medication adherence", keywords: nil, abstract: nil))
    }

    @Test func emptyAndMissingTextNeverMatches() throws {
        let topic = try TopicFilter.preset(named: "ai")
        #expect(!topic.matchesGrant(department: "H", title: nil, keywords: nil, abstract: nil))
        #expect(!topic.matchesGrant(department: "H", title: "", keywords: "", abstract: ""))
        #expect(!topic.matchesPaper(title: "人", keywords: nil, abstract: nil))
    }
}
