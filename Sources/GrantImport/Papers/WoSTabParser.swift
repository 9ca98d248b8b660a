import GrantModel

/// Push parser for Web of Science tab-delimited exports (`Tab-delimited (Win)` / `(Win, UTF-8)`).
///
/// The first row holds the tags. Data rows carry one more (empty) field than the header because each ends with a tab;
/// any other field count rejects the row. Multi-valued fields are `; `-joined.
public struct WoSTabParser: RowParser {
    private let file: String
    private var columns: [String: Int] = [:]
    private var headerCount = 0
    private var recordNumber = 0

    public init(file: String) {
        self.file = file
    }

    public mutating func feed(row: [String], number: Int, emit: (PaperEvent) throws -> Void) rethrows {
        if headerCount == 0 {
            var header = row
            if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
            while header.last?.isEmpty == true { header.removeLast() }
            for (i, tag) in header.enumerated() { columns[PaperFields.trimmed(tag)] = i }
            headerCount = max(header.count, 1)
            return
        }
        if row.allSatisfy({ $0.isEmpty }) { return }
        recordNumber += 1
        let rawText = PaperFields.capped(row.joined(separator: "\t"))
        let fieldCountOK = row.count == headerCount || (row.count == headerCount + 1 && row[headerCount].isEmpty)
        guard fieldCountOK else {
            try emit(.reject(PaperReject(file: file, line: number, record: recordNumber,
                                         reason: "row has \(row.count) fields, header has \(headerCount)", raw: rawText)))
            return
        }
        var f = WoSFields()
        func value(_ tag: String) -> String? {
            guard let i = columns[tag], i < row.count else { return nil }
            let v = PaperFields.trimmed(row[i])
            return v.isEmpty ? nil : v
        }
        func list(_ tag: String) -> [String] {
            value(tag).map { PaperFields.split($0, on: ";") } ?? []
        }
        f.ut = value("UT")
        f.doi = value("DI")
        f.pmid = value("PM")
        f.title = value("TI")
        f.journal = value("SO")
        f.j9 = value("J9")
        f.ji = value("JI")
        f.sn = value("SN")
        f.ei = value("EI")
        f.py = value("PY")
        f.ea = value("EA")
        f.pd = value("PD")
        f.documentType = value("DT")
        f.language = value("LA")
        f.af = list("AF")
        f.au = list("AU")
        f.addresses = (value("C1").map(PaperFields.splitOutsideBrackets) ?? []).map { PaperFields.wosAddress($0) }
            .filter { !$0.isEmpty }
        f.keywords = list("DE") + list("ID")
        f.abstract = value("AB")
        f.fu = value("FU")
        f.fx = value("FX")
        if let reason = f.problem {
            try emit(.reject(PaperReject(file: file, line: number, record: recordNumber, reason: reason, raw: rawText)))
            return
        }
        try emit(.paper(f.record(source: .wosTab, provenance: Provenance(file: file, record: recordNumber, line: number))))
    }

    public mutating func finish(emit: (PaperEvent) throws -> Void) rethrows {}
}
