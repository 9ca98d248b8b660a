/// The container format of a table file, detected from its first bytes.
public enum TableFormat: String, Sendable {
    case csv
    case xlsx
    case xls
}
