import Foundation

/// Growth figures over a yearly series. Pure functions; undefined results are `nil`, never inf/NaN.
///
/// Published "average annual growth" figures use either of two definitions, so reports give both and print
/// ``Growth/formulas``:
/// - CAGR = (x_last / x_first)^(1/(n−1)) − 1, undefined when x_first = 0 or n < 2;
/// - mean YoY = arithmetic mean of the defined rates (x_t − x_{t−1}) / x_{t−1}; a rate is undefined when
///   x_{t−1} = 0.
public enum Growth {
    /// The values for each year of `from...to`, in order; years absent from `values` count as 0.
    /// Duplicate years are added together.
    public static func series(_ values: [(year: Int, value: Double)], from: Int, to: Int) -> [Double] {
        guard from <= to else { return [] }
        var out = [Double](repeating: 0, count: to - from + 1)
        for (year, value) in values where year >= from && year <= to {
            out[year - from] += value
        }
        return out
    }

    /// Year-over-year rates, one per element: the first is always `nil` (no previous year) and any rate whose
    /// previous value is 0 is `nil`.
    public static func yearOverYear(_ values: [Double]) -> [Double?] {
        guard !values.isEmpty else { return [] }
        var out: [Double?] = [nil]
        for i in values.indices.dropFirst() {
            out.append(rate(from: values[i - 1], to: values[i]))
        }
        return out
    }

    /// (x_t − x_{t−1}) / x_{t−1}, or `nil` when x_{t−1} is 0 or the result is not finite.
    public static func rate(from previous: Double, to current: Double) -> Double? {
        guard previous != 0 else { return nil }
        let r = (current - previous) / previous
        return r.isFinite ? r : nil
    }

    /// Compound annual growth rate between the first and last element, or `nil` when the first value is 0,
    /// there are fewer than two values, or the ratio is negative (no real root).
    public static func cagr(_ values: [Double]) -> Double? {
        guard values.count >= 2, let first = values.first, let last = values.last, first != 0 else { return nil }
        let ratio = last / first
        guard ratio >= 0, ratio.isFinite else { return nil }
        let r = pow(ratio, 1.0 / Double(values.count - 1)) - 1
        return r.isFinite ? r : nil
    }

    /// The mean of the defined year-over-year rates.
    public struct MeanYoY: Hashable, Sendable {
        /// `nil` when no rate is defined.
        public var mean: Double?
        /// How many year pairs had a defined rate …
        public var defined: Int
        /// … out of this many pairs (n − 1).
        public var pairs: Int
    }

    public static func meanYearOverYear(_ values: [Double]) -> MeanYoY {
        let rates = yearOverYear(values).dropFirst()
        let defined = rates.compactMap { $0 }
        let mean = defined.isEmpty ? nil : defined.reduce(0, +) / Double(defined.count)
        return MeanYoY(mean: mean, defined: defined.count, pairs: rates.count)
    }

    /// Median of integers (mean of the two middle values for an even count); `nil` when empty.
    public static func median(_ values: [Int]) -> Double? {
        guard let lo = values.min(), let hi = values.max() else { return nil }
        let mid = values.count / 2
        // Lags span a few dozen years but number millions at scale: counting finds the middle without a sort.
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        if !overflow, span < 4096 {
            var counts = [Int](repeating: 0, count: span + 1)
            for v in values { counts[v - lo] += 1 }
            func nth(_ k: Int) -> Int {
                var seen = 0
                for (i, c) in counts.enumerated() {
                    seen += c
                    if seen > k { return lo + i }
                }
                return hi
            }
            return values.count % 2 == 1 ? Double(nth(mid)) : (Double(nth(mid - 1)) + Double(nth(mid))) / 2
        }
        let s = values.sorted()
        return s.count % 2 == 1 ? Double(s[mid]) : (Double(s[mid - 1]) + Double(s[mid])) / 2
    }

    /// `numerator / denominator`, or `nil` when the denominator is 0.
    public static func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
        guard denominator != 0 else { return nil }
        let r = numerator / denominator
        return r.isFinite ? r : nil
    }

    /// The formulas as printed in every report.
    public static let formulas: [String] = [
        "YoY growth in year t = (x_t − x_{t−1}) / x_{t−1}; undefined (shown as —, n/a or null) when x_{t−1} = 0.",
        "CAGR = (x_last / x_first)^(1/(n_years − 1)) − 1 over the whole period; undefined when x_first = 0 "
            + "or the period has one year.",
        "Mean YoY = arithmetic mean of the defined YoY rates; the number of defined rates out of n_years − 1 "
            + "is shown beside it.",
        "Missing years count as 0.",
    ]
}
