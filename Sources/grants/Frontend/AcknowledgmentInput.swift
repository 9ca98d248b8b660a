import Foundation
import GrantTabular

/// Acknowledgment texts from a file or stdin: plain lines, or JSONL objects with "id" and "text".
enum AcknowledgmentInput {
    /// Calls `body` with (id, text) for each non-empty line; the id is the JSON id, else the line number.
    static func forEach(path: String?, _ body: (String, String) throws -> Void) throws {
        func handle(_ number: Int, _ line: Substring) throws {
            guard !line.allSatisfy(\.isWhitespace) else { return }
            if line.first == "{", let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let text = obj["text"] as? String
            {
                let id = obj["id"].map { "\($0)" } ?? String(number)
                try body(id, text)
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
