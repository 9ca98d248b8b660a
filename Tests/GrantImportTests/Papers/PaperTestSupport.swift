import Foundation
import GrantImport
import GrantModel

/// Helpers shared by the paper-parser tests.
enum PaperTestSupport {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data` next to the package root (absent on machines without the sample data).
    static let sharedData = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")

    static var hasSharedData: Bool {
        FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("wos/wos_plaintext.txt").path)
    }

    static func sharedFile(_ path: String) -> URL { sharedData.appendingPathComponent(path) }

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: testsDirectory.appendingPathComponent("Fixtures/papers/\(name)"), encoding: .utf8)
    }

    static func text(of url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    /// Feeds `text` line by line (split on LF only, so a CR stays at the line end as a caller might leave it).
    static func parse<P: LineParser>(_ parser: P, _ text: String) -> [PaperEvent] {
        var parser = parser
        var events: [PaperEvent] = []
        var number = 0
        for line in lines(text) {
            number += 1
            parser.feed(line: line, number: number) { events.append($0) }
        }
        parser.finish { events.append($0) }
        return events
    }

    /// Lines split on the LF byte (Swift treats CRLF as one Character, so `split(separator: "\n")` would not).
    static func lines(_ text: String) -> [Substring] {
        var result: [Substring] = []
        let u = text.utf8
        var start = u.startIndex
        var i = u.startIndex
        while i < u.endIndex {
            if u[i] == 0x0A {
                result.append(Substring(u[start..<i]))
                start = u.index(after: i)
            }
            i = u.index(after: i)
        }
        if start < u.endIndex { result.append(Substring(u[start..<u.endIndex])) }
        return result
    }

    static func parse<P: RowParser>(_ parser: P, rows: [[String]]) -> [PaperEvent] {
        var parser = parser
        var events: [PaperEvent] = []
        for (i, row) in rows.enumerated() {
            parser.feed(row: row, number: i + 1) { events.append($0) }
        }
        parser.finish { events.append($0) }
        return events
    }

    /// WoS tab-delimited text as rows (lines split on tab).
    static func tabRows(_ text: String) -> [[String]] {
        lines(text)
            .map { line in
                var l = line
                if l.hasSuffix("\r") { l = l.dropLast() }
                return l.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            }
            .filter { $0 != [""] }
    }

    /// A test-only RFC 4180 tokenizer (quoted fields may hold commas, quotes and newlines).
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var previousWasQuote = false
        for ch in text.unicodeScalars {
            if quoted {
                if ch == "\"" { quoted = false; previousWasQuote = true } else { field.unicodeScalars.append(ch) }
                continue
            }
            switch ch {
            case "\"":
                if previousWasQuote { field.append("\"") }
                quoted = true
            case ",": row.append(field); field = ""
            case "\r": break
            case "\n": row.append(field); field = ""; rows.append(row); row = []
            default: field.unicodeScalars.append(ch)
            }
            if ch != "\"" { previousWasQuote = false }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    static func papers(_ events: [PaperEvent]) -> [PaperRecord] {
        events.compactMap { if case .paper(let p) = $0 { p } else { nil } }
    }

    static func rejects(_ events: [PaperEvent]) -> [PaperReject] {
        events.compactMap { if case .reject(let r) = $0 { r } else { nil } }
    }

    static func warnings(_ events: [PaperEvent]) -> [PaperReject] {
        events.compactMap { if case .warning(let r) = $0 { r } else { nil } }
    }

    /// Number of lines of `text` starting with `prefix`, counted independently of the parsers.
    static func count(linesStartingWith prefix: String, in text: String) -> Int {
        lines(text).filter { $0.hasPrefix(prefix) }.count
    }
}
