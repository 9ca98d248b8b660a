import Foundation

/// Errors of the GrantReport module.
public enum ReportError: LocalizedError, Equatable, Sendable {
    /// libxlsxwriter failed; the text says what was being done and libxlsxwriter's message.
    case xlsx(String)

    public var errorDescription: String? {
        switch self {
        case .xlsx(let detail): "xlsx: \(detail)"
        }
    }
}
