import Foundation

extension GrantsCommand.Extract {
    /// An id as it appeared in the input: a JSON string, or a number/literal written back verbatim.
    enum JSONValue {
        case string(String)
        case number(String)
    }

    /// Reads `id` and `text` from one JSONL input line.
    enum JSONLine {
        static func idAndText(_ line: String) -> (JSONValue?, String)? {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let text = obj["text"] as? String
            else { return nil }
            let id: JSONValue? =
                switch obj["id"] {
                case let s as String: .string(s)
                case let n as NSNumber: .number(n.stringValue)
                default: nil
                }
            return (id, text)
        }
    }
}
