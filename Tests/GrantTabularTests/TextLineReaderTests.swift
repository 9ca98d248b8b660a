import Foundation
import Testing
@testable import GrantTabular

@Suite struct TextLineReaderTests {
    @Test func splitsOnCRLFAndLFAndCR() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let reader = try TextLineReader(path: files.write("PT J\r\nAU Li, X\n\nTI a\rER\r\nEF"))
        let lines = try reader.allLines()
        #expect(lines.map(\.0) == [1, 2, 3, 4, 5, 6])
        #expect(lines.map(\.1) == ["PT J", "AU Li, X", "", "TI a", "ER", "EF"])
    }

    @Test func trailingNewlineAddsNoEmptyLine() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let lines = try TextLineReader(path: files.write("a\r\nb\r\n")).allLines()
        #expect(lines.map(\.1) == ["a", "b"])
    }

    @Test func stripsUTF8BOM() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let reader = try TextLineReader(path: files.write([0xEF, 0xBB, 0xBF] + Array("FN Clarivate\nVR 1.0\n".utf8)))
        #expect(try reader.allLines().map(\.1) == ["FN Clarivate", "VR 1.0"])
        #expect(reader.encoding == .utf8)
    }

    @Test func decodesUTF16LEWithBOMAndCRLF() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let text = "PT\tAU\tTI\r\nJ\t王, 小明\t基于深度学习\r\n"
        let reader = try TextLineReader(path: files.write([0xFF, 0xFE] + encode(text, as: "UTF-16LE")))
        #expect(reader.encoding == .utf16le)
        #expect(try reader.allLines().map(\.1) == ["PT\tAU\tTI", "J\t王, 小明\t基于深度学习"])
    }

    @Test func crlfSplitAcrossChunksCountsOnce() throws {
        let files = try TestFiles()
        defer { files.remove() }
        // CR is the last byte of the first 64 KB chunk and LF the first of the second.
        let first = String(repeating: "x", count: FileByteReader.chunkSize - 1)
        let lines = try TextLineReader(path: files.write(first + "\r\nsecond\r\nthird")).allLines()
        #expect(lines.count == 3)
        #expect(lines.map(\.1).dropFirst() == ["second", "third"])
        #expect(lines.map(\.0) == [1, 2, 3])
        #expect(lines[0].1.count == first.count)
    }

    @Test func loneCRAtAChunkEndEndsTheLineOnce() throws {
        let files = try TestFiles()
        defer { files.remove() }
        // Old Mac line ends: the CR closes the first chunk and the next chunk starts a new line, not an LF.
        let first = String(repeating: "y", count: FileByteReader.chunkSize - 1)
        let lines = try TextLineReader(path: files.write(first + "\rsecond\rthird\n")).allLines()
        #expect(lines.map(\.0) == [1, 2, 3])
        #expect(lines.map(\.1).dropFirst() == ["second", "third"])
    }

    @Test func longLinesSpanningChunksStayWhole() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let long = String(repeating: "资助", count: 50_000)  // 300 KB of UTF-8
        let lines = try TextLineReader(path: files.write("AB x\n\(long)\nER\n")).allLines()
        #expect(lines.map(\.1) == ["AB x", long, "ER"])
    }

    @Test func reportsProgress() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let body = String(repeating: "line\n", count: 40_000)
        let reader = try TextLineReader(path: files.write(body))
        #expect(reader.totalBytes == body.utf8.count)
        var sawPartial = false
        try reader.forEachLine { _, _ in
            if reader.bytesRead < reader.totalBytes { sawPartial = true }
        }
        #expect(sawPartial)
        #expect(reader.bytesRead == reader.totalBytes)
    }

    @Test(.enabled(if: TestFiles.sharedData("wos/wos_tab_delimited_win_utf16.txt") != nil))
    func realWoSUTF16Export() throws {
        let path = try #require(TestFiles.sharedData("wos/wos_tab_delimited_win_utf16.txt"))
        let reader = try TextLineReader(path: path)
        let lines = try reader.allLines()
        #expect(reader.encoding == .utf16le)
        #expect(lines.count == 51)
        #expect(lines.first?.1.hasPrefix("PT\tAU") == true)
        #expect(lines.allSatisfy { !$0.1.contains("\r") && !$0.1.contains("\u{FEFF}") })
    }

    @Test(.enabled(if: TestFiles.sharedData("wos/wos_tab_delimited_win_utf8.txt") != nil))
    func realWoSUTF8ExportMatchesUTF16() throws {
        let utf8 = try #require(TestFiles.sharedData("wos/wos_tab_delimited_win_utf8.txt"))
        let utf16 = try #require(TestFiles.sharedData("wos/wos_tab_delimited_win_utf16.txt"))
        let a = try TextLineReader(path: utf8).allLines().map(\.1)
        let b = try TextLineReader(path: utf16).allLines().map(\.1)
        #expect(a.count == b.count)
        #expect(a.first == b.first)
    }
}
