import Foundation

/// Errors of the GrantStore module.
public enum StoreError: LocalizedError, Equatable, Sendable {
    case invalidInput(String)

    public var errorDescription: String? {
        switch self {
        case .invalidInput(let detail): detail
        }
    }
}
