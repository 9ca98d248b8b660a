import Foundation
import Testing
@testable import GrantTabular

@Suite struct XLSReaderTests {
    static let soffice: String? = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func oleFileThatIsNotAWorkbookIsCorrupt() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let path = try files.write([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0x41, count: 600))
        #expect {
            try TableReader(path: path)
        } throws: { error in
            guard case TabularError.corrupt(let p, _) = error else { return false }
            return p == path
        }
    }

    /// Converts a generated XLSX to XLS with LibreOffice when it is installed (it is not on the build machine).
    @Test(.enabled(if: soffice != nil))
    func readsWorkbookConvertedByLibreOffice() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let sheet = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>项目批准号</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>金额</t></is></c></row>"
            + "<row r=\"3\"><c r=\"A3\"><v>31950410540</v></c><c r=\"B3\"><v>17.5</v></c></row>"
        let xlsx = try files.xlsx(XLSXFixture.parts(sheets: [("Grants", sheet), ("Other", "")]), name: "book.xlsx")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.soffice))
        // A private profile directory: parallel LibreOffice runs otherwise fight over the user's profile lock.
        let profile = files.directory.appendingPathComponent("lo-profile").absoluteString
        process.arguments = ["-env:UserInstallation=\(profile)", "--headless", "--convert-to", "xls",
                             "--outdir", files.directory.path, xlsx]
        try process.run()
        process.waitUntilExit()
        let reader = try TableReader(path: files.directory.appendingPathComponent("book.xls").path)
        #expect(reader.info.format == .xls)
        #expect(reader.info.sheets == ["Grants", "Other"])
        #expect(try reader.allRows() == [
            TableRow(number: 1, cells: ["项目批准号", "金额"]), TableRow(number: 3, cells: ["31950410540", "17.5"]),
        ])
    }
}
