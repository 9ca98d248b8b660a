import Foundation
import Glibc
import ZIPFoundation
@testable import GrantTabular

/// Temporary files and encoded fixtures for the tests; every test gets its own directory.
struct TestFiles {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("grant-tabular-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes `bytes` to a new file and returns its path.
    func write(_ bytes: [UInt8], name: String = UUID().uuidString) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func write(_ text: String, name: String = UUID().uuidString) throws -> String {
        try write(Array(text.utf8), name: name)
    }

    /// Builds an XLSX package from `parts` (path → XML text), deflated like Excel does.
    func xlsx(_ parts: [(String, String)], name: String = "\(UUID().uuidString).xlsx") throws -> String {
        let url = directory.appendingPathComponent(name)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url.path
    }

    /// The package root (for locating ../shared/data).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file from the shared sample data, or nil when that folder is absent.
    static func sharedData(_ relative: String) -> String? {
        let path = packageRoot.appendingPathComponent("../shared/data/\(relative)").standardizedFileURL.path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}

/// Encodes `text` with glibc iconv (test side, independent of the reader's decoder).
func encode(_ text: String, as encoding: String) -> [UInt8] {
    let cd = iconv_open(encoding, "UTF-8")
    guard let cd, Int(bitPattern: cd) != -1 else { return [] }
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
    let produced = input.withUnsafeMutableBufferPointer { inBuf -> Int in
        output.withUnsafeMutableBufferPointer { outBuf -> Int in
            var inPtr = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var outPtr = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            var outLeft = outBuf.count
            guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 else { return -1 }
            return outBuf.count - outLeft
        }
    }
    return produced < 0 ? [] : Array(output[..<produced])
}

/// Minimal XLSX parts: a workbook with the given sheets (name → sheet XML body inside `<sheetData>`).
enum XLSXFixture {
    static func parts(sheets: [(String, String)], sharedStrings: [String]? = nil) -> [(String, String)] {
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var sheetEntries = ""
        var rels = ""
        var parts: [(String, String)] = []
        for (index, sheet) in sheets.enumerated() {
            let n = index + 1
            sheetEntries += "<sheet name=\"\(sheet.0)\" sheetId=\"\(n)\" r:id=\"rId\(n)\"/>"
            rels += "<Relationship Id=\"rId\(n)\" Type=\"\(rns)/worksheet\" Target=\"worksheets/sheet\(n).xml\"/>"
            parts.append(("xl/worksheets/sheet\(n).xml",
                          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                          + "<worksheet xmlns=\"\(ns)\"><sheetData>\(sheet.1)</sheetData></worksheet>"))
        }
        if let sharedStrings {
            rels += "<Relationship Id=\"rIdS\" Type=\"\(rns)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            let items = sharedStrings.map { "<si>\($0)</si>" }.joined()
            parts.append(("xl/sharedStrings.xml",
                          "<sst xmlns=\"\(ns)\" count=\"\(sharedStrings.count)\" uniqueCount=\"\(sharedStrings.count)\">\(items)</sst>"))
        }
        var overrides = "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for n in 1...max(1, sheets.count) {
            overrides += "<Override PartName=\"/xl/worksheets/sheet\(n).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        if sharedStrings != nil {
            overrides += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
        }
        parts.insert(("[Content_Types].xml",
                      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                      + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                      + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>\(overrides)</Types>"), at: 0)
        parts.insert(("_rels/.rels",
                      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                      + "<Relationship Id=\"rId1\" Type=\"\(rns)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
                     at: 1)
        parts.insert(("xl/workbook.xml",
                      "<?xml version=\"1.0\"?><workbook xmlns=\"\(ns)\" xmlns:r=\"\(rns)\"><sheets>\(sheetEntries)</sheets></workbook>"),
                     at: 2)
        parts.insert(("xl/_rels/workbook.xml.rels",
                      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)</Relationships>"),
                     at: 3)
        return parts
    }
}

extension TableReader {
    /// All rows, for small fixtures.
    func allRows() throws -> [TableRow] {
        var rows: [TableRow] = []
        try forEachRow { rows.append($0) }
        return rows
    }
}

extension TextLineReader {
    func allLines() throws -> [(Int, String)] {
        var lines: [(Int, String)] = []
        try forEachLine { lines.append(($0, String($1))) }
        return lines
    }
}
