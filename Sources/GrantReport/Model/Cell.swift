/// One value of a report table; numbers stay typed so CSV/JSON/XLSX write them as numbers.
public enum Cell: Hashable, Sendable {
    case text(String)
    case integer(Int64)
    /// `nil` is undefined (e.g. a ratio with a zero denominator), shown as "—"/"n/a"/null.
    case decimal(Double?)
    /// A fraction (0.379 = 37.9 %); `nil` is undefined.
    case percent(Double?)
    case empty

    public static func int(_ value: Int) -> Cell { .integer(Int64(value)) }

    /// The numeric value when the cell holds a defined, finite number.
    public var number: Double? {
        switch self {
        case .integer(let v): Double(v)
        case .decimal(let v), .percent(let v): v.flatMap { $0.isFinite ? $0 : nil }
        case .text, .empty: nil
        }
    }

    /// True for a number cell whose value is undefined (or not finite, which the builders never produce).
    public var isUndefined: Bool {
        switch self {
        case .decimal(let v), .percent(let v): v.map { !$0.isFinite } ?? true
        default: false
        }
    }
}
