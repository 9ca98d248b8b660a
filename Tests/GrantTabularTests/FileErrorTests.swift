import Foundation
import Testing
@testable import GrantTabular

@Suite struct FileErrorTests {
    @Test func missingFile() {
        #expect(throws: TabularError.fileNotFound(path: "/nonexistent/grants.csv")) {
            try TableReader(path: "/nonexistent/grants.csv")
        }
        #expect(throws: TabularError.fileNotFound(path: "/nonexistent/savedrecs.txt")) {
            try TextLineReader(path: "/nonexistent/savedrecs.txt")
        }
    }

    @Test(arguments: [[UInt8](), [0xEF, 0xBB, 0xBF], [0xFF, 0xFE]])
    func emptyFileOrOnlyBOM(bytes: [UInt8]) throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = try files.write(bytes)
        #expect(throws: TabularError.emptyFile(path: path)) { try TableReader(path: path) }
        #expect(throws: TabularError.emptyFile(path: path)) { try TextLineReader(path: path) }
    }

    @Test func binaryFile() throws {
        let files = try TestFiles()
        defer { files.remove() }
        // A PNG header: NUL bytes early, neither zip nor OLE.
        let path = try files.write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52])
        #expect(throws: TabularError.binaryFile(path: path)) { try TableReader(path: path) }
        #expect(throws: TabularError.binaryFile(path: path)) { try TextLineReader(path: path) }
    }

    @Test func utf16WithBOMIsNotBinary() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = try files.write([0xFF, 0xFE] + encode("a,b\n", as: "UTF-16LE"))
        #expect(try TableReader(path: path).allRows() == [TableRow(number: 1, cells: ["a", "b"])])
    }

    @Test func directoryIsUnreadable() throws {
        let files = try TestFiles()
        defer { files.remove() }
        #expect(throws: TabularError.unreadable(path: files.directory.path, detail: "is a directory")) {
            try TableReader(path: files.directory.path)
        }
    }

    @Test func messagesAreOneLine() {
        let errors: [TabularError] = [
            .fileNotFound(path: "a.csv"), .emptyFile(path: "a.csv"), .binaryFile(path: "a.csv"),
            .undecodable(path: "a.csv", encoding: "gb18030", byteOffset: 12),
            .corrupt(path: "a.xlsx", detail: "XML ends mid-way"),
            .sheetNotFound(path: "a.xlsx", sheet: "x", available: ["S1", "S2"]),
            .malformedCSV(path: "a.csv", line: 3, detail: "quote never closed"),
        ]
        for error in errors {
            let text = error.errorDescription ?? ""
            #expect(!text.isEmpty && !text.contains("\n"))
            #expect(text.hasPrefix("a."))
        }
        #expect(TabularError.undecodable(path: "a.csv", encoding: "gb18030", byteOffset: 12).errorDescription?
            .contains("byte offset 12") == true)
        #expect(TabularError.sheetNotFound(path: "a.xlsx", sheet: "x", available: ["S1", "S2"]).errorDescription?
            .contains("S1, S2") == true)
    }
}
