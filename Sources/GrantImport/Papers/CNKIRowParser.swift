import GrantModel

/// Push parser for CNKI Excel exports: a header row of `Key-中文` names (`Title-题名`, `Fund-基金`, …; other columns
/// such as 参考格式 are ignored), then one row per record.
public struct CNKIRowParser: RowParser {
    private let file: String
    private var keys: [String?] = []
    private var recordNumber = 0

    public init(file: String) {
        self.file = file
    }

    public mutating func feed(row: [String], number: Int, emit: (PaperEvent) throws -> Void) rethrows {
        if keys.isEmpty {
            var header = row
            if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
            keys = header.map { CNKIFields.key(ofLabel: $0) }
            if keys.isEmpty { keys = [nil] }
            return
        }
        if row.allSatisfy({ PaperFields.trimmed($0).isEmpty }) { return }
        recordNumber += 1
        var fields = CNKIFields()
        for (i, cell) in row.enumerated() where i < keys.count {
            if let key = keys[i] { fields.set(key, cell) }
        }
        if let reason = fields.problem {
            try emit(.reject(PaperReject(file: file, line: number, record: recordNumber, reason: reason,
                                         raw: PaperFields.capped(row.joined(separator: "\t")))))
            return
        }
        try emit(.paper(fields.record(provenance: Provenance(file: file, record: recordNumber, line: number))))
    }

    public mutating func finish(emit: (PaperEvent) throws -> Void) rethrows {}
}
