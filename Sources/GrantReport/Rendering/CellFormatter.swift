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
        let s = String(format: "%.\(max(0, digits))f", value)
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(s.dropFirst()) }
        return s
    }

    /// A short period/provenance line used by the text formats.
    static func periodLine(_ context: ReportContext) -> String {
        "Period: \(context.fromYear)–\(context.toYear) (by \(context.countBy)) · Generated: \(context.generatedAtISO)"
    }
}
