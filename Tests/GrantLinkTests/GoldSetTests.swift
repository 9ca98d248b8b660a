import Foundation
import Testing
import GrantLink
import GrantModel

/// Runs the extractor over the shared gold dev set when it is present beside the checkout.
@Suite struct GoldSetTests {
    static let gold: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data/gold/ack-dev.jsonl").standardizedFileURL
    static var present: Bool { FileManager.default.fileExists(atPath: gold.path) }

    @Test(.enabled(if: GoldSetTests.present)) func precisionAndRecallOnDevSet() throws {
        let data = try Data(contentsOf: Self.gold)
        var tp = 0, fp = 0, fn = 0
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let text = try #require(obj["text"] as? String)
            let mentions = obj["mentions"] as? [[String: Any]] ?? []
            var gold = Set<String>(), neutral = Set<String>()
            for m in mentions {
                let key = "\(m["funder"] ?? ""):\(m["number"] ?? "")"
                if m["malformed"] as? Bool == true || m["ambiguous"] as? Bool == true { neutral.insert(key) } else { gold.insert(key) }
            }
            let predicted = Set(credited(text)).subtracting(neutral)
            tp += predicted.intersection(gold).count
            fp += predicted.subtracting(gold).count
            fn += gold.subtracting(predicted).count
        }
        let precision = Double(tp) / Double(max(1, tp + fp))
        let recall = Double(tp) / Double(max(1, tp + fn))
        #expect(precision >= 0.99)
        #expect(recall >= 0.98)
    }
}
