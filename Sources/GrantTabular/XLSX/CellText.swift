/// Turns stored spreadsheet values into the text a user sees in the cell.
enum CellText {
    /// A number as text: integral values without a fraction (`81871234.0` and `8.1871234E7` give
    /// `81871234`), others in the shortest form that round-trips (`17.5`). Non-numbers pass unchanged.
    static func number(_ raw: String) -> String {
        if isPlainInteger(raw) { return raw }
        guard let value = Double(raw), value.isFinite else { return raw }
        return number(value)
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    static func boolean(_ raw: String) -> String {
        switch raw {
        case "1", "true", "TRUE": "TRUE"
        case "0", "false", "FALSE": "FALSE"
        default: raw
        }
    }

    private static func isPlainInteger(_ s: String) -> Bool {
        var digits = 0
        for (k, b) in s.utf8.enumerated() {
            if b >= 0x30 && b <= 0x39 {
                digits += 1
            } else if !(k == 0 && b == 0x2D) {
                return false
            }
        }
        // A leading zero (other than "0") would be lost by Excel anyway; let Double normalise it.
        return digits > 0 && digits <= 18 && !(s.utf8.first == 0x30 && s.utf8.count > 1)
    }

    /// Zero-based column index of a cell reference such as `B3` or `AA10`, nil if it has no letters.
    static func columnIndex(_ reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var letters = 0
        for b in reference {
            let upper = b & 0xDF
            guard upper >= 0x41 && upper <= 0x5A else { break }
            index = index * 26 + Int(upper - 0x40)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : index - 1
    }

    /// Parses an unsigned decimal attribute value.
    static func integer(_ raw: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !raw.isEmpty, raw.count <= 9 else { return nil }
        var value = 0
        for b in raw {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }
}
