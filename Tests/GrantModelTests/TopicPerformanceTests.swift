import Foundation
import Testing
@testable import GrantModel

/// Timing of the medical-ai matcher on synthetic records; run with `TOPIC_BENCH=1`, best in release
/// (`swift test -c release -Xswiftc -enable-testing`). Figures are printed (wall and CPU time, as the machine is
/// shared), not asserted.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TOPIC_BENCH"] != nil))
struct TopicPerformanceTests {
    @Test func grantsAndPapers() throws {
        let topic = try TopicFilter.preset(named: "medical-ai")
        let filler = "本项目拟研究肿瘤微环境中免疫细胞的代谢重编程机制，阐明关键信号通路在疾病进展中的作用，为临床治疗提供新的靶点。"
        let abstract = String(repeating: filler, count: 6)  // ≈ 330 characters, a typical NSFC abstract
        let departments = ["H", "F", "G", "C", "A"]
        let grants = 100_000
        var hits = 0
        var clock = ContinuousClock.now
        var cpu = Foundation.clock()
        for i in 0..<grants {
            let title = i % 10 == 0 ? "基于深度学习的影像研究\(i)" : "细胞代谢机制研究\(i)"
            if topic.matchesGrant(department: departments[i % 5], title: title, keywords: "代谢;免疫", abstract: abstract) {
                hits += 1
            }
        }
        let grantTime = ContinuousClock.now - clock
        let grantCPU = Double(Foundation.clock() - cpu) / Double(CLOCKS_PER_SEC)
        print("topic bench: \(grants) grants, \(hits) hits, \(grantTime) wall, \(grantCPU) s CPU")

        let english = String(repeating: "We studied metabolic reprogramming of immune cells in tumour models. ", count: 18)
        let papers = 100_000
        hits = 0
        clock = ContinuousClock.now
        cpu = Foundation.clock()
        for i in 0..<papers {
            let title = i % 10 == 0 ? "Deep learning in medical imaging \(i)" : "Immune metabolism \(i)"
            if topic.matchesPaper(title: title, keywords: "immunology; cancer", abstract: english) { hits += 1 }
        }
        let paperTime = ContinuousClock.now - clock
        let paperCPU = Double(Foundation.clock() - cpu) / Double(CLOCKS_PER_SEC)
        print("topic bench: \(papers) papers, \(hits) hits, \(paperTime) wall, \(paperCPU) s CPU")
        #expect(hits == papers / 10)
    }
}
