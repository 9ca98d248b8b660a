import Foundation

/// Why a spreadsheet or text file could not be read.
public enum TabularError: LocalizedError, Equatable, Sendable {
    case fileNotFound(path: String)
    case unreadable(path: String, detail: String)
    case emptyFile(path: String)
    case binaryFile(path: String)
    case undecodable(path: String, encoding: String, byteOffset: Int)
    case unsupportedFormat(path: String, detail: String)
    case corrupt(path: String, detail: String)
    case sheetNotFound(path: String, sheet: String, available: [String])
    /// A CSV record that cannot be parsed, e.g. a quote opened on `line` and never closed.
    case malformedCSV(path: String, line: Int, detail: String)

    public var errorDescription: String? {
        switch self {
        case .fileNotFound(let p): "\(p): no such file"
        case .unreadable(let p, let d): "\(p): cannot read: \(d)"
        case .emptyFile(let p): "\(p): the file is empty"
        case .binaryFile(let p): "\(p): this looks like a binary file, not a spreadsheet or text export"
        case .undecodable(let p, let e, let o): "\(p): cannot decode as \(e) at byte offset \(o) (try --encoding)"
        case .unsupportedFormat(let p, let d): "\(p): \(d)"
        case .corrupt(let p, let d): "\(p): the file is damaged or truncated: \(d)"
        case .sheetNotFound(let p, let s, let a): "\(p): no sheet named '\(s)' (sheets: \(a.joined(separator: ", ")))"
        case .malformedCSV(let p, let l, let d): "\(p):\(l): malformed CSV: \(d)"
        }
    }
}
