#if canImport(Glibc)
import Glibc
#endif

/// Streams a text file as decoded lines, for line-based exports (WoS tagged and tab-delimited, PubMed, CNKI).
///
/// ```swift
/// let reader = try TextLineReader(path: "savedrecs.txt")
/// try reader.forEachLine { number, line in print(number, line) }
/// ```
public final class TextLineReader {
    private let stream: DecodedTextStream

    /// Opens `path`, detecting the encoding (BOM, else UTF-8 if well-formed, else GB18030) unless a BOM-less
    /// file is given an explicit `encoding`.
    ///
    /// - Throws: `TabularError` for a missing, empty or binary file, or undecodable first chunk.
    public init(path: String, encoding: TextEncoding? = nil) throws {
        self.stream = try DecodedTextStream(path: path, forced: encoding)
    }

    /// The encoding in use.
    public var encoding: TextEncoding { stream.encoding }
    /// Raw bytes consumed so far, for progress reporting.
    public var bytesRead: Int { stream.bytesRead }
    /// Size of the file in bytes.
    public var totalBytes: Int { stream.totalBytes }

    /// Calls `body` for every line with its 1-based physical line number; CR, LF and CRLF all end a line
    /// and are stripped, as is the BOM. A final line without terminator is delivered too.
    ///
    /// - Throws: `TabularError.undecodable` with the absolute byte offset of a byte that does not decode,
    ///   or whatever `body` throws.
    public func forEachLine(_ body: (_ number: Int, _ line: Substring) throws -> Void) throws {
        try forEachLineBytes { number, bytes in try body(number, String(decoding: bytes, as: UTF8.self)[...]) }
    }

    /// `forEachLine` without making a `String` of each line: the bytes are valid UTF-8 (the stream decodes and
    /// validates) and are only valid during the call. Parsers that work on bytes skip an allocation per line.
    public func forEachLineBytes(_ body: (_ number: Int, _ line: UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var pending: [UInt8] = []
        var number = 0
        // A CR ended the previous chunk: an LF starting the next one belongs to it.
        var skipLF = false
        try stream.forEachChunk { chunk in
            guard let base = chunk.baseAddress, !chunk.isEmpty else { return }
            let n = chunk.count
            var start = skipLF && base[0] == 0x0A ? 1 : 0
            skipLF = false
            while start < n {
                // memchr finds the next LF fast; a CR before it (CRLF, or a lone CR of old Mac files) ends the line earlier.
                let lf = memchr(base + start, 0x0A, n - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? n
                let cr = memchr(base + start, 0x0D, lf - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base }
                let end = cr ?? lf
                if end == n { break }  // no terminator in this chunk: the line continues in the next
                number += 1
                let piece = UnsafeBufferPointer(start: base + start, count: end - start)
                if pending.isEmpty {
                    try body(number, piece)
                } else {
                    pending.append(contentsOf: piece)
                    try pending.withUnsafeBufferPointer { try body(number, $0) }
                    pending.removeAll(keepingCapacity: true)
                }
                start = end + 1
                if cr != nil {
                    if start < n {
                        if base[start] == 0x0A { start += 1 }
                    } else {
                        skipLF = true
                    }
                }
            }
            if start < n { pending.append(contentsOf: UnsafeBufferPointer(start: base + start, count: n - start)) }
        }
        if !pending.isEmpty {
            number += 1
            try pending.withUnsafeBufferPointer { try body(number, $0) }
        }
    }
}
