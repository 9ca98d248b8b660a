import Foundation

/// Errors of the GrantImport module.
public enum ImportError: LocalizedError, Equatable, Sendable {
    case invalidInput(String)

    public var errorDescription: String? {
        switch self {
        case .invalidInput(let detail): detail
        }
    }
}
