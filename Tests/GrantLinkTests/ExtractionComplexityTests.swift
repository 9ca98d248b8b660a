import Testing
import GrantLink
import GrantModel

/// Adversarial inputs must stay linear: these finish quickly only if nothing is quadratic.
@Suite struct ExtractionComplexityTests {
    @Test func repeatedShortNumbers() {
        let text = String(repeating: "NSFC 1, ", count: 100_000)
        #expect(AcknowledgmentExtractor().extract(text).isEmpty)
    }

    @Test func megabyteOfDigits() {
        let text = "NSFC (" + String(repeating: "8", count: 1_000_000) + ")"
        let ms = AcknowledgmentExtractor().extract(text)
        #expect(ms.count <= 1)
        #expect(ms.allSatisfy { !$0.valid || $0.funder != .nsfc })
    }

    @Test func longListOfValidNumbers() {
        let text = "National Natural Science Foundation of China (" + String(repeating: "81871234, ", count: 50_000) + ")"
        let ms = AcknowledgmentExtractor().extract(text)
        #expect(ms.count == 50_000)
        #expect(ms.allSatisfy { $0.funder == .nsfc && $0.number == "81871234" })
    }

    @Test func spacedDigitRuns() {
        let text = "NSFC " + String(repeating: "12 ", count: 200_000)
        #expect(AcknowledgmentExtractor().extract(text).isEmpty)
    }
}
