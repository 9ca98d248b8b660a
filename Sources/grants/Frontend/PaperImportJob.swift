import Foundation
import GrantImport
import GrantModel
import GrantStore
import GrantTabular

/// Reads one paper export (format detected by content) and stores it in one transaction.
struct PaperImportJob {
    var file: String
    var format: PaperFormat?
    var encoding: TextEncoding?
    var catalog: NatureIndexCatalog

    func run(into db: GrantDatabase) throws -> PaperImportSummary {
        let detected = try format ?? detect()
        let progress = ProgressBar(label: (file as NSString).lastPathComponent,
                                   totalBytes: (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        defer { progress.finish() }
        var warnings = 0
        let natureIndex = NatureIndexMemo(catalog)
        let summary = try db.importPapers(.init(kind: "papers", file: file, format: detected.rawValue)) { session in
            var records = 0
            func handle(_ event: PaperEvent, bytes: Int) throws {
                switch event {
                case .paper(let r):
                    records += 1
                    if records % 512 == 0 { progress.update(bytes: bytes, records: records) }
                    let flag = natureIndex.flag(issn: r.issn, eissn: r.eissn, journal: r.journal,
                                                abbreviations: r.journalAbbreviations, year: r.year)
                    try session.add(r, natureIndex: flag)
                case .reject(let r):
                    try session.reject(file: r.file, line: r.line, reason: r.reason, raw: r.raw)
                    Diagnostics.note("  \(r.file):\(r.line): record \(r.record) rejected: \(r.reason)")
                case .warning(let w):
                    warnings += 1
                    if warnings <= 20 { Diagnostics.note("  \(w.file):\(w.line): warning: \(w.reason)") }
                }
            }
            switch detected {
            case .wos, .pubmed, .cnki where !isSpreadsheet:
                let reader = try TextLineReader(path: file, encoding: encoding)
                var parser: any LineParser =
                    switch detected {
                    case .wos: WoSTaggedParser(file: file)
                    case .pubmed: PubMedParser(file: file)
                    default: CNKITextParser(file: file)
                    }
                try reader.forEachLine { n, line in try parser.feed(line: line, number: n) { try handle($0, bytes: reader.bytesRead) } }
                try parser.finish { try handle($0, bytes: reader.bytesRead) }
            case .wosTab:
                // WoS tab-delimited has no quoting: a row is a line split on tabs.
                let reader = try TextLineReader(path: file, encoding: encoding)
                var parser = WoSTabParser(file: file)
                try reader.forEachLine { n, line in
                    guard !line.isEmpty else { return }
                    try parser.feed(row: line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init), number: n) {
                        try handle($0, bytes: reader.bytesRead)
                    }
                }
                try parser.finish { try handle($0, bytes: reader.bytesRead) }
            case .scopus, .cnki:
                let reader = try TableReader(path: file, options: TableOptions(encoding: encoding))
                var parser: any RowParser = detected == .scopus ? ScopusParser(file: file) : CNKIRowParser(file: file)
                try reader.forEachRow { row in try parser.feed(row: row.cells, number: row.number) { try handle($0, bytes: reader.bytesRead) } }
                try parser.finish { try handle($0, bytes: reader.bytesRead) }
            }
        }
        if warnings > 20 { Diagnostics.note("  … \(warnings - 20) more warnings") }
        return summary
    }

    private var isSpreadsheet: Bool {
        guard let h = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? h.close() }
        let magic = [UInt8](h.readData(ofLength: 4))
        return magic == [0x50, 0x4B, 0x03, 0x04] || magic == [0xD0, 0xCF, 0x11, 0xE0]
    }

    /// Detects the export format from its first lines (a CNKI spreadsheet is recognised by its header row).
    private func detect() throws -> PaperFormat {
        if isSpreadsheet {
            var header: [String] = []
            let reader = try TableReader(path: file)
            struct Stop: Error {}
            do { try reader.forEachRow { header = $0.cells; throw Stop() } } catch is Stop {}
            if let f = PaperFormat.detect(firstLines: [Substring(header.joined(separator: ","))]) { return f }
            throw ImportError.invalidInput("\(file): a spreadsheet whose header is not a known paper export (expected CNKI Excel columns such as Title-题名, Fund-基金)")
        }
        let reader = try TextLineReader(path: file, encoding: encoding)
        var lines: [Substring] = []
        struct Stop: Error {}
        do {
            try reader.forEachLine { _, line in
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(line) }
                if lines.count >= 8 { throw Stop() }
            }
        } catch is Stop {}
        guard let f = PaperFormat.detect(firstLines: lines) else {
            throw ImportError.invalidInput("\(file): not a recognised paper export (Web of Science plain text or tab-delimited, Scopus CSV, PubMed MEDLINE, CNKI); use --format")
        }
        return f
    }
}
