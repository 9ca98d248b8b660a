import Foundation
import Testing
@testable import GrantModel

@Suite struct TopicFileTests {
    /// Writes `json` to a fresh temporary file and loads it.
    func load(_ json: String, file: String = "topic.json") throws -> TopicFilter {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("topic-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent(file)
        try Data(json.utf8).write(to: url)
        return try TopicFilter(contentsOf: url)
    }

    /// The reason of a `topicFileInvalid` error, after checking it names the file.
    func invalidReason(_ json: String) -> String? {
        do {
            _ = try load(json, file: "broken-topic.json")
            return nil
        } catch let ModelError.topicFileInvalid(file, reason) {
            #expect(file.hasSuffix("/broken-topic.json"))
            return reason
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func loadsAFileOfOurOwn() throws {
        let topic = try load("""
            {"name": "dl", "description": "deep learning in H",
             "term_lists": {"dl": ["深度学习", "deep learning"]},
             "departments": {"h": {"all_of": [{"any": ["@dl"]}], "none": ["综述"]}}}
            """)
        #expect(topic.name == "dl")
        #expect(topic.otherDepartments == .exclude)
        #expect(topic.fields == [.title, .keywords, .abstract])
        #expect(topic.matchesGrant(department: "H", title: "深度学习", keywords: nil, abstract: nil))
        #expect(!topic.matchesGrant(department: "H", title: "深度学习综述", keywords: nil, abstract: nil))
        #expect(!topic.matchesGrant(department: "F", title: "深度学习", keywords: nil, abstract: nil))
        #expect(!topic.matchesPaper(title: "deep learning", keywords: nil, abstract: nil))
    }

    @Test(arguments: [
        (#"{"name": "x", "default": {"all_of": [{"any": ["医学"]}]} "#, "not valid JSON"),
        ("{\"name\": \"x\",\n \"default\": {\"all_of\": [{\"any\": [\"医学\" \"AI\"]}]}}",
         "not valid JSON at line 2, column 39"),
        (#"{"name": "x", "default": {"al_of": [{"any": ["医学"]}]}}"#, "unknown key 'al_of' in 'default'"),
        (#"{"name": "x", "departmens": {}, "default": {"all_of": [{"any": ["医学"]}]}}"#, "unknown key 'departmens'"),
        (#"{"name": "x", "default": {"all_of": [{"any": ["@aii"]}]}, "term_lists": {"ai": ["人工智能"]}}"#,
         "default.all_of[0]: unknown term list '@aii' (known: @ai)"),
        (#"{"name": "x", "departments": {"H": {"all_of": [{"any": []}]}}}"#, "departments.H.all_of[0] has no terms"),
        (#"{"name": "x", "departments": {"H": {"all_of": []}}}"#, "departments.H.all_of is empty"),
        (#"{"name": "x", "departments": {"医学": {"all_of": [{"any": ["AI"]}]}}}"#, "unknown department code '医学'"),
        (#"{"name": "x", "departments": {"H": {"all_of": [{"any": ["AI"]}]}}, "other_departments": "default"}"#,
         "there is no 'default' rule"),
        (#"{"name": "x", "fields": ["titel"], "default": {"all_of": [{"any": ["AI"]}]}}"#, "titel"),
        (#"{"name": "x", "default": {"all_of": [{"any": ["a"]}]}}"#, "term 'a' is too short"),
        (#"{"name": "x", "default": {"all_of": [{"any": "医学"}]}}"#, "default.all_of[0].any: expected"),
        (#"{"description": "no name", "default": {"all_of": [{"any": ["医学"]}]}}"#, "missing key 'name'"),
        (#"{"name": "x"}"#, "no rules"),
        (#"{"name": "x", "term_lists": {"a": ["@b"], "b": ["医学"]}, "default": {"all_of": [{"any": ["@a"]}]}}"#,
         "lists cannot reference other lists"),
    ])
    func malformedFilesNameTheProblem(json: String, expected: String) throws {
        let reason = try #require(invalidReason(json))
        #expect(reason.contains(expected), "reason: \(reason)")
    }

    @Test func missingFileIsUnreadable() {
        let url = URL(fileURLWithPath: "/nonexistent/dir/topic.json")
        #expect(throws: ModelError.topicFileUnreadable(file: "/nonexistent/dir/topic.json", reason: "no such file")) {
            try TopicFilter(contentsOf: url)
        }
    }

    @Test func errorMessagesNameTheFile() {
        let error = ModelError.topicFileInvalid(file: "/tmp/t.json", reason: "departments.H.all_of is empty")
        #expect(error.localizedDescription == "/tmp/t.json: invalid topic file: departments.H.all_of is empty")
    }

    @Test func presetsAreListedAndLoad() throws {
        #expect(TopicFilter.presetNames == ["ai", "medical-ai"])
        #expect(TopicFilter.presets().map(\.name) == ["ai", "medical-ai"])
        for name in TopicFilter.presetNames {
            let topic = try TopicFilter.preset(named: name)
            #expect(topic.name == name, "file name and topic name differ")
            #expect(!topic.description.isEmpty)
        }
        #expect(try TopicFilter.preset(named: " Medical-AI.json ").name == "medical-ai")
    }

    @Test func unknownPresetListsTheKnownOnes() {
        #expect(throws: ModelError.unknownTopic(name: "medai", available: ["ai", "medical-ai"])) {
            try TopicFilter.preset(named: "medai")
        }
    }

    @Test func medicalAIPresetRecordsItsChoices() throws {
        let topic = try TopicFilter.preset(named: "medical-ai")
        #expect(topic.source?.contains("10.1056/AIp2401234") == true)
        #expect(topic.otherDepartments == .exclude)
        #expect(topic.departments["G"] == TopicRule(allOf: [TopicGroup(any: ["@ai"]), TopicGroup(any: ["@medical"])]))
        #expect(topic.notes.contains { $0.hasPrefix("G (管理科学部)") && $0.contains("BOTH groups must match") })
    }

    @Test func summaryDescribesEachRule() throws {
        let topic = try TopicFilter.preset(named: "medical-ai")
        let ai = "人工智能, 机器学习, 深度学习, 算法, artificial intelligence, machine learning, deep learning, algorithm"
        let medical = "医学, 健康, medicine, medical, health"
        #expect(topic.summary == [
            "topic medical-ai: \(topic.description)",
            "F 信息科学部 Information Sciences: title/keywords/abstract contains any of \(medical)",
            "G 管理科学部 Management Sciences: title/keywords/abstract contains any of \(ai) and any of \(medical)",
            "H 医学科学部 Medical Sciences: title/keywords/abstract contains any of \(ai)",
            "other departments: not selected",
            "papers: title/keywords/abstract contains any of \(ai) and any of \(medical)",
            "source: \(topic.source ?? "")",
        ])
        let excluding = try TopicFilter(name: "x", description: "", fields: [.title],
                                        defaultRule: TopicRule(allOf: [TopicGroup(any: ["AI"])], none: ["综述"]))
        #expect(excluding.summary == [
            "topic x",
            "grants: title contains any of AI; but none of 综述",
            "papers: title contains any of AI; but none of 综述",
        ])
    }

    @Test func encodesBackToTheSameTopic() throws {
        for topic in TopicFilter.presets() {
            let data = try JSONEncoder().encode(topic)
            let again = try JSONDecoder().decode(TopicFilter.self, from: data)
            #expect(again == topic)
            #expect(selected(again) == selected(topic))
        }
    }
}
