import GrantModel

/// Push parser for the CNKI `Key-中文: value` text export (自定义 format), e.g. `Fund-基金: 国家自然科学基金(41030209)；`.
///
/// Records are separated by blank lines; a `SrcDatabase-来源库` line also starts a new record. A line that is not
/// `Key-中文: value` continues the previous field (joined with a space).
public struct CNKITextParser: LineParser {
    private let file: String
    private var fields = CNKIFields()
    private var lastKey: String?
    private var record: RecordCursor

    public init(file: String) {
        self.file = file
        record = RecordCursor(file: file)
    }

    public mutating func feed(line rawLine: Substring, number: Int, emit: (PaperEvent) throws -> Void) rethrows {
        var line = rawLine
        if line.first == "\u{FEFF}" { line = line.dropFirst() }
        if line.utf8.last == 0x0D { line = Substring(line.utf8.dropLast()) }
        let text = PaperFields.trimmed(line)
        if text.isEmpty {
            if record.isOpen { try flush(emit: emit) }
            return
        }
        if let (key, value) = Self.keyValue(text) {
            if key == "srcdatabase", record.isOpen, !fields.isEmpty { try flush(emit: emit) }
            take(line, at: number)
            fields.set(key, value)
            lastKey = key
            return
        }
        take(line, at: number)
        if let lastKey {
            fields.append(toLast: lastKey, text)
        } else {
            try emit(.warning(PaperReject(file: file, line: number, record: record.number,
                                          reason: "text before the first Key-中文 field", raw: PaperFields.capped(text))))
        }
    }

    public mutating func finish(emit: (PaperEvent) throws -> Void) rethrows {
        if record.isOpen { try flush(emit: emit) }
    }

    /// `Title-题名: 某题名` → (`title`, `某题名`); the colon may be ASCII or full-width.
    static func keyValue(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }),
              let key = CNKIFields.key(ofLabel: line[..<colon]),
              line[..<colon].contains("-")
        else { return nil }
        return (key, String(line[line.index(after: colon)...]))
    }

    /// Adds a line to the current record, starting a fresh one (and clearing its fields) if none is open.
    private mutating func take(_ line: Substring, at number: Int) {
        if record.take(line, at: number) {
            fields = CNKIFields()
            lastKey = nil
        }
    }

    private mutating func flush(emit: (PaperEvent) throws -> Void) rethrows {
        record.close()
        if let reason = fields.problem {
            try emit(record.reject(reason))
            return
        }
        try emit(.paper(fields.record(provenance: record.provenance)))
    }
}
