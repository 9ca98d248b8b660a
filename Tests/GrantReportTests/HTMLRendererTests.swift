import Foundation
import GrantReport
import Testing

@Suite struct HTMLRendererTests {
    @Test func hostileTextIsEscapedEverywhere() {
        let html = HTMLRenderer().render(Fixtures.hostileReport)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&#39;single&#39; &amp; &quot;double&quot;"))
        // Escaped also in SVG tooltips and legends.
        #expect(html.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; — 2019: 6</title>"))
    }

    @Test func selfContainedWithChartsAndMethod() {
        let html = HTMLRenderer().render(Fixtures.departmentReport)
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("default-src 'none'; style-src 'unsafe-inline'; img-src data:"))
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespace.contains("http:") && !withoutNamespace.contains("https:"))
        #expect(!withoutNamespace.contains("url("))
        #expect(!html.contains("<link") && !html.contains("<script") && !html.contains("src=\""))
        #expect(html.components(separatedBy: "<svg").count - 1 == 1)
        #expect(html.contains("class=\"chart chart-stacked-bar\""))
        // H 2020 bar segment tooltip.
        #expect(html.contains("<title>H 医学科学部 Medical Sciences — 2020: 4</title>"))
        #expect(html.contains("How this was computed"))
        #expect(html.contains("CAGR = (x_last / x_first)^(1/(n_years − 1)) − 1"))
        #expect(html.contains("NSFC project list (fixture)"))
        #expect(html.contains("keyword: artificial intelligence"))

        let funders = HTMLRenderer().render(Fixtures.funderReport)
        #expect(funders.components(separatedBy: "class=\"chart chart-line\"").count - 1 == 2)
        #expect(funders.contains("<title>National Key R&amp;D — 2022: 2</title>"))
    }

    @Test func zeroYearUndefinedNotInfinite() {
        let html = HTMLRenderer().render(Fixtures.zeroYearReport)
        #expect(html.contains("<td class=\"num undef\" title=\"undefined: previous value or denominator is 0\">—</td>"))
        #expect(!html.contains("NaN") && !html.contains("nan") && !html.contains("inf"))
    }
}
