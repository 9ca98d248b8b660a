import Foundation
import Testing
@testable import GrantTabular

@Suite struct XLSXReaderTests {
    static let sheet1 = """
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>金额</t></is></c><c r="D1" t="s"><v>2</v></c></row>
        <row r="2" spans="1:4"><c r="A2"><v>81871234.0</v></c><c r="B2" t="s"><v>3</v></c><c r="C2" s="1"><v>17.5</v></c><c r="D2" t="b"><v>1</v></c></row>
        <row r="4"><c r="A4" t="n"><v>8.1871234E7</v></c><c r="D4" t="inlineStr"><is><r><t>rich </t></r><r><rPr><b/></rPr><t xml:space="preserve">text</t></r></is></c></row>
        <row r="5"><c r="A5" s="2"/><c r="B5" s="2"/></row>
        <row r="6"><c r="C6" t="str"><f>A2&amp;""</f><v>A&amp;B &lt;x&gt; &#x4E2D;&#25991;</v></c><c r="E6" t="e"><v>#N/A</v></c><c r="F6" t="b"><v>0</v></c></row>
        """
    static let shared = ["<t>项目批准号</t>", "<t>项目名称</t>", "<t>备注</t>",
                         "<r><t>基于</t></r><r><t>深度学习</t></r><rPh sb=\"0\" eb=\"1\"><t>ジ</t></rPh>"]

    func makeWorkbook(_ files: TestFiles) throws -> String {
        try files.xlsx(XLSXFixture.parts(
            sheets: [("Grants", Self.sheet1), ("第二页", "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>second</t></is></c></row>")],
            sharedStrings: Self.shared))
    }

