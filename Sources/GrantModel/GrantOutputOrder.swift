/// The order of a per-grant output report. Ties are always broken by grant number, so output is stable.
///
/// Shared by the store, which sorts in SQL when a report is limited to its first rows, and the report builder,
/// which sorts the rows it is given.
public enum GrantOutputOrder: String, CaseIterable, Sendable {
    case number
    /// Most papers first.
    case papers
    /// Most Nature Index papers first.
    case niPapers = "ni-papers"
    /// Largest amount first; unknown amounts last.
    case amount
    /// Oldest approval year first; unknown years first.
    case year
}
