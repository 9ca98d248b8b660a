/// A text encoding the readers can decode; everything is transcoded to UTF-8.
public enum TextEncoding: String, CaseIterable, Sendable {
    case utf8
    case utf16le
    case utf16be
    /// GB18030, a superset of GBK and GB2312 (what Chinese Excel/CNKI exports use).
    case gb18030

    /// Parses a user-supplied label such as `utf-8`, `GBK`, `gb2312`, `cp936` or `utf-16`.
    ///
    /// A bare `utf-16` means little-endian (the Windows default); a byte-order mark in the file still decides.
    public init?(label: String) {
        let key = String(label.lowercased().unicodeScalars.filter { $0 != "-" && $0 != "_" && $0 != " " })
        switch key {
        case "utf8", "utf8bom", "utf8sig": self = .utf8
        case "utf16", "utf16le", "ucs2", "ucs2le", "unicode": self = .utf16le
        case "utf16be", "ucs2be": self = .utf16be
        case "gb18030", "gbk", "gb2312", "cp936", "ms936", "windows936", "euccn": self = .gb18030
        default: return nil
        }
    }

    /// The name glibc `iconv_open` knows this encoding by.
    var iconvName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16le: "UTF-16LE"
        case .utf16be: "UTF-16BE"
        case .gb18030: "GB18030"
        }
    }

    /// The byte-order mark for this encoding.
    var bom: [UInt8] {
        switch self {
        case .utf8: [0xEF, 0xBB, 0xBF]
        case .utf16le: [0xFF, 0xFE]
        case .utf16be: [0xFE, 0xFF]
        case .gb18030: [0x84, 0x31, 0x95, 0x33]
        }
    }

    var isUTF16: Bool { self == .utf16le || self == .utf16be }
}
