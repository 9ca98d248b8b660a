import Foundation
import GrantReport
import Testing

@Suite struct GrowthTests {
    @Test func seriesFillsMissingYearsWithZeroAndIgnoresOutside() {
        let s = Growth.series([(2020, 4), (2022, 6), (2018, 99), (2020, 1)], from: 2019, to: 2022)
        #expect(s == [0, 5, 0, 6])
        #expect(Growth.series([], from: 2022, to: 2019).isEmpty)
    }

    @Test func yearOverYearIsUndefinedAfterZero() {
        // 2 → 4: +100%; 4 → 0: −100%; 0 → 6: undefined.
        let r = Growth.yearOverYear([2, 4, 0, 6])
        #expect(r.count == 4)
        #expect(r[0] == nil)
        #expect(r[1] == 1.0)
        #expect(r[2] == -1.0)
        #expect(r[3] == nil)
        #expect(r.allSatisfy { $0.map(\.isFinite) ?? true })
    }

    @Test func cagrHandComputed() throws {
        // (8/1)^(1/3) − 1 = 2 − 1 = 1.
        #expect(abs(try #require(Growth.cagr([1, 2, 4, 8])) - 1.0) < 1e-12)
        // (16/3)^(1/3) − 1 = 1.747161 − 1 = 0.747161 (1.747161³ = 5.33334).
        #expect(abs(try #require(Growth.cagr([3, 7, 5, 16])) - 0.747161) < 1e-6)
        // The brief's sanity series: 21 … 280 over 9 years ≈ 38.2%.
        let c = try #require(Growth.cagr([21, 30, 41, 56, 78, 107, 148, 203, 280]))
        #expect(abs(c - (pow(280.0 / 21, 1.0 / 8) - 1)) < 1e-12)
        // To zero: (0/5)^(1/2) − 1 = −1.
        #expect(Growth.cagr([5, 1, 0]) == -1)
    }

    @Test(arguments: [[0.0, 1, 2], [7.0], [], [0.0, 0]])
    func cagrUndefined(values: [Double]) {
        #expect(Growth.cagr(values) == nil)
    }

    @Test func meanYoYCountsDefinedRates() throws {
        // Rates: 4/3 = 1.333333, −2/7 = −0.285714, 11/5 = 2.2 → mean 1.082540.
        let m = Growth.meanYearOverYear([3, 7, 5, 16])
        #expect(m.defined == 3 && m.pairs == 3)
        #expect(abs(try #require(m.mean) - 1.082540) < 1e-6)
        // 0 → 1 undefined, 1 → 1 = 0, 1 → 2 = 1 → mean 0.5 over 2 of 3.
        let g = Growth.meanYearOverYear([0, 1, 1, 2])
        #expect(g.mean == 0.5 && g.defined == 2 && g.pairs == 3)
        let none = Growth.meanYearOverYear([0, 0, 5])
        #expect(none.mean == nil && none.defined == 0 && none.pairs == 2)
    }

    @Test func medianAndRatio() {
        #expect(Growth.median([3, 0, 2, 1, 2, 2]) == 2)
        #expect(Growth.median([4, 1, 3, 2]) == 2.5)
        #expect(Growth.median([5]) == 5)
        #expect(Growth.median([]) == nil)
        #expect(Growth.ratio(1, 0) == nil)
        #expect(Growth.ratio(3, 4) == 0.75)
    }

    /// Narrow ranges (lags) are counted, wide ones sorted: both give the textbook median.
    @Test func medianOfNarrowAndWideRanges() {
        func sortedMedian(_ v: [Int]) -> Double {
            let s = v.sorted()
            return s.count % 2 == 1 ? Double(s[s.count / 2]) : (Double(s[s.count / 2 - 1]) + Double(s[s.count / 2])) / 2
        }
        let narrow = (0..<1001).map { ($0 * 7919) % 23 - 5 }
        #expect(Growth.median(narrow) == sortedMedian(narrow))
        #expect(Growth.median(Array(narrow.dropFirst())) == sortedMedian(Array(narrow.dropFirst())))
        #expect(Growth.median([-3, -1]) == -2)
        #expect(Growth.median([Int.min, 0, Int.max]) == 0)
        #expect(Growth.median([1, 100_000]) == 50_000.5)
    }
}
