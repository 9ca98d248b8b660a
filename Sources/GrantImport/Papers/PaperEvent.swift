import GrantModel

/// A record (or file-level anomaly) a parser could not turn into a `PaperRecord`.
public struct PaperReject: Hashable, Sendable {
    public var file: String
    /// 1-based line (or row) where the record starts.
    public var line: Int
    /// 1-based record number within the file; 0 for file-level problems.
    public var record: Int
    public var reason: String
    /// The record's raw text, capped at `PaperReject.rawLimit` UTF-8 bytes.
    public var raw: String

    /// Longest raw excerpt kept in a reject.
    public static let rawLimit = 2_000

    public init(file: String, line: Int, record: Int, reason: String, raw: String) {
        self.file = file
        self.line = line
        self.record = record
        self.reason = reason
        self.raw = raw
    }
}

/// What a paper parser emits, one at a time.
public enum PaperEvent: Sendable {
    /// A parsed record.
    case paper(PaperRecord)
    /// A record that was skipped; the parser goes on with the next one.
    case reject(PaperReject)
    /// A file-level anomaly that lost no record (e.g. a WoS file without its closing `EF`).
    case warning(PaperReject)
}

/// A push parser for line-based exports (WoS tagged, PubMed MEDLINE, CNKI text).
///
/// The caller decodes the file, strips line terminators and feeds lines in order; the parser keeps
/// at most one record in memory.
public protocol LineParser {
    /// Feeds one line (without its terminator) with its 1-based line number.
    mutating func feed(line: Substring, number: Int, emit: (PaperEvent) throws -> Void) rethrows
    /// Flushes the last record and reports an unterminated one.
    mutating func finish(emit: (PaperEvent) throws -> Void) rethrows
}

/// A push parser for row-based exports (WoS tab-delimited, Scopus CSV, CNKI Excel); the header row comes first.
public protocol RowParser {
    /// Feeds one row with its 1-based row (or line) number.
    mutating func feed(row: [String], number: Int, emit: (PaperEvent) throws -> Void) rethrows
    mutating func finish(emit: (PaperEvent) throws -> Void) rethrows
}
