import Foundation

/// Turns cells into display text the same way in every text format (table, Markdown, HTML, CSV).
enum CellFormatter {
    /// Display text for `cell` in `column`; undefined numbers become `undefined`. Never "inf" or "nan".
    static func text(_ cell: Cell, _ column: Column, undefined: String) -> String {
        switch cell {
        case .text(let s): s
        case .integer(let v): String(v)
        case .decimal(let v): v.flatMap { $0.isFinite ? fixed($0, column.digits) : nil } ?? undefined
        case .percent(let v): v.flatMap { $0.isFinite ? fixed($0 * 100, column.digits) + "%" : nil } ?? undefined
        case .empty: ""
        }
    }

    /// `value` with `digits` fraction digits, POSIX style; a rounded negative zero prints without its sign.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        let digits = max(0, min(digits, 9))
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value * Double(scale)).rounded(.toNearestOrAwayFromZero)
        // Fast path without String(format:), which is slow on Linux; huge values fall back to it.
        guard abs(scaled) < 9e15 else {
            let s = String(format: "%.\(digits)f", value)
            if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(s.dropFirst()) }
            return s
        }
        let n = Int64(scaled)
        let magnitude = n.magnitude
        var whole = String(magnitude / UInt64(scale))
        if n < 0 { whole = "-" + whole }
        guard digits > 0 else { return whole }
        let fraction = String(magnitude % UInt64(scale))
        return whole + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// A short period/provenance line used by the text formats.
    static func periodLine(_ context: ReportContext) -> String {
        "Period: \(context.fromYear)–\(context.toYear) (by \(context.countBy)) · Generated: \(context.generatedAtISO)"
    }
}
