import Foundation
import GrantImport
import GrantModel
import GrantStore
import GrantTabular

/// Reads one grant list and writes it to the store in one savepoint of the command's transaction.
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

    /// Rows per hand-off from the reading thread to the writing one.
    static let chunkRows = 512

    func run(into db: GrantDatabase, transaction: ImportTransaction) throws -> ImportSummary {
        let reader = try TableReader(path: file, options: TableOptions(sheet: sheet, encoding: encoding, delimiter: nil))
        let info = reader.info
        let progress = ProgressBar(label: (file as NSString).lastPathComponent, totalBytes: info.totalBytes)
        defer { progress.finish() }
        var options: [String: String] = ["funder": funder.rawValue]
        if !mappings.isEmpty { options["map"] = mappings.joined(separator: "; ") }
        let batch = GrantDatabase.BatchInfo(
            kind: "grants", file: file, sheet: info.sheet, format: info.format.rawValue, encoding: info.encoding?.rawValue,
            options: String(decoding: (try? JSONSerialization.data(withJSONObject: options, options: .sortedKeys)) ?? Data(), as: UTF8.self))
        let reading = ReadingSide(reader: reader, progress: progress)
        return try db.importGrants(batch, strict: strict, in: transaction) { session in
            // Reading and parsing run on their own thread, one core, while this one writes.
            let queue = ReadAheadQueue<GrantImportStep>()
            queue.startProducer { send in try readSteps(reading, info: info, send: send) }
            defer { queue.stop() }
            var used: [GrantImportStep] = []
            while var chunk = try queue.next(returning: used) {
                // Popping moves each step out; a for-in loop would copy (retain) and later release all its strings.
                chunk.reverse()
                used = []
                used.reserveCapacity(chunk.count)
                while let step = chunk.popLast() {
                    switch step {
                    case .mapping(let json): try session.setMapping(json)
                    case .grant(let grant, let origin): try session.upsert(grant, origin: origin)
                    case .reject(let origin, let reason, let raw): try session.reject(origin: origin, reason: reason, raw: raw)
                    }
                    used.append(consume step)
                }
            }
        }
    }

    /// Reads the file, finds the header and parses every row into the steps the session is to take, in file order.
    private func readSteps(_ reading: ReadingSide, info: TableInfo, send: ([GrantImportStep]) -> Bool) throws {
        var parser: GrantRowParser?
        var skippedAboveHeader: [TableRow] = []
        var mappingError: (any Error)?
        var rows = 0
        var chunk: [GrantImportStep] = []
        func flush() throws {
            guard send(chunk) else { throw CancellationError() }  // the writer stopped
            chunk.removeAll(keepingCapacity: true)
        }
        func emit(_ step: GrantImportStep) throws {
            chunk.append(step)
            if chunk.count >= Self.chunkRows { try flush() }
        }
        try reading.reader.forEachRow { row in
            rows += 1
            if rows % 4096 == 0 { reading.progress.update(bytes: reading.reader.bytesRead, records: rows) }
            let origin = RowOrigin(file: file, sheet: info.sheet, row: row.number)
            guard let p = parser else {
                if row.cells.allSatisfy({ $0.trimmingSpaces.isEmpty }) { return }
                do {
                    let mapping = try HeaderMapping(headers: row.cells, overrides: mappings, amountUnit: amountUnit)
                    parser = GrantRowParser(mapping: mapping, funder: funder)
                    describe(mapping: mapping, info: info, headerRow: row.number)
                    try emit(.mapping(json: mapping.json))
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
            case .success(let grant): try emit(.grant(grant, origin))
            case .failure(let r): try emit(.reject(origin, reason: r.reason, raw: Self.rawRow(row.cells, headers: p.mapping.headers)))
            }
        }
        if !chunk.isEmpty { try flush() }
        if parser == nil {
            if let mappingError { throw mappingError }
            throw ImportError.noHeader(file: file)
        }
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

/// What the reading thread hands to the writing one, in file order.
enum GrantImportStep: Sendable {
    case mapping(json: String)
    case grant(Grant, RowOrigin)
    case reject(RowOrigin, reason: String, raw: String)
}

/// The reader and its progress bar, handed to the reading thread; nothing else touches them until that thread has
/// exited (`ReadAheadQueue.stop()` waits for it).
private struct ReadingSide: @unchecked Sendable {
    let reader: TableReader
    let progress: ProgressBar
}
