import Foundation

/// Errors of loading Nature Index journal lists.
public enum NatureIndexError: LocalizedError, Equatable, Sendable {
    /// A bundled list is missing from the module's resources.
    case missingResource(String)
    /// A list's CSV is not usable: what and where.
    case invalidList(String)

    public var errorDescription: String? {
        switch self {
        case .missingResource(let name): "nature index list \(name) is not bundled"
        case .invalidList(let detail): "nature index list: \(detail)"
        }
    }
}
