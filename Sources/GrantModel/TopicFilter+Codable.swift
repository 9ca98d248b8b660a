import Foundation

extension TopicFilter: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, source, notes, fields
        case termLists = "term_lists"
        case defaultRule = "default"
        case papersRule = "papers"
        case departments
        case otherDepartments = "other_departments"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            name: c.decode(String.self, forKey: .name),
            description: c.decodeIfPresent(String.self, forKey: .description) ?? "",
            source: c.decodeIfPresent(String.self, forKey: .source),
            notes: c.decodeIfPresent([String].self, forKey: .notes) ?? [],
            fields: c.decodeIfPresent([TopicField].self, forKey: .fields) ?? TopicField.allCases,
            termLists: c.decodeIfPresent([String: [String]].self, forKey: .termLists) ?? [:],
            defaultRule: c.decodeIfPresent(TopicRule.self, forKey: .defaultRule),
            papersRule: c.decodeIfPresent(TopicRule.self, forKey: .papersRule),
            departments: c.decodeIfPresent([String: TopicRule].self, forKey: .departments) ?? [:],
            otherDepartments: c.decodeIfPresent(OtherDepartments.self, forKey: .otherDepartments))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(description, forKey: .description)
        try c.encodeIfPresent(source, forKey: .source)
        if !notes.isEmpty { try c.encode(notes, forKey: .notes) }
        try c.encode(fields, forKey: .fields)
        if !termLists.isEmpty { try c.encode(termLists, forKey: .termLists) }
        try c.encodeIfPresent(defaultRule, forKey: .defaultRule)
        try c.encodeIfPresent(papersRule, forKey: .papersRule)
        if !departments.isEmpty { try c.encode(departments, forKey: .departments) }
        try c.encode(otherDepartments, forKey: .otherDepartments)
    }

    /// Loads a topic file (`--topic-file`).
    ///
    /// - Throws: `ModelError.topicFileUnreadable` if the file cannot be read, `ModelError.topicFileInvalid`
    ///   (naming the file, and the JSON path or line where known) if it is not a valid topic.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelError.topicFileUnreadable(file: url.path, reason: fileErrorReason(error))
        }
        do {
            self = try JSONDecoder().decode(TopicFilter.self, from: data)
        } catch ModelError.topicInvalid(let reason) {
            throw ModelError.topicFileInvalid(file: url.path, reason: reason)
        } catch let error as DecodingError {
            if case .dataCorrupted(let ctx) = error, ctx.codingPath.isEmpty {
                throw ModelError.topicFileInvalid(file: url.path, reason: Self.describeSyntaxError(in: data))
            }
            throw ModelError.topicFileInvalid(file: url.path, reason: Self.describe(error))
        } catch {
            throw ModelError.topicFileInvalid(file: url.path, reason: "\(error)")
        }
    }

    /// A short account of a decoding error: where in the JSON, and what.
    static func describe(_ error: DecodingError) -> String {
        func at(_ path: [any CodingKey]) -> String {
            let p = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.isEmpty ? "" : "\(p.hasPrefix(".") ? String(p.dropFirst()) : p): "
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            return "\(at(ctx.codingPath))missing key '\(key.stringValue)'"
        case .typeMismatch(let type, let ctx):
            return "\(at(ctx.codingPath))expected \(typeName(type))"
        case .valueNotFound(let type, let ctx):
            return "\(at(ctx.codingPath))expected \(typeName(type)), found null"
        case .dataCorrupted(let ctx):
            if let underlying = ctx.underlyingError {
                let text = (underlying as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(underlying)"
                return "\(at(ctx.codingPath))not valid JSON: \(text)"
            }
            return "\(at(ctx.codingPath))\(ctx.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// Where a JSON file stops being JSON, as `line:column`, by asking `JSONSerialization`, whose message
    /// (unlike `JSONDecoder`'s) gives the byte offset: "Invalid value around character 56."
    static func describeSyntaxError(in data: Data) -> String {
        let message: String
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return "not valid JSON"
        } catch {
            message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        }
        guard let range = message.range(of: "around character "),
              let offset = Int(message[range.upperBound...].prefix { $0.isNumber }), offset <= data.count
        else { return "not valid JSON: \(message)" }
        var line = 1
        var lineStart = 0
        for (i, byte) in data.prefix(offset).enumerated() where byte == 0x0A {
            line += 1
            lineStart = i + 1
        }
        let column = String(decoding: data[data.startIndex + lineStart ..< data.startIndex + offset], as: UTF8.self).count + 1
        let what = message[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
        return "not valid JSON at line \(line), column \(column): \(what.isEmpty ? message : what)"
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is [String].Type: "a list of strings"
        case is [Any].Type: "a list"
        case is [String: Any].Type: "an object"
        default: "\(type)"
        }
    }
}
