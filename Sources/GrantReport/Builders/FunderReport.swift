/// Papers and Nature Index papers per funder per year (NSFC, National Key R&D, both).
public enum FunderReport {
    /// Builds the funder report: a per-year table with papers and NI papers per funder, a per-funder growth
    /// table, and two line charts (NI papers; all papers).
    public static func build(aggregates: [FunderYearAggregate], context: ReportContext) -> Report {
        let years = context.years
        let inPeriod = aggregates.filter { $0.year >= context.fromYear && $0.year <= context.toYear }
        let known = [FunderYearAggregate.nsfc, FunderYearAggregate.keyRD, FunderYearAggregate.both]
        let others = Set(inPeriod.map(\.funder)).subtracting(known).sorted()
        let funders = known + others

        func series(_ funder: String, _ value: (FunderYearAggregate) -> Int) -> [Double] {
            Growth.series(inPeriod.filter { $0.funder == funder }.map { ($0.year, Double(value($0))) },
                          from: context.fromYear, to: context.toYear)
        }
        let papers = Dictionary(uniqueKeysWithValues: funders.map { ($0, series($0, \.papers)) })
        let ni = Dictionary(uniqueKeysWithValues: funders.map { ($0, series($0, \.natureIndexPapers)) })

        var columns = [Column("Year", .text)]
        for f in funders {
            columns.append(Column("\(f) papers", .integer))
            columns.append(Column("\(f) NI papers", .integer))
        }
        let rows: [[Cell]] = years.indices.map { i in
            [.text(String(years[i]))] + funders.flatMap { f in
                [Cell.integer(Int64(papers[f]?[i] ?? 0)), Cell.integer(Int64(ni[f]?[i] ?? 0))]
            }
        }
        let totals: [Cell] = [.text("Total")] + funders.flatMap { f in
            [Cell.integer(Int64((papers[f] ?? []).reduce(0, +))), Cell.integer(Int64((ni[f] ?? []).reduce(0, +)))]
        }
        let perYear = ReportTable(title: "Papers per funder per year", columns: columns, rows: rows,
                                  totals: totals)

        let growthColumns = [
            Column("Funder", .text), Column("Papers", .integer), Column("NI papers", .integer),
            Column("NI share", .percent), Column("CAGR (papers)", .percent), Column("CAGR (NI papers)", .percent),
            Column("Mean YoY (NI papers)", .percent), Column("YoY defined", .text),
        ]
        let growthRows: [[Cell]] = funders.map { f in
            let p = papers[f] ?? [], n = ni[f] ?? []
            let sumP = p.reduce(0, +), sumN = n.reduce(0, +)
            let mean = Growth.meanYearOverYear(n)
            return [
                .text(f), .integer(Int64(sumP)), .integer(Int64(sumN)), .percent(Growth.ratio(sumN, sumP)),
                .percent(Growth.cagr(p)), .percent(Growth.cagr(n)), .percent(mean.mean),
                .text("\(mean.defined)/\(mean.pairs)"),
            ]
        }
        let growth = ReportTable(title: "Funders \(context.fromYear)–\(context.toYear)", columns: growthColumns,
                                 rows: growthRows)

        let categories = years.map(String.init)
        let charts = [
            Chart(kind: .line, title: "Nature Index papers per funder per year", xLabel: "Year",
                  yLabel: "NI papers", categories: categories,
                  series: funders.enumerated().map { i, f in
                      Chart.Series(name: f, values: ni[f] ?? [], tableColumn: 2 * i + 2)
                  }, tableIndex: 0),
            Chart(kind: .line, title: "Papers per funder per year", xLabel: "Year", yLabel: "Papers",
                  categories: categories,
                  series: funders.enumerated().map { i, f in
                      Chart.Series(name: f, values: papers[f] ?? [], tableColumn: 2 * i + 1)
                  }, tableIndex: 0),
        ]
        var notes = Growth.formulas
        notes.append("“Both” counts papers acknowledging both NSFC and the National Key R&D Program; whether the "
            + "NSFC and National Key R&D rows also include them is decided by the query (see filters).")
        notes.append("NI share = NI papers / papers. Years are counted by \(context.countBy).")
        return Report(name: "funders", title: context.title, context: context, tables: [perYear, growth],
                      charts: charts, notes: notes)
    }
}
