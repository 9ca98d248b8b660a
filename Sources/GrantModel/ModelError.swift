import Foundation

/// Errors raised by GrantModel: loading topic filters and Nature Index journal lists.
public enum ModelError: LocalizedError, Equatable, Sendable {
    /// A topic file could not be read at all (missing, unreadable).
    case topicFileUnreadable(file: String, reason: String)
    /// A topic file was read but is not a valid topic (bad JSON, wrong shape, empty group, unknown department…).
    case topicFileInvalid(file: String, reason: String)
    /// A topic definition given without a file (decoded from data) is not valid.
    case topicInvalid(reason: String)
    /// No preset topic has this name.
    case unknownTopic(name: String, available: [String])
    /// A bundled Nature Index list is missing from the module's resources.
    case missingJournalList(String)
    /// A Nature Index list's CSV is not usable: what and where.
    case invalidJournalList(String)
    /// A journal list file could not be read at all (missing, a directory, unreadable).
    case journalListUnreadable(file: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .topicFileUnreadable(let file, let reason):
            "\(file): cannot read topic file: \(reason)"
        case .topicFileInvalid(let file, let reason):
            "\(file): invalid topic file: \(reason)"
        case .topicInvalid(let reason):
            "invalid topic: \(reason)"
        case .unknownTopic(let name, let available):
            "unknown topic '\(name)'; presets: \(available.joined(separator: ", "))"
        case .missingJournalList(let name): "nature index list \(name) is not bundled"
        case .invalidJournalList(let detail): "nature index list: \(detail)"
        case .journalListUnreadable(let file, let reason): "\(file): cannot read journal list: \(reason)"
        }
    }
}

/// Why a file operation failed, in words. Foundation on Linux reports a directory, a missing file or a denied read
/// as its bare "error 256", with the POSIX cause tucked underneath.
public func fileErrorReason(_ error: any Error) -> String {
    let ns = error as NSError
    if let posix = ns.userInfo[NSUnderlyingErrorKey] as? POSIXError { return errnoReason(posix.code.rawValue) }
    return ns.code == NSFileReadNoSuchFileError ? "no such file" : ns.localizedDescription
}

/// An `errno` in words, worded like the file readers' own errors ("no such file", "is a directory").
public func errnoReason(_ code: Int32) -> String {
    if code == ENOENT { return "no such file" }
    let reason = String(cString: strerror(code))
    return reason.prefix(1).lowercased() + reason.dropFirst()
}
