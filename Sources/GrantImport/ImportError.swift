import Foundation

/// Errors of the import stage: mapping a spreadsheet's columns and reading its records.
public enum ImportError: LocalizedError, Equatable, Sendable {
    case invalidInput(String)
    case badMapping(String)
    case noHeader(file: String)

    public var errorDescription: String? {
        switch self {
        case .invalidInput(let detail): detail
        case .badMapping(let detail): detail
        case .noHeader(let file): "\(file): no header row found"
        }
    }
}
