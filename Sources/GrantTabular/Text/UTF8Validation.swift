/// Result of checking a byte buffer for well-formed UTF-8.
enum UTF8Validation: Equatable {
    /// Every byte is part of a complete, well-formed sequence.
    case valid
    /// Well-formed up to `validCount`, then a sequence that the buffer cuts short.
    case incompleteTail(validCount: Int)
    /// The sequence starting at byte `offset` is ill-formed.
    case invalid(offset: Int)

    /// Checks `bytes` against the well-formed table of Unicode §3.9 (no overlongs, no surrogates, ≤ U+10FFFF).
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> UTF8Validation {
        let n = bytes.count
        var i = 0
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return .valid }
        while i < n {
            // ASCII fast path: eight bytes at a time while none has the high bit set.
            while i + 8 <= n && base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { break }
            let b0 = bytes[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; hi = 0x9F
            case 0xF0: length = 4; lo = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; hi = 0x8F
            default: return .invalid(offset: i)
            }
            for k in 1..<length {
                guard i + k < n else { return .incompleteTail(validCount: i) }
                let b = bytes[i + k]
                let (l, h): (UInt8, UInt8) = k == 1 ? (lo, hi) : (0x80, 0xBF)
                guard b >= l && b <= h else { return .invalid(offset: i) }
            }
            i += length
        }
        return .valid
    }

    static func check(_ bytes: [UInt8]) -> UTF8Validation {
        bytes.withUnsafeBufferPointer { check($0) }
    }
}
