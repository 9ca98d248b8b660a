import Foundation
import GrantReport
import Testing

@Suite struct JSONRendererTests {
    @Test func validJSONWithNumbersAndNulls() throws {
        let text = JSONRenderer().render(Fixtures.zeroYearReport)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let tables = try #require(object["tables"] as? [[String: Any]])
        let rows = try #require(tables[1]["rows"] as? [[Any]])
        #expect(rows[1][3] as? Double == -1)
        #expect(rows[2][3] is NSNull)
        #expect(rows[2][2] as? Int == 3)
        #expect(!text.contains("nan") && !text.contains("inf"))
        // Key order is fixed.
        let keys = ["\"name\"", "\"title\"", "\"context\"", "\"tables\"", "\"charts\"", "\"notes\""]
        let positions = keys.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted())
    }

    @Test func escapesStrings() throws {
        let text = JSONRenderer().render(Fixtures.hostileReport)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["title"] as? String == "<script>alert(1)</script> =cmd")
        let tables = try #require(object["tables"] as? [[String: Any]])
        let labels = (tables[0]["rows"] as? [[Any]])?.compactMap { $0.first as? String } ?? []
        #expect(Set(labels) == Set(Fixtures.hostile))
    }
}

@Suite struct MarkdownRendererTests {
    @Test func pipesAndMarkupEscaped() {
        let r = Report(name: "t", title: "a|b", context: Fixtures.context(),
                       tables: [ReportTable(title: "T", columns: [Column("x|y", .text), Column("n", .integer)],
                                            rows: [[.text("<b>1|2</b>"), .integer(-3)]])])
        let md = MarkdownRenderer().render(r)
        #expect(md.contains("| x\\|y | n |"))
        #expect(md.contains("| --- | ---: |"))
        #expect(md.contains("| &lt;b&gt;1\\|2&lt;/b&gt; | -3 |"))
        #expect(!md.contains("<b>"))
    }

    @Test func zeroYearUndefined() {
        let md = MarkdownRenderer().render(Fixtures.zeroYearReport)
        #expect(md.contains("| 2021 | 3 | 3 | — |"))
        #expect(md.contains("| 2020 | 0 | 0 | -100.0% |"))
    }
}
