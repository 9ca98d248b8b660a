import Glibc

/// Turns a file's bytes, chunk by chunk, into UTF-8, keeping sequences that a chunk boundary splits.
///
/// UTF-8 input is validated, not repaired: an ill-formed byte is an error with its absolute file offset,
/// never a silent U+FFFD. Other encodings go through glibc `iconv`.
struct StreamingDecoder {
    let encoding: TextEncoding
    let path: String
    /// Undecoded bytes held back from the previous chunk (an incomplete sequence).
    private var carry: [UInt8] = []
    private let converter: IconvConverter?

    init(encoding: TextEncoding, path: String) throws {
        self.encoding = encoding
        self.path = path
        self.converter = encoding == .utf8 ? nil : try IconvConverter(from: encoding, path: path)
    }

    /// Decodes `chunk`, whose first byte sits at absolute file offset `chunkOffset`, appending UTF-8 to `out`.
    mutating func decode(_ chunk: UnsafeBufferPointer<UInt8>, at chunkOffset: Int, into out: inout [UInt8]) throws {
        if carry.isEmpty {
            try decodeContiguous(chunk, at: chunkOffset, into: &out)
        } else {
            let joined = carry + chunk
            let start = chunkOffset - carry.count
            carry.removeAll(keepingCapacity: true)
            try joined.withUnsafeBufferPointer { try decodeContiguous($0, at: start, into: &out) }
        }
    }

    /// Call at end of input; a sequence still held back is cut off by the end of the file.
    func finish(endOffset: Int) throws {
        if !carry.isEmpty {
            throw TabularError.undecodable(path: path, encoding: encoding.rawValue, byteOffset: endOffset - carry.count)
        }
    }

    private mutating func decodeContiguous(
        _ input: UnsafeBufferPointer<UInt8>, at offset: Int, into out: inout [UInt8]
    ) throws {
        if let converter {
            let consumed = try converter.convert(input, at: offset, into: &out)
            carry.append(contentsOf: input[consumed...])
            return
        }
        switch UTF8Validation.check(input) {
        case .valid:
            out.append(contentsOf: input)
        case .incompleteTail(let count):
            out.append(contentsOf: input[..<count])
            carry.append(contentsOf: input[count...])
        case .invalid(let bad):
            throw TabularError.undecodable(path: path, encoding: encoding.rawValue, byteOffset: offset + bad)
        }
    }
}

/// Owns one glibc iconv descriptor converting to UTF-8.
final class IconvConverter {
    private let cd: iconv_t
    private let encoding: TextEncoding
    private let path: String

    init(from encoding: TextEncoding, path: String) throws {
        let cd = iconv_open("UTF-8", encoding.iconvName)
        guard let cd, Int(bitPattern: cd) != -1 else {
            throw TabularError.unsupportedFormat(path: path, detail: "iconv cannot convert from \(encoding.iconvName)")
        }
        self.cd = cd
        self.encoding = encoding
        self.path = path
    }

    deinit { iconv_close(cd) }

    /// Converts as much of `input` as forms complete sequences; returns how many input bytes were used.
    func convert(_ input: UnsafeBufferPointer<UInt8>, at offset: Int, into out: inout [UInt8]) throws -> Int {
        guard let inBase = input.baseAddress, !input.isEmpty else { return 0 }
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inBase)
            .assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        while inLeft > 0 {
            // UTF-16 and GB18030 never need more than 2 UTF-8 bytes per input byte (+ slack).
            let room = inLeft * 2 + 16
            let before = out.count
            var produced = 0
            var err: Int32 = 0
            out.append(contentsOf: repeatElement(0, count: room))
            out.withUnsafeMutableBufferPointer { buf in
                guard let outBase = buf.baseAddress else { return }
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase + before)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = room
                let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                produced = room - outLeft
                if rc == -1 { err = errno }  // size_t imports as Int: (size_t)-1 is -1
            }
            out.removeLast(room - produced)
            switch err {
            case 0, E2BIG:
                continue
            case EINVAL:
                // An incomplete sequence at the end: the caller carries it into the next chunk.
                return input.count - inLeft
            default:
                let at = offset + input.count - inLeft
                throw TabularError.undecodable(path: path, encoding: encoding.rawValue, byteOffset: at)
            }
        }
        return input.count
    }
}
