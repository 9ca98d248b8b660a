import Testing
import GrantLink
import GrantModel

/// Adversarial inputs must stay linear: these finish quickly only if nothing is quadratic.
@Suite struct ExtractionComplexityTests {
    @Test func repeatedShortNumbers() {
        let text = String(repeating: "NSFC 1, ", count: 100_000)
        #expect(AcknowledgmentExtractor().extract(text).count == 0)
    }

    @Test func megabyteOfDigits() {
        let text = "NSFC (" + String(repeating: "8", count: 1_000_000) + ")"
        let ms = AcknowledgmentExtractor().extract(text)
        #expect(ms.count == 0)
    }

    @Test func longListOfValidNumbers() {
        let text = "National Natural Science Foundation of China (" + String(repeating: "81871234, ", count: 10_000) + ")"
        let ms = AcknowledgmentExtractor().extract(text)
        #expect(ms.count == 10_000)
        #expect(ms.allSatisfy { $0.funder == .nsfc && $0.number == "81871234" })
    }

    @Test func spacedDigitRuns() {
        // Pieces too short to be a split grant number are not joined.
        let text = "NSFC " + String(repeating: "12 ", count: 200_000)
        #expect(AcknowledgmentExtractor().extract(text).count == 0)
    }
}
