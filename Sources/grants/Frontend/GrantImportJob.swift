import Foundation
import GrantImport
import GrantModel
import GrantStore
import GrantTabular

/// Reads one grant list and writes it to the store in one transaction.
struct GrantImportJob {
    var file: String
    var funder: FunderMode
    var sheet: String?
    var encoding: TextEncoding?
    var mappings: [String]
    var amountUnit: HeaderMapping.AmountUnit?
    var strict: Bool

    /// How many leading rows may sit above the header (titles, notes) before we give up looking for it.
    static let headerSearchRows = 10

    func run(into db: GrantDatabase) throws -> ImportSummary {
        let reader = try TableReader(path: file, options: TableOptions(sheet: sheet, encoding: encoding, delimiter: nil))
        let info = reader.info
        let progress = ProgressBar(label: (file as NSString).lastPathComponent, totalBytes: info.totalBytes)
        defer { progress.finish() }
        var parser: GrantRowParser?
        var skippedAboveHeader: [TableRow] = []
        var rows = 0
        var options: [String: String] = ["funder": funder.rawValue]
        if !mappings.isEmpty { options["map"] = mappings.joined(separator: "; ") }
        let batch = GrantDatabase.BatchInfo(
            kind: "grants", file: file, sheet: info.sheet, format: info.format.rawValue, encoding: info.encoding?.rawValue,
            options: String(decoding: (try? JSONSerialization.data(withJSONObject: options, options: .sortedKeys)) ?? Data(), as: UTF8.self))
        var mappingError: (any Error)?
        let summary = try db.importGrants(batch, strict: strict) { session in
            try reader.forEachRow { row in
                rows += 1
                if rows % 4096 == 0 { progress.update(bytes: reader.bytesRead, records: rows) }
                let origin = RowOrigin(file: file, sheet: info.sheet, row: row.number)
                guard let p = parser else {
                    if row.cells.allSatisfy({ $0.trimmingSpaces.isEmpty }) { return }
                    do {
                        let mapping = try HeaderMapping(headers: row.cells, overrides: mappings, amountUnit: amountUnit)
                        parser = GrantRowParser(mapping: mapping, funder: funder)
                        describe(mapping: mapping, info: info, headerRow: row.number)
                        try session.setMapping(mapping.json)
                        for skipped in skippedAboveHeader {
                            Diagnostics.note("  row \(skipped.number) above the header skipped: \(skipped.cells.filter { !$0.isEmpty }.joined(separator: " | "))")
                        }
                    } catch {
                        mappingError = mappingError ?? error
                        skippedAboveHeader.append(row)
                        if skippedAboveHeader.count >= Self.headerSearchRows { throw error }
                    }
                    return
                }
                if row.cells.allSatisfy({ $0.trimmingSpaces.isEmpty }) { return }
                switch p.parse(row.cells) {
                case .success(let grant): try session.upsert(grant, origin: origin)
                case .failure(let r): try session.reject(origin: origin, reason: r.reason, raw: Self.rawRow(row.cells, headers: p.mapping.headers))
                }
            }
            if parser == nil {
                if let mappingError { throw mappingError }
                throw ImportError.noHeader(file: file)
            }
        }
        return summary
    }

    private func describe(mapping: HeaderMapping, info: TableInfo, headerRow: Int) {
        var what = info.format.rawValue
        if let e = info.encoding { what += ", \(e.rawValue)" }
        if let d = info.delimiter { what += ", delimiter \(d == 9 ? "tab" : String(UnicodeScalar(d)))" }
        if let s = info.sheet { what += ", sheet '\(s)'" }
        Diagnostics.note("\(file) (\(what)); header at row \(headerRow); columns:")
        mapping.description.forEach(Diagnostics.note)
    }

    /// The raw row as `Header: value` pairs, so a reject can be fixed without the source at hand.
    static func rawRow(_ cells: [String], headers: [String]) -> String {
        cells.enumerated().map { i, v in "\(i < headers.count ? headers[i] : "column \(i + 1)"): \(v)" }.joined(separator: " | ")
    }
}