    @Test func readsFirstSheetWithSharedAndInlineStrings() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let reader = try TableReader(path: makeWorkbook(files))
        #expect(reader.info.format == .xlsx)
        #expect(reader.info.sheets == ["Grants", "第二页"])
        #expect(reader.info.sheet == "Grants")
        let rows = try reader.allRows()
        #expect(rows.map(\.number) == [1, 2, 4, 6])
        #expect(rows[0].cells == ["项目批准号", "项目名称", "金额", "备注"])
        #expect(rows[1].cells == ["81871234", "基于深度学习", "17.5", "TRUE"])
        #expect(rows[2].cells == ["81871234", "", "", "rich text"])
        #expect(rows[3].cells == ["", "", "A&B <x> 中文", "", "#N/A", "FALSE"])
    }

    @Test func selectsSheetByName() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let reader = try TableReader(path: makeWorkbook(files), options: .init(sheet: "第二页"))
        #expect(reader.info.sheet == "第二页")
        #expect(try reader.allRows() == [TableRow(number: 3, cells: ["", "second"])])
    }

    @Test func unknownSheetListsAvailableSheets() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = try makeWorkbook(files)
        #expect(throws: TabularError.sheetNotFound(path: path, sheet: "2020", available: ["Grants", "第二页"])) {
            try TableReader(path: path, options: .init(sheet: "2020"))
        }
    }

    @Test func worksWithoutSharedStringsPart() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let sheet = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>"
        let rows = try TableReader(path: files.xlsx(XLSXFixture.parts(sheets: [("S", sheet)]))).allRows()
        #expect(rows == [TableRow(number: 1, cells: ["x"])])
    }

    @Test func cellsWithoutReferencesFollowEachOther() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let sheet = "<row><c><v>1</v></c><c><v>2</v></c></row><row><c r=\"C2\"><v>3</v></c><c><v>4</v></c></row>"
        let rows = try TableReader(path: files.xlsx(XLSXFixture.parts(sheets: [("S", sheet)]))).allRows()
        #expect(rows == [TableRow(number: 1, cells: ["1", "2"]), TableRow(number: 2, cells: ["", "", "3", "4"])])
    }

    @Test func prefixedElementsCommentsAndCDATA() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let sheet = "<!-- made by a script --><x:row r=\"2\"><x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t><![CDATA[a<b & c]]></x:t></x:is></x:c>"
            + "<x:c r=\"C2\" t=\"str\"><x:v>x_x000D__x000A_y</x:v></x:c></x:row>"
        let rows = try TableReader(path: files.xlsx(XLSXFixture.parts(sheets: [("S", sheet)]))).allRows()
        #expect(rows == [TableRow(number: 2, cells: ["", "a<b & c", "x\r\ny"])])
    }

    @Test func largeSheetStreamsAcrossChunks() throws {
        let files = try TestFiles()
        defer { files.remove() }
        var xml = ""
        for r in 1...20_000 {
            xml += "<row r=\"\(r)\"><c r=\"A\(r)\"><v>\(Double(71_000_000 + r))</v></c>"
                + "<c r=\"AB\(r)\" t=\"inlineStr\"><is><t>项目 &amp; \(r)</t></is></c></row>"
        }
        let reader = try TableReader(path: files.xlsx(XLSXFixture.parts(sheets: [("S", xml)])))
        var count = 0
        var bad = 0
        try reader.forEachRow { row in
            count += 1
            let ok = row.number == count && row.cells.count == 28 && row.cells[0] == "\(71_000_000 + count)"
                && row.cells[27] == "项目 & \(count)"
            if !ok { bad += 1 }
        }
        #expect(count == 20_000)
        #expect(bad == 0)
        #expect(reader.bytesRead == reader.info.totalBytes)
    }

    @Test func truncatedFileIsCorrupt() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let whole = try Data(contentsOf: URL(fileURLWithPath: makeWorkbook(files)))
        let path = try files.write(Array(whole.prefix(whole.count * 2 / 3)))
        #expect {
            try TableReader(path: path).forEachRow { _ in }
        } throws: { error in
            guard case TabularError.corrupt(let p, _) = error else { return false }
            return p == path
        }
    }

    @Test func sheetXMLEndingMidwayIsCorrupt() throws {
        let files = try TestFiles()
        defer { files.remove() }
        var parts = XLSXFixture.parts(sheets: [("S", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v></c></row>")])
        let index = try #require(parts.firstIndex { $0.0.hasSuffix("sheet1.xml") })
        parts[index].1 = String(parts[index].1.prefix(parts[index].1.count - 40))
        let path = try files.xlsx(parts)
        #expect(throws: TabularError.corrupt(path: path, detail: "xl/worksheets/sheet1.xml: XML ends mid-way")) {
            try TableReader(path: path).forEachRow { _ in }
        }
    }

    @Test func zipWithoutWorkbookIsUnsupported() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = try files.xlsx([("word/document.xml", "<document/>")])
        #expect(throws: TabularError.unsupportedFormat(
            path: path, detail: "a zip archive but not an XLSX workbook (no xl/workbook.xml)")) {
            try TableReader(path: path)
        }
    }

    @Test func missingSheetPartIsCorrupt() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let parts = XLSXFixture.parts(sheets: [("S", "")]).filter { !$0.0.contains("worksheets") }
        let path = try files.xlsx(parts)
        #expect(throws: TabularError.corrupt(path: path, detail: "missing xl/worksheets/sheet1.xml")) {
            try TableReader(path: path)
        }
    }

    @Test func badSharedStringIndexIsCorrupt() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let sheet = "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>9</v></c></row>"
        let path = try files.xlsx(XLSXFixture.parts(sheets: [("S", sheet)], sharedStrings: ["<t>a</t>"]))
        #expect(throws: TabularError.corrupt(path: path, detail: "row 7: shared string 9 does not exist")) {
            try TableReader(path: path).forEachRow { _ in }
        }
    }

    @Test func errorsFromTheRowClosurePassThrough() throws {
        struct Stop: Error, Equatable {}
        let files = try TestFiles()
        defer { files.remove() }
        let reader = try TableReader(path: makeWorkbook(files))
        #expect(throws: Stop()) {
            try reader.forEachRow { _ in throw Stop() }
        }
    }

    @Test(.enabled(if: TestFiles.sharedData("nsfc/nsfc-C0501-2019.xlsx") != nil))
    func realNSFCWorkbook() throws {
        let path = try #require(TestFiles.sharedData("nsfc/nsfc-C0501-2019.xlsx"))
        let reader = try TableReader(path: path)
        #expect(reader.info.sheets == ["NSFC-RESULT"])
        let rows = try reader.allRows()
        #expect(rows.count == 86)
        let header = try #require(rows.first)
        #expect(header.cells.first == "start_time")
        let id = try #require(header.cells.firstIndex(of: "project_id"))
        let ids = rows.dropFirst().map { $0.cells.count > id ? $0.cells[id] : "" }
        #expect(ids.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        #expect(ids.contains { $0.count == 11 })
        #expect(rows[1].cells.first == "202001")
        #expect(rows.map(\.number) == Array(1...86))
    }
}
