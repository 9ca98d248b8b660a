/// Decodes a whole small byte buffer with the same detection rules as the file readers.
///
/// - Parameters:
///   - bytes: the complete input.
///   - encoding: forces an encoding when the input has no BOM; nil detects.
/// - Returns: the text (BOM removed) and the encoding used.
/// - Throws: `TabularError.undecodable` with the offset of the first bad byte (path `<buffer>`).
public func decodeText(_ bytes: [UInt8], encoding: TextEncoding?) throws -> (String, TextEncoding) {
    let (detected, bom) = EncodingDetector.detect(bytes, isComplete: true, forced: encoding)
    var decoder = try StreamingDecoder(encoding: detected, path: "<buffer>")
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    try bytes.withUnsafeBufferPointer { buf in
        try decoder.decode(UnsafeBufferPointer(rebasing: buf[bom...]), at: bom, into: &out)
    }
    try decoder.finish(endOffset: bytes.count)
    return (String(decoding: out, as: UTF8.self), detected)
}
