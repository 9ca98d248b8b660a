import Foundation
import GrantReport
import Testing

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("医学科学部", 10), ("abc", 3), ("H 医学科学部 Medical", 20), ("ＡＢ", 4), ("￥", 2), ("、。", 4),
        ("ひらがなカタカナ", 16), ("한국어", 6), ("e\u{301}", 1), ("\u{200B}x", 1), ("㐀", 2), ("𠀀", 2), ("—", 1),
        ("", 0), ("\t", 0),
    ])
    func widths(text: String, width: Int) {
        #expect(text.displayWidth == width)
    }
}

@Suite struct TableRendererTests {
    let text = TableRenderer().render(Fixtures.departmentReport)

    /// Lines of the first table, from the header to the totals.
    func tableLines(_ title: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: title) else { return [] }
        let rest = lines[(start + 1)...]
        return Array(rest.prefix { !$0.isEmpty })
    }

    @Test func cjkRowsLineUp() throws {
        let lines = tableLines("Departments 2019–2022")
        #expect(lines.count == 7)  // header, rule, 3 rows, rule, totals
        // Every full row ends at the same display column (numbers are right-aligned, last column is numeric).
        let widths = Set(lines.filter { !$0.hasPrefix("-") }.map(\.displayWidth))
        #expect(widths.count == 1, "\(lines)")
        // The Grants column's right edge is at the same display column in every row.
        let header = try #require(lines.first)
        let grantsEnd = try #require(header.range(of: "Grants")).upperBound
        let edge = String(header[..<grantsEnd]).displayWidth
        for line in lines.dropFirst() where !line.hasPrefix("-") {
            let cut = line.prefixOfWidth(edge)
            #expect(cut.last?.isNumber == true, "\(line)")
            #expect(line.dropFirst(cut.count).first == " ", "\(line)")
        }
        // "医学科学部" occupies 10 columns: the H row's label is padded by exactly the width difference.
        let h = try #require(lines.first { $0.hasPrefix("H 医学科学部") })
        let label = "H 医学科学部 Medical Sciences"
        let pad = h.dropFirst(label.count).prefix { $0 == " " }.count
        // Widest label: "F 信息科学部 Information Sciences" = 2 + 10 + 1 + 20 = 33; H's = 2 + 10 + 1 + 16 = 29.
        #expect(label.displayWidth == 29)
        #expect(pad == (33 - 29) + 2 + (6 - 2))  // to the column end, the gap, then "12" right-aligned under "Grants"
    }

    @Test func undefinedShownAsDashAndFormulasPrinted() {
        #expect(text.contains("—"))
        #expect(!text.lowercased().contains("nan") && !text.contains("inf"))
        #expect(text.contains("How this was computed:"))
        #expect(text.contains("CAGR = (x_last / x_first)^(1/(n_years − 1)) − 1"))
        #expect(text.contains("Mean YoY = arithmetic mean of the defined YoY rates"))
    }
}

@Suite struct TableRendererControlTests {
    @Test func controlCharactersCannotBreakRowsOrDriveTheTerminal() {
        let rows = [GrantOutputRow(number: "1", title: "a\nb\tc\u{1B}[31mred", pi: "p", institution: "i",
                                   department: "H", year: 2020, amountYuan: nil, papers: 1, niPapers: 0,
                                   firstYear: nil, lastYear: nil)]
        let text = TableRenderer().render(GrantOutputReport.build(rows: rows, context: Fixtures.context()))
        #expect(!text.contains("\u{1B}") && !text.contains("\t"))
        #expect(text.contains("a b c [31mred"))
        // The whole grant stays on one row.
        let lines = text.components(separatedBy: "\n")
        #expect(lines.contains { $0.hasPrefix("1 ") && $0.contains("a b c [31mred") && $0.contains("H") })
    }
}

extension String {
    /// The longest prefix whose display width is at most `width`.
    func prefixOfWidth(_ width: Int) -> Substring {
        var w = 0
        var end = startIndex
        for i in indices {
            let cw = String(self[i]).displayWidth
            if w + cw > width { break }
            w += cw
            end = index(after: i)
        }
        return self[..<end]
    }
}
