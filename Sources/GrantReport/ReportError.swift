import Foundation

/// Errors of the GrantReport module.
public enum ReportError: LocalizedError, Equatable, Sendable {
    case invalidInput(String)

    public var errorDescription: String? {
        switch self {
        case .invalidInput(let detail): detail
        }
    }
}
