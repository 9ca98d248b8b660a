import Foundation

/// Errors of the store: opening, writing, and lookups the user asked for.
public enum StoreError: LocalizedError, Equatable, Sendable {
    case cannotOpen(path: String, detail: String)
    case notFound(what: String)
    case strictReject(file: String, row: Int, reason: String)
    case invalidQuery(String)

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let p, let d): "cannot open database \(p): \(d)"
        case .notFound(let w): "not found: \(w)"
        case .strictReject(let f, let r, let reason): "\(f): row \(r) rejected, and --strict makes that fatal (nothing imported): \(reason)"
        case .invalidQuery(let d): d
        }
    }
}
