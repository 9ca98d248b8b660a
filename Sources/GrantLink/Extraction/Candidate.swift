/// A number candidate and the funder span credited with it.
struct Candidate {
    /// Token range, end exclusive (several tokens when a number was written with spaces).
    var first: Int
    var end: Int
    /// Index into the spans, `nil` when no funder name governs the number.
    var span: Int?
}
