import Foundation
@testable import GrantReport
import Testing

/// Reads entries of a zip with /usr/bin/unzip (not a dependency of GrantReport).
enum Unzip {
    static let path = "/usr/bin/unzip"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: path) }

    static func run(_ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = Pipe()
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func entry(_ zip: URL, _ name: String) throws -> String { try run(["-p", zip.path, name]).output }
}

@Suite(.enabled(if: Unzip.available, "needs /usr/bin/unzip"))
struct XLSXRendererTests {
    func write(_ report: Report) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rt-\(UUID().uuidString).xlsx")
        try XLSXRenderer().write(report, to: url)
        return url
    }

    @Test func validZipWithTypedNumbersAndChart() throws {
        let url = try write(Fixtures.departmentReport)
        defer { try? FileManager.default.removeItem(at: url) }
        let (status, listing) = try Unzip.run(["-l", url.path])
        #expect(status == 0)
        #expect(listing.contains("xl/worksheets/sheet1.xml"))
        #expect(listing.contains("xl/worksheets/sheet2.xml"))
        #expect(listing.contains("xl/charts/chart1.xml"))
        let sheet1 = try Unzip.entry(url, "xl/worksheets/sheet1.xml")
        // B2 = first department's grant count (F: 15), a number cell: no t="s" attribute.
        #expect(sheet1.contains("<c r=\"B2\" s=\"") && sheet1.contains("><v>15</v></c>"))
        let b2 = try #require(sheet1.range(of: "<c r=\"B2\"")).lowerBound
        let b2cell = sheet1[b2...].prefix { $0 != "/" }
        #expect(!b2cell.contains("t=\""), "\(b2cell)")
        // Frozen header row.
        #expect(sheet1.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet1.contains("<cols>"))
        // Percent format exists and the chart is a stacked column chart referencing sheet 2.
        let styles = try Unzip.entry(url, "xl/styles.xml")
        #expect(styles.contains("formatCode=\"0.0%\""))
        let chart = try Unzip.entry(url, "xl/charts/chart1.xml")
        #expect(chart.contains("<c:barDir val=\"col\"/>") && chart.contains("<c:grouping val=\"stacked\"/>"))
        #expect(chart.contains("Grants per department per year"))
        let workbook = try Unzip.entry(url, "xl/workbook.xml")
        #expect(workbook.contains("name=\"Departments 2019–2022\""))
        #expect(workbook.contains("name=\"About\""))
    }

    @Test func funderLineCharts() throws {
        let url = try write(Fixtures.funderReport)
        defer { try? FileManager.default.removeItem(at: url) }
        let chart = try Unzip.entry(url, "xl/charts/chart1.xml")
        #expect(chart.contains("<c:lineChart>"))
        #expect(try Unzip.run(["-l", url.path]).output.contains("xl/charts/chart2.xml"))
    }

    @Test func hostileTextIsStringNotFormula() throws {
        let url = try write(Fixtures.hostileReport)
        defer { try? FileManager.default.removeItem(at: url) }
        for sheet in ["sheet1", "sheet2"] {
            let xml = try Unzip.entry(url, "xl/worksheets/\(sheet).xml")
            #expect(!xml.contains("<f>"), "\(sheet) has a formula")
        }
        let shared = try Unzip.entry(url, "xl/sharedStrings.xml")
        #expect(shared.contains("<t>=HYPERLINK(\"http://x\",\"y\")</t>"))
        #expect(shared.contains("&lt;script&gt;"))
    }

    @Test func undefinedWrittenAsText() throws {
        let url = try write(Fixtures.zeroYearReport)
        defer { try? FileManager.default.removeItem(at: url) }
        let shared = try Unzip.entry(url, "xl/sharedStrings.xml")
        #expect(shared.contains("<t>n/a</t>"))
        let sheet2 = try Unzip.entry(url, "xl/worksheets/sheet2.xml")
        #expect(sheet2.contains("<v>-1</v>"))  // 2020 YoY −100% as a number
        #expect(!sheet2.lowercased().contains("nan") && !sheet2.contains("inf"))
    }

    @Test func sameReportSameBytes() throws {
        let a = try XLSXRenderer().render(Fixtures.funderReport)
        let b = try XLSXRenderer().render(Fixtures.funderReport)
        #expect(a == b)
    }

    @Test func unwritablePathThrows() {
        let url = URL(fileURLWithPath: "/nonexistent-dir-\(UUID().uuidString)/x.xlsx")
        #expect(throws: ReportError.self) { try XLSXRenderer().write(Fixtures.funderReport, to: url) }
    }
}

@Suite struct SheetNameTests {
    @Test func sanitisedTruncatedUnique() {
        var names = SheetNames()
        #expect(names.unique("a[b]:c*d?e/f\\g") == "a_b__c_d_e_f_g")
        let long = String(repeating: "年", count: 40)
        #expect(names.unique(long) == String(repeating: "年", count: 31))
        #expect(names.unique(long) == String(repeating: "年", count: 27) + " (2)")
        #expect(names.unique("About") == "About")
        #expect(names.unique("ABOUT") == "ABOUT (2)")
        #expect(names.unique("'quoted'") == "quoted")
        #expect(names.unique("") == "Sheet")
    }
}
