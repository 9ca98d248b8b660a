/// A text file opened for streaming as UTF-8: encoding detected, BOM stripped, empty and binary files rejected.
final class DecodedTextStream {
    static let binarySniffLength = 8 * 1024

    let path: String
    let encoding: TextEncoding
    let bomLength: Int
    let totalBytes: Int
    /// Raw file bytes consumed by the current or last pass.
    private(set) var bytesRead = 0
    /// The first decoded chunk, kept for sniffing (delimiter detection).
    private(set) var firstDecodedChunk: [UInt8] = []

    init(path: String, forced: TextEncoding?) throws {
        let reader = try FileByteReader(path: path)
        var first: [UInt8] = []
        try reader.read(into: &first)
        let (encoding, bom) = EncodingDetector.detect(first, isComplete: first.count == reader.size, forced: forced)
        guard reader.size > bom else { throw TabularError.emptyFile(path: path) }
        if !encoding.isUTF16, first.prefix(Self.binarySniffLength).contains(0) {
            throw TabularError.binaryFile(path: path)
        }
        self.path = path
        self.encoding = encoding
        self.bomLength = bom
        self.totalBytes = reader.size
        var decoder = try StreamingDecoder(encoding: encoding, path: path)
        try first.withUnsafeBufferPointer { buf in
            try decoder.decode(UnsafeBufferPointer(rebasing: buf[bom...]), at: bom, into: &firstDecodedChunk)
        }
    }

    /// Streams the whole file as UTF-8 chunks (each ending on a character boundary) from the start.
    func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let reader = try FileByteReader(path: path)
        var decoder = try StreamingDecoder(encoding: encoding, path: path)
        var raw: [UInt8] = []
        var decoded: [UInt8] = []
        decoded.reserveCapacity(FileByteReader.chunkSize * 2)
        bytesRead = 0
        var isFirst = true
        while true {
            let chunkOffset = reader.offset
            try reader.read(into: &raw)
            if raw.isEmpty { break }
            decoded.removeAll(keepingCapacity: true)
            let skip = isFirst ? min(bomLength, raw.count) : 0
            isFirst = false
            try raw.withUnsafeBufferPointer { buf in
                try decoder.decode(UnsafeBufferPointer(rebasing: buf[skip...]), at: chunkOffset + skip, into: &decoded)
            }
            bytesRead = reader.offset
            if !decoded.isEmpty {
                try decoded.withUnsafeBufferPointer { try body($0) }
            }
        }
        try decoder.finish(endOffset: reader.offset)
        bytesRead = reader.offset
    }
}
