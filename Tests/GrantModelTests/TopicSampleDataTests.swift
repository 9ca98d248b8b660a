import Foundation
import Testing
@testable import GrantModel

/// The public list of NSFC Management Sciences projects in `../shared/data/nsfc/`, if present.
let managementSample: URL = {
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { root.deleteLastPathComponent() }  // Tests/GrantModelTests/<file> → package root
    return root.deletingLastPathComponent().appendingPathComponent("shared/data/nsfc/nsfc-management-1991-2017.csv")
}()

/// Checks the management-science reading of the medical-ai preset against the study's size: 5.3% of 964 projects
/// (about 51) were Management Sciences over 2015–2023.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: managementSample.path)))
struct TopicSampleDataTests {
    /// Titles of 8-digit `7YY…` projects of 2015–2017 (the file has no keywords or abstracts).
    func titles2015to2017() throws -> [String] {
        let text = try String(contentsOf: managementSample, encoding: .utf8)
        var titles: [String] = []
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            // "项目批准号","项目类别","项目名称",…, every field quoted.
            let fields = line.dropFirst().dropLast().components(separatedBy: "\",\"")
            guard fields.count >= 3 else { continue }
            let number = Array(fields[0])
            guard number.count == 8, number[0] == "7", let yy = Int(String(number[1...2])), (15...17).contains(yy)
            else { continue }
            titles.append(fields[2])
        }
        return titles
    }

    @Test func bothGroupsReadingFitsTheStudy() throws {
        let titles = try titles2015to2017()
        #expect(titles.count > 4000)
        let and = try TopicFilter.preset(named: "medical-ai")
        let or = try medicalAI(g: TopicRule(allOf: [TopicGroup(any: ["@ai", "@medical"])]))
        let andCount = titles.filter { and.matchesGrant(department: "G", title: $0, keywords: nil, abstract: nil) }.count
        let orCount = titles.filter { or.matchesGrant(department: "G", title: $0, keywords: nil, abstract: nil) }.count
        print("medical-ai G, titles 2015–2017: \(titles.count) projects, AND \(andCount), OR \(orCount)")
        // Titles of three years alone give the OR reading more projects than the study found in nine years.
        #expect(orCount > 51)
        #expect(andCount <= 51)
    }
}
