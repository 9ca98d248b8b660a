import GrantModel

/// A funder name found in the token stream.
struct FunderSpan {
    var funder: FunderID
    /// Token range, end exclusive.
    var first: Int
    var end: Int
}
