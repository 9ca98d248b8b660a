import Foundation
import ZIPFoundation

/// Streams one worksheet of an XLSX package: the sheet part is inflated chunk by chunk straight into
/// ``XMLTokenizer``, so only the shared-string table is held in memory.
///
/// Dates are not converted: styles are not read, so a date cell yields its serial number.
final class XLSXTableSource {
    let path: String
    let sheetNames: [String]
    let sheetName: String
    private let archive: Archive
    private let sheetPart: String
    private let sharedStringsPart: String?
    private let totalBytes: Int
    private(set) var bytesRead = 0

    init(path: String, sheet: String?, totalBytes: Int) throws {
        self.path = path
        self.totalBytes = totalBytes
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw TabularError.corrupt(path: path, detail: "not a readable zip archive (\(error))")
        }
        let workbookPart = try Self.workbookPart(archive: archive, path: path)
        var workbook = WorkbookHandler()
        try Self.parse(part: workbookPart, in: archive, path: path, handler: &workbook) { _ in }
        var relationships = RelationshipsHandler()
        let relsPart = Self.relationshipsPart(of: workbookPart)
        try Self.parse(part: relsPart, in: archive, path: path, handler: &relationships) { _ in }

        sheetNames = workbook.sheets.map(\.name)
        guard let first = workbook.sheets.first else {
            throw TabularError.corrupt(path: path, detail: "\(workbookPart) lists no sheets")
        }
        let chosen: (name: String, relationshipID: String)
        if let sheet {
            guard let match = workbook.sheets.first(where: { $0.name == sheet }) else {
                throw TabularError.sheetNotFound(path: path, sheet: sheet, available: sheetNames)
            }
            chosen = match
        } else {
            chosen = first
        }
        sheetName = chosen.name
        guard let target = relationships.targets[chosen.relationshipID] else {
            throw TabularError.corrupt(path: path, detail: "sheet '\(chosen.name)' has no part in \(relsPart)")
        }
        sheetPart = Self.resolve(target, against: workbookPart)
        guard archive[sheetPart] != nil else {
            throw TabularError.corrupt(path: path, detail: "missing \(sheetPart)")
        }
        // The shared-string part may be absent (inline strings only).
        let sharedTarget = relationships.typedTargets.first { $0.type.hasSuffix("/sharedStrings") }?.target
        let candidate = sharedTarget.map { Self.resolve($0, against: workbookPart) } ?? "xl/sharedStrings.xml"
        sharedStringsPart = archive[candidate] == nil ? nil : candidate
    }

    func forEachRow(_ body: (TableRow) throws -> Void) throws {
        var shared = SharedStringsHandler()
        if let sharedStringsPart {
            try Self.parse(part: sharedStringsPart, in: archive, path: path, handler: &shared) { _ in }
        }
        var sheet = SheetHandler(sharedStrings: shared.strings, path: path)
        shared = SharedStringsHandler()
        let size = archive[sheetPart].map { max(1, Int($0.uncompressedSize)) } ?? 1
        var consumed = 0
        bytesRead = 0
        try Self.parse(part: sheetPart, in: archive, path: path, handler: &sheet) { handler in
            for row in handler.finished { try body(row) }
            handler.finished.removeAll(keepingCapacity: true)
        } progress: { chunkSize in
            consumed += chunkSize
            bytesRead = Int(Double(min(consumed, size)) / Double(size) * Double(totalBytes))
        }
        bytesRead = totalBytes
    }

    /// Streams one part through the tokenizer, calling `drain` after each chunk.
    ///
    /// Errors thrown by `drain` (the caller's row closure) pass through untouched; zip and XML failures
    /// become ``TabularError/corrupt(path:detail:)``.
    private static func parse<H: XMLEventHandler>(
        part: String, in archive: Archive, path: String, handler: inout H,
        drain: (inout H) throws -> Void, progress: (Int) -> Void = { _ in }
    ) throws {
        guard let entry = archive[part] else {
            throw TabularError.corrupt(path: path, detail: "missing \(part)")
        }
        var tokenizer = XMLTokenizer()
        var passthrough: (any Error)?
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024) { data in
                do {
                    try data.withUnsafeBytes { try tokenizer.feed($0, to: &handler) }
                    try drain(&handler)
                    progress(data.count)
                } catch {
                    passthrough = error
                    throw error
                }
            }
            try tokenizer.finish()
        } catch let truncation as XMLTruncation {
            throw TabularError.corrupt(path: path, detail: "\(part): \(truncation.detail)")
        } catch {
            if let passthrough { throw passthrough }
            throw TabularError.corrupt(path: path, detail: "\(part): \(error)")
        }
    }

    /// Finds the main workbook part through `_rels/.rels`, falling back to the usual name.
    private static func workbookPart(archive: Archive, path: String) throws -> String {
        if archive["xl/workbook.xml"] != nil { return "xl/workbook.xml" }
        if archive["_rels/.rels"] != nil {
            var rels = RelationshipsHandler()
            try parse(part: "_rels/.rels", in: archive, path: path, handler: &rels) { _ in }
            if let target = rels.typedTargets.first(where: { $0.type.hasSuffix("/officeDocument") })?.target {
                let part = resolve(target, against: "")
                if archive[part] != nil { return part }
            }
        }
        // A zip without a workbook is another document type (.docx, .ods, .zip), not a damaged workbook.
        throw TabularError.unsupportedFormat(path: path, detail: "a zip archive but not an XLSX workbook (no xl/workbook.xml)")
    }

    /// `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relationshipsPart(of part: String) -> String {
        let slash = part.lastIndex(of: "/")
        let directory = slash.map { String(part[..<$0]) + "/" } ?? ""
        let file = slash.map { String(part[part.index(after: $0)...]) } ?? part
        return "\(directory)_rels/\(file).rels"
    }

    /// Resolves a relationship target relative to the part that owns the relationship.
    static func resolve(_ target: String, against owner: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var components = owner.split(separator: "/").dropLast().map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." {
                _ = components.popLast()
            } else if piece != "." {
                components.append(String(piece))
            }
        }
        return components.joined(separator: "/")
    }
}
