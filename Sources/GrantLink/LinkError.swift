import Foundation

/// Errors of the GrantLink module.
public enum LinkError: LocalizedError, Equatable, Sendable {
    case invalidInput(String)

    public var errorDescription: String? {
        switch self {
        case .invalidInput(let detail): detail
        }
    }
}
