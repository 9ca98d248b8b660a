import Foundation
import Testing
@testable import GrantTabular

@Suite struct CSVReaderTests {
    @Test(arguments: [(UInt8(ascii: ","), "comma"), (UInt8(ascii: "\t"), "tab"), (UInt8(ascii: ";"), "semicolon")])
    func detectsDelimiter(delimiter: UInt8, name: String) throws {
        let files = try TestFiles()
        defer { files.remove() }
        let d = String(UnicodeScalar(delimiter))
        // Each field also holds the other candidates, quoted, so naive counting would be fooled.
        let text = ["项目批准号", "名称", "金额"].joined(separator: d) + "\n"
            + ["71571001", "\"a, b; c\td\"", "48"].joined(separator: d) + "\n"
            + ["71571002", "\"x;y,z\"", "17.5"].joined(separator: d) + "\n"
        let reader = try TableReader(path: files.write(text, name: "\(name).txt"))
        #expect(reader.info.format == .csv)
        #expect(reader.info.delimiter == delimiter)
        let rows = try reader.allRows()
        #expect(rows.map(\.cells) == [["项目批准号", "名称", "金额"], ["71571001", "a, b; c\td", "48"], ["71571002", "x;y,z", "17.5"]])
    }

    @Test func prefersConsistentFieldCount() {
        // Commas appear in free text, tabs separate fields consistently.
        let sample = Array("PT\tAU\tTI\nJ\tLi, X; Wang, Y\tA, B and C\nJ\tZhao, Q\tD\n".utf8)
        #expect(DelimiterDetector.detect(sample, isComplete: true) == UInt8(ascii: "\t"))
    }

    @Test func singleColumnFallsBackToComma() {
        #expect(DelimiterDetector.detect(Array("name\nalpha\nbeta\n".utf8), isComplete: true) == UInt8(ascii: ","))
    }

    @Test func explicitDelimiterOverridesDetection() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = try files.write("a|b,c\n1|2,3\n")
        let rows = try TableReader(path: path, options: .init(delimiter: UInt8(ascii: "|"))).allRows()
        #expect(rows.map(\.cells) == [["a", "b,c"], ["1", "2,3"]])
    }

    @Test func quotedMultilineFieldsKeepPhysicalLineNumbers() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let text = "id,text\r\n1,\"line one\r\nline two\r\nsaid \"\"hi\"\"\"\r\n\r\n2,plain\r\n3,\"a\nb\"\n4,last"
        let rows = try TableReader(path: files.write(text)).allRows()
        #expect(rows.map(\.number) == [1, 2, 6, 7, 9])
        #expect(rows[1].cells == ["1", "line one\r\nline two\r\nsaid \"hi\""])
        #expect(rows[3].cells == ["3", "a\nb"])
        #expect(rows[4].cells == ["4", "last"])
    }

    @Test func keepsSpacesAndEmptyFields() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let rows = try TableReader(path: files.write(" a , b ,\n,,\n")).allRows()
        #expect(rows.map(\.cells) == [[" a ", " b ", ""], ["", "", ""]])
    }

    @Test func utf8BOMIsStripped() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let reader = try TableReader(path: files.write([0xEF, 0xBB, 0xBF] + Array("项目批准号,金额\n71571001,48\n".utf8)))
        #expect(reader.info.encoding == .utf8)
        #expect(try reader.allRows().first?.cells == ["项目批准号", "金额"])
    }

    @Test func gb18030CSVIsTranscoded() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let text = "项目批准号,依托单位\n71571001,\"北京大学, 光华管理学院\"\n"
        let reader = try TableReader(path: files.write(encode(text, as: "GB18030")))
        #expect(reader.info.encoding == .gb18030)
        #expect(try reader.allRows().map(\.cells) == [["项目批准号", "依托单位"], ["71571001", "北京大学, 光华管理学院"]])
    }

    @Test func utf16LEWithBOMTabSeparated() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let text = "PT\tAU\tFU\r\nJ\t张, 三\tNational Natural Science Foundation of China (81871234)\r\n"
        let reader = try TableReader(path: files.write([0xFF, 0xFE] + encode(text, as: "UTF-16LE")))
        #expect(reader.info.encoding == .utf16le)
        #expect(reader.info.delimiter == UInt8(ascii: "\t"))
        let rows = try reader.allRows()
        #expect(rows.map(\.number) == [1, 2])
        #expect(rows[1].cells == ["J", "张, 三", "National Natural Science Foundation of China (81871234)"])
    }

    @Test func unterminatedQuoteIsReportedNotSwallowed() throws {
        let files = try TestFiles()
        defer { files.remove() }
        // The quote opened on line 3 never closes: libcsv would otherwise read to the end as one field.
        let path = try files.write("a,b\n1,2\n3,\"oops\n4,5\n6,7\n")
        #expect(throws: TabularError.malformedCSV(
            path: path, line: 3, detail: "a quoted field starting in this record is never closed")) {
            try TableReader(path: path).forEachRow { _ in }
        }
    }

    @Test func strayQuoteMergesLinesButLaterNumbersStayTrue() throws {
        let files = try TestFiles()
        defer { files.remove() }
        // Row 2 has junk after a closing quote, so the field stays open until the quote on line 3.
        let text = "a,b\n1,\"x\"y,z\n2,\"q\"\n3,ok\n"
        let rows = try TableReader(path: files.write(text)).allRows()
        #expect(rows.first?.number == 1)
        #expect(rows.last == TableRow(number: 4, cells: ["3", "ok"]))
    }

    @Test func bigFileStreamsEveryRow() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let url = files.directory.appendingPathComponent("big.csv")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        var block = "id,number,name,amount\n"
        let count = 200_000
        for i in 1...count {
            block += "\(i),\(71_000_000 + i),\"项目 \(i), 第\(i % 7)期\",\(i % 100).5\n"
            if block.utf8.count > 1 << 20 {
                handle.write(Data(block.utf8))
                block = ""
            }
        }
        handle.write(Data(block.utf8))
        try handle.close()

        let reader = try TableReader(path: url.path)
        var rows = 0
        var last: TableRow?
        var shortRows = 0
        try reader.forEachRow { row in
            rows += 1
            if row.cells.count != 4 { shortRows += 1 }
            last = row
        }
        #expect(rows == count + 1)
        #expect(shortRows == 0)
        #expect(last == TableRow(number: count + 1, cells: ["\(count)", "\(71_000_000 + count)", "项目 \(count), 第\(count % 7)期", "0.5"]))
        #expect(reader.bytesRead == reader.info.totalBytes)
    }

    @Test(.enabled(if: TestFiles.sharedData("nsfc/nsfc-management-1991-2017.csv") != nil))
    func realNSFCManagementCSV() throws {
        let path = try #require(TestFiles.sharedData("nsfc/nsfc-management-1991-2017.csv"))
        let reader = try TableReader(path: path)
        #expect(reader.info.encoding == .utf8)
        var header: [String] = []
        var rows = 0
        try reader.forEachRow { row in
            if header.isEmpty { header = row.cells } else { rows += 1 }
        }
        #expect(header.first == "项目批准号")
        #expect(rows == 17_926)
    }
}
