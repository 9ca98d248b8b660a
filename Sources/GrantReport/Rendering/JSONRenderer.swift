import Foundation
import GrantModel

/// JSON with a fixed key order, numbers as numbers (rounded to 6 decimals), undefined values as `null`.
///
/// Money columns (`kind: "yuan"`) hold 万元 like the other formats; percentages are fractions (0.379).
public struct JSONRenderer: Sendable {
    public init() {}

    public func render(_ report: Report) -> String {
        let ctx = report.context
        var o = "{\n"
        o += "  \"name\": \(str(report.name)),\n"
        o += "  \"title\": \(str(report.title)),\n"
        o += "  \"context\": {\n"
        o += "    \"title\": \(str(ctx.title)),\n"
        o += "    \"generatedAt\": \(str(ctx.generatedAtISO)),\n"
        o += "    \"dataSources\": \(strings(ctx.dataSources)),\n"
        o += "    \"filters\": \(strings(ctx.filters)),\n"
        o += "    \"fromYear\": \(ctx.fromYear),\n"
        o += "    \"toYear\": \(ctx.toYear),\n"
        o += "    \"countBy\": \(str(ctx.countBy))\n"
        o += "  },\n"
        o += "  \"tables\": [" + report.tables.map(table).joined(separator: ",")
        o += report.tables.isEmpty ? "],\n" : "\n  ],\n"
        o += "  \"charts\": [" + report.charts.map(chart).joined(separator: ",")
        o += report.charts.isEmpty ? "],\n" : "\n  ],\n"
        o += "  \"notes\": \(strings(report.notes))\n"
        o += "}\n"
        return o
    }

    private func table(_ t: ReportTable) -> String {
        var o = "\n    {\n"
        o += "      \"title\": \(str(t.title)),\n"
        o += "      \"columns\": [" + t.columns.map {
            "{\"name\": \(str($0.name)), \"kind\": \(str($0.kind.rawValue))}"
        }.joined(separator: ", ") + "],\n"
        // A per-grant table has hundreds of thousands of rows: append them in place, no string per cell or row.
        o += "      \"rows\": ["
        o.reserveCapacity(o.utf8.count + t.rows.count * 64 * max(t.columns.count, 1))
        for (i, row) in t.rows.enumerated() {
            o += i == 0 ? "\n        " : ",\n        "
            appendCells(row, to: &o)
        }
        o += t.rows.isEmpty ? "],\n" : "\n      ],\n"
        o += "      \"totals\": "
        if let totals = t.totals { appendCells(totals, to: &o) } else { o += "null" }
        o += "\n"
        o += "    }"
        return o
    }

    private func chart(_ c: Chart) -> String {
        var o = "\n    {\n"
        o += "      \"kind\": \(str(c.kind.rawValue)),\n"
        o += "      \"title\": \(str(c.title)),\n"
        o += "      \"xLabel\": \(str(c.xLabel)),\n"
        o += "      \"yLabel\": \(str(c.yLabel)),\n"
        o += "      \"categories\": \(strings(c.categories)),\n"
        o += "      \"series\": [" + c.series.map {
            "\n        {\"name\": \(str($0.name)), \"values\": [" + $0.values.map(number).joined(separator: ", ") + "]}"
        }.joined(separator: ",") + (c.series.isEmpty ? "]\n" : "\n      ]\n")
        o += "    }"
        return o
    }

    private func appendCells(_ row: [Cell], to o: inout String) {
        o += "["
        for (i, cell) in row.enumerated() {
            if i > 0 { o += ", " }
            switch cell {
            case .text(let s): JSONText.appendQuoted(s, to: &o)
            case .integer(let v): o += String(v)
            case .decimal(let v), .percent(let v): o += v.map(number) ?? "null"
            case .empty: o += "null"
            }
        }
        o += "]"
    }

    /// Shortest round-trip text of the value rounded to 6 decimals; non-finite → null.
    private func number(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        var r = (v * 1_000_000).rounded() / 1_000_000
        if r == 0 { r = 0 }  // no "-0.0"
        if r == r.rounded(), abs(r) < 1e15 { return String(Int64(r)) }
        return "\(r)"
    }

    private func strings(_ a: [String]) -> String { "[" + a.map(str).joined(separator: ", ") + "]" }

    /// A JSON string literal; non-ASCII is kept as UTF-8, controls and U+2028/9 are escaped.
    func str(_ s: String) -> String { JSONText.quoted(s) }
}
