import GrantLink
import GrantModel

/// `funder:number` pairs of a text's mentions, in order, for compact expectations.
func pairs(_ text: String, funders: Set<FunderID>? = nil) -> [String] {
    AcknowledgmentExtractor().extract(text)
        .filter { funders?.contains($0.funder) ?? true }
        .map { "\($0.funder):\($0.number)" }
}

/// Only the `nsfc` and `nkrdpc` pairs.
func credited(_ text: String) -> [String] {
    pairs(text, funders: [.nsfc, .nkrdpc])
}
