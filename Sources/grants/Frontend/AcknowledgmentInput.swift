import Foundation
import GrantTabular

/// Acknowledgment texts from a file or stdin for `grants audit --texts`: plain lines, or JSONL with "id" and "text"
/// (read as `grants extract` reads them).
enum AcknowledgmentInput {
    /// Calls `body` with (id, text) for each non-empty line; the id is the JSON id, else the line number.
    static func forEach(path: String?, _ body: (String, String) throws -> Void) throws {
        func handle(_ number: Int, _ line: Substring) throws {
            guard !line.allSatisfy(\.isWhitespace) else { return }
            if line.first == "{", let (id, text) = GrantsCommand.Extract.JSONLine.idAndText(String(line)) {
                switch id {
                case .string(let s), .number(let s): try body(s, text)
                case nil: try body(String(number), text)
                }
            } else {
                try body(String(number), String(line))
            }
        }
        if let path, path != "-" {
            let reader = try TextLineReader(path: path)
            try reader.forEachLine(handle)
        } else {
            var n = 0
            while let line = readLine(strippingNewline: true) {
                n += 1
                try handle(n, Substring(line))
            }
        }
    }
}
