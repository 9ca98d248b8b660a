/// Picks a text encoding from a file's first bytes.
enum EncodingDetector {
    /// Detects the encoding of `sample` (the start of the input) and the length of its byte-order mark.
    ///
    /// A BOM is authoritative. Without one, `forced` (the user's `--encoding`) is used if given; otherwise
    /// the sample is UTF-8 if well-formed (a sequence cut by the sample's end is fine unless
    /// `isComplete`), else GB18030, the superset of GBK that Chinese Windows software writes.
    static func detect(_ sample: [UInt8], isComplete: Bool, forced: TextEncoding?) -> (TextEncoding, bomLength: Int) {
        for candidate in [TextEncoding.utf8, .utf16le, .utf16be] where sample.starts(with: candidate.bom) {
            return (candidate, candidate.bom.count)
        }
        if let forced {
            return (forced, forced == .gb18030 && sample.starts(with: forced.bom) ? 4 : 0)
        }
        switch UTF8Validation.check(sample) {
        case .valid: return (.utf8, 0)
        case .incompleteTail: return (isComplete ? .gb18030 : .utf8, 0)
        case .invalid: return (.gb18030, 0)
        }
    }
}
