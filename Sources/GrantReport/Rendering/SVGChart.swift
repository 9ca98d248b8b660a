import Foundation

/// Inline SVG for a ``Chart``: axes, gridlines, year labels, a legend and a `<title>` tooltip on every mark.
/// No script, no external resources.
struct SVGChart {
    var chart: Chart
    var width: Double = 640
    var plotHeight: Double = 280

    static let palette = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
        "#bab0ac",
    ]

    private let left = 56.0, right = 16.0, top = 16.0, axisBand = 44.0, legendLine = 18.0

    func render() -> String {
        let n = chart.categories.count
        let stackedTotals = (0..<n).map { i in chart.series.reduce(0.0) { $0 + max(0, value($1, i)) } }
        let maxValue = chart.kind == .stackedBar
            ? stackedTotals.max() ?? 0
            : chart.series.flatMap { $0.values.filter(\.isFinite) }.max() ?? 0
        let (yMax, step) = Self.niceScale(maxValue)
        let plotW = width - left - right
        let height = top + plotHeight + axisBand + legendLine * Double(chart.series.count) + 8
        let band = n > 0 ? plotW / Double(n) : plotW
        func y(_ v: Double) -> Double { top + plotHeight - plotHeight * (v / yMax) }
        func x(_ i: Int) -> Double { left + band * (Double(i) + 0.5) }

        var o = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-\(chart.kind.rawValue)\" "
        o += "width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" "
        o += "aria-label=\"\(chart.title.htmlEscaped)\">\n"
        o += "<title>\(chart.title.htmlEscaped)</title>\n"
        // Gridlines and y tick labels.
        var tick = 0.0
        while tick <= yMax + step / 2 {
            let ty = y(tick)
            o += "<line x1=\"\(f(left))\" y1=\"\(f(ty))\" x2=\"\(f(width - right))\" y2=\"\(f(ty))\" class=\"grid\"/>"
            o += "<text x=\"\(f(left - 6))\" y=\"\(f(ty + 4))\" text-anchor=\"end\" class=\"tick\">"
            o += "\(Self.label(tick).htmlEscaped)</text>\n"
            tick += step
        }
        // Axes.
        o += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotHeight))\" class=\"axis\"/>"
        o += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(width - right))\" "
        o += "y2=\"\(f(top + plotHeight))\" class=\"axis\"/>\n"
        let labelEvery = max(1, Int((Double(n) * 40 / plotW).rounded(.up)))
        for (i, c) in chart.categories.enumerated() where i % labelEvery == 0 {
            o += "<text x=\"\(f(x(i)))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\" class=\"tick\">"
            o += "\(c.htmlEscaped)</text>"
        }
        o += "\n<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotHeight + 34))\" text-anchor=\"middle\" "
        o += "class=\"axis-label\">\(chart.xLabel.htmlEscaped)</text>"
        o += "<text x=\"14\" y=\"\(f(top + plotHeight / 2))\" text-anchor=\"middle\" class=\"axis-label\" "
        o += "transform=\"rotate(-90 14 \(f(top + plotHeight / 2)))\">\(chart.yLabel.htmlEscaped)</text>\n"

        switch chart.kind {
        case .stackedBar:
            let barW = band * 0.7
            for i in 0..<n {
                var base = 0.0
                for (s, series) in chart.series.enumerated() {
                    let v = max(0, value(series, i))
                    guard v > 0 else { continue }
                    let y0 = y(base + v), h = y(base) - y(base + v)
                    o += "<rect x=\"\(f(x(i) - barW / 2))\" y=\"\(f(y0))\" width=\"\(f(barW))\" height=\"\(f(h))\" "
                    o += "fill=\"\(color(s))\"><title>"
                    o += "\(series.name) — \(chart.categories[i]): \(Self.label(v))".htmlEscaped
                    o += "</title></rect>\n"
                    base += v
                }
                if stackedTotals[i] > 0 {
                    o += "<text x=\"\(f(x(i)))\" y=\"\(f(y(stackedTotals[i]) - 4))\" text-anchor=\"middle\" "
                    o += "class=\"total\">\(Self.label(stackedTotals[i]))</text>\n"
                }
            }
        case .line:
            for (s, series) in chart.series.enumerated() {
                let points = (0..<n).map { "\(f(x($0))),\(f(y(value(series, $0))))" }.joined(separator: " ")
                o += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(color(s))\" stroke-width=\"2\"/>\n"
                for i in 0..<n {
                    o += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(value(series, i))))\" r=\"3.5\" fill=\"\(color(s))\">"
                    o += "<title>" + "\(series.name) — \(chart.categories[i]): \(Self.label(value(series, i)))".htmlEscaped
                    o += "</title></circle>\n"
                }
            }
        }
        // Legend, one entry per line so long department labels fit.
        let legendTop = top + plotHeight + axisBand
        for (s, series) in chart.series.enumerated() {
            let ly = legendTop + legendLine * Double(s)
            o += "<rect x=\"\(f(left))\" y=\"\(f(ly))\" width=\"12\" height=\"12\" fill=\"\(color(s))\"/>"
            o += "<text x=\"\(f(left + 18))\" y=\"\(f(ly + 10))\" class=\"legend\">\(series.name.htmlEscaped)</text>\n"
        }
        o += "</svg>"
        return o
    }

    private func value(_ series: Chart.Series, _ i: Int) -> Double {
        i < series.values.count && series.values[i].isFinite ? series.values[i] : 0
    }

    private func color(_ i: Int) -> String { Self.palette[i % Self.palette.count] }

    private func f(_ v: Double) -> String { CellFormatter.fixed(v, 1) }

    /// A rounded axis maximum and tick step (1, 2 or 5 × 10^k) for about five ticks.
    static func niceScale(_ maxValue: Double) -> (max: Double, step: Double) {
        guard maxValue > 0, maxValue.isFinite else { return (1, 1) }
        let raw = maxValue / 5
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        return ((maxValue / step).rounded(.up) * step, step)
    }

    static func label(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : CellFormatter.fixed(v, 2)
    }
}
