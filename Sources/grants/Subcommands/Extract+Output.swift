import Foundation
import GrantModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GrantsCommand.Extract {
    /// Buffered JSONL writer for `grants extract`.
    struct OutputBuffer {
        private var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(1 << 16) }

        mutating func writeLine(id: JSONValue, mentions: [Mention]) {
            append("{\"id\": ")
            switch id {
            case .string(let s): appendString(s)
            case .number(let n): appendText(n)
            }
            append(", \"mentions\": [")
            for (i, m) in mentions.enumerated() {
                if i > 0 { append(", ") }
                append("{\"funder\": ")
                appendString(m.funder.rawValue)
                append(", \"number\": ")
                appendString(m.number)
                append(", \"raw\": ")
                appendString(m.raw)
                append(", \"start\": ")
                appendInt(m.start)
                append(", \"end\": ")
                appendInt(m.end)
                append(", \"funder_text\": ")
                appendString(m.funderText)
                append(", \"position\": ")
                appendInt(m.position)
                append(m.valid ? ", \"valid\": true, \"note\": " : ", \"valid\": false, \"note\": ")
                if let note = m.note { appendString(note) } else { append("null") }
                append("}")
            }
            append("]}\n")
            if bytes.count >= 1 << 16 { flush() }
        }

        mutating func flush() {
            guard !bytes.isEmpty else { return }
            bytes.withUnsafeBufferPointer { p in
                guard let base = p.baseAddress else { return }
                var offset = 0
                while offset < p.count {
                    let n = write(1, base + offset, p.count - offset)
                    if n <= 0 { break }  // closed pipe: nothing more can be written
                    offset += n
                }
            }
            bytes.removeAll(keepingCapacity: true)
        }

        private mutating func append(_ s: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
        }

        private mutating func appendText(_ s: String) { bytes.append(contentsOf: s.utf8) }

        private mutating func appendInt(_ v: Int) {
            guard v > 0 else {
                if v == 0 { bytes.append(UInt8(ascii: "0")) } else { appendText(String(v)) }
                return
            }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                         UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var n = v
            var count = 0
            withUnsafeMutableBytes(of: &digits) { d in
                while n > 0 {
                    d[count] = UInt8(48 + n % 10)
                    n /= 10
                    count += 1
                }
                for k in stride(from: count - 1, through: 0, by: -1) { bytes.append(d[k]) }
            }
        }

        private mutating func appendString(_ s: String) {
            bytes.append(UInt8(ascii: "\""))
            // Native strings are contiguous UTF-8: checking and copying the buffer beats walking the UTF-8 view.
            let plain = s.utf8.withContiguousStorageIfAvailable { buf -> Bool in
                for b in buf where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
                bytes.append(contentsOf: buf)
                return true
            }
            if plain == true {
                bytes.append(UInt8(ascii: "\""))
                return
            }
            for b in s.utf8 {
                switch b {
                case UInt8(ascii: "\""): append("\\\"")
                case UInt8(ascii: "\\"): append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case 0..<0x20:
                    let hex = String(b, radix: 16)
                    appendText("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: bytes.append(b)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
