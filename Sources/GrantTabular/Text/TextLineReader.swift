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
        var pending: [UInt8] = []
        var number = 0
        // A CR ended the previous chunk: an LF starting the next one belongs to it.
        var skipLF = false
        try stream.forEachChunk { chunk in
            var start = 0
            var i = 0
            let n = chunk.count
            if skipLF, n > 0, chunk[0] == 0x0A {
                start = 1
                i = 1
            }
            skipLF = false
            while i < n {
                let b = chunk[i]
                if b != 0x0A && b != 0x0D {
                    i += 1
                    continue
                }
                number += 1
                let line: String
                if pending.isEmpty {
                    line = String(decoding: UnsafeBufferPointer(rebasing: chunk[start..<i]), as: UTF8.self)
                } else {
                    pending.append(contentsOf: chunk[start..<i])
                    line = String(decoding: pending, as: UTF8.self)
                    pending.removeAll(keepingCapacity: true)
                }
                try body(number, line[...])
                i += 1
                if b == 0x0D {
                    if i < n {
                        if chunk[i] == 0x0A { i += 1 }
                    } else {
                        skipLF = true
                    }
                }
                start = i
            }
            pending.append(contentsOf: chunk[start..<n])
        }
        if !pending.isEmpty {
            number += 1
            let line = String(decoding: pending, as: UTF8.self)
            try body(number, line[...])
        }
    }
}
