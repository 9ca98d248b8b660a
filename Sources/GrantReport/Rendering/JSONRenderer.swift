import Foundation
import GrantModel

/// JSON with a fixed key order, numbers as numbers (rounded to 6 decimals), undefined values as `null`.
///
/// Money columns (`kind: "yuan"`) hold 万元 like the other formats; percentages are fractions (0.379).
public struct JSONRenderer: Sendable {
    public init() {}

    public func render(_ report: Report) -> String { String(decoding: renderData(report), as: UTF8.self) }

    /// The report as UTF-8.
    public func renderData(_ report: Report) -> Data {
        var out = Data()
        write(report) { out.append($0) }
        return out
    }

    /// The report as UTF-8, handed to `sink` in 64 KB pieces as the rows are read, so a 500k-row table is never
    /// held whole. Built as bytes because appending each cell to a `String` cost more than everything else.
    public func write(_ report: Report, to sink: (Data) -> Void) {
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
        o += "  \"tables\": ["
        var bytes = Array(o.utf8)
        bytes.reserveCapacity(Self.piece * 2)
        for (i, t) in report.tables.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            table(t, to: &bytes, flushingInto: sink)
        }
        o = report.tables.isEmpty ? "],\n" : "\n  ],\n"
        o += "  \"charts\": [" + report.charts.map(chart).joined(separator: ",")
        o += report.charts.isEmpty ? "],\n" : "\n  ],\n"
        o += "  \"notes\": \(strings(report.notes))\n"
        o += "}\n"
        bytes.append(contentsOf: o.utf8)
        sink(Data(bytes))
    }

    private static let piece = 1 << 16

    private func table(_ t: ReportTable, to bytes: inout [UInt8], flushingInto sink: (Data) -> Void) {
        var o = "\n    {\n"
        o += "      \"title\": \(str(t.title)),\n"
        o += "      \"columns\": [" + t.columns.map {
            "{\"name\": \(str($0.name)), \"kind\": \(str($0.kind.rawValue))}"
        }.joined(separator: ", ") + "],\n"
        o += "      \"rows\": ["
        bytes.append(contentsOf: o.utf8)
        for (i, row) in t.rows.enumerated() {
            bytes.append(contentsOf: (i == 0 ? "\n        " : ",\n        ").utf8)
            appendCells(row, to: &bytes)
            if bytes.count >= Self.piece {
                sink(Data(bytes))
                bytes.removeAll(keepingCapacity: true)
            }
        }
        bytes.append(contentsOf: (t.rows.isEmpty ? "],\n" : "\n      ],\n").utf8)
        bytes.append(contentsOf: "      \"totals\": ".utf8)
        if let totals = t.totals { appendCells(totals, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
        bytes.append(contentsOf: "\n    }".utf8)
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

    private func appendCells(_ row: [Cell], to o: inout [UInt8]) {
        o.append(UInt8(ascii: "["))
        for (i, cell) in row.enumerated() {
            if i > 0 { o.append(contentsOf: ", ".utf8) }
            switch cell {
            case .text(let s): JSONText.appendQuoted(s, to: &o)
            case .integer(let v): o.append(contentsOf: String(v).utf8)
            case .decimal(let v), .percent(let v): o.append(contentsOf: (v.map(number) ?? "null").utf8)
            case .empty: o.append(contentsOf: "null".utf8)
            }
        }
        o.append(UInt8(ascii: "]"))
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
