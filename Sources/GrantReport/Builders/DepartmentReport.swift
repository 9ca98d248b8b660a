/// Grants, money, outputs and growth per department over a period.
public enum DepartmentReport {
    /// Builds the department report.
    ///
    /// Table 1 has one row per department (most grants first, then by label) plus a totals row; table 2 has one
    /// row per year with a column per department, the total and the total's YoY growth. Aggregates outside
    /// `context.fromYear...context.toYear` are ignored; missing years count as 0.
    public static func build(aggregates: [DepartmentYearAggregate], context: ReportContext) -> Report {
        let years = context.years
        let inPeriod = aggregates.filter { $0.year >= context.fromYear && $0.year <= context.toYear }

        var byDepartment: [String: [DepartmentYearAggregate]] = [:]
        for a in inPeriod { byDepartment[a.department, default: []].append(a) }
        let totalGrants = inPeriod.reduce(0) { $0 + $1.grants }
        let departments = byDepartment.keys.sorted { a, b in
            let ga = byDepartment[a, default: []].reduce(0) { $0 + $1.grants }
            let gb = byDepartment[b, default: []].reduce(0) { $0 + $1.grants }
            return ga != gb ? ga > gb : a < b
        }

        let summary = summaryTable(departments: departments, byDepartment: byDepartment, all: inPeriod,
                                   totalGrants: totalGrants, context: context)
        let (perYear, seriesByDepartment) = perYearTable(departments: departments, byDepartment: byDepartment,
                                                         context: context)
        let chart = Chart(
            kind: .stackedBar, title: "Grants per department per year", xLabel: "Year", yLabel: "Grants",
            categories: years.map(String.init),
            series: departments.enumerated().map { i, d in
                Chart.Series(name: d, values: seriesByDepartment[d] ?? [], tableColumn: i + 1)
            },
            tableIndex: 1)

        var notes = Growth.formulas
        notes.append("Share = department grants / all grants in the period.")
        notes.append("Amounts are in 万元 (10,000 yuan); mean amount = total amount / grants; "
            + "papers per ¥1M = linked papers / (amount in yuan / 1,000,000).")
        notes.append("Median lag = median over the period of (publication year − approval year) of each linked paper.")
        notes.append("Years are counted by \(context.countBy).")
        return Report(name: "departments", title: context.title, context: context, tables: [summary, perYear],
                      charts: [chart], notes: notes)
    }

    private static func summaryTable(departments: [String], byDepartment: [String: [DepartmentYearAggregate]],
                                     all: [DepartmentYearAggregate], totalGrants: Int,
                                     context: ReportContext) -> ReportTable
    {
        let columns = [
            Column("Department", .text), Column("Grants", .integer), Column("Amount (万元)", .yuan),
            Column("Mean amount (万元)", .yuan), Column("Share of grants", .percent), Column("CAGR", .percent),
            Column("Mean YoY", .percent), Column("YoY defined", .text), Column("Linked papers", .integer),
            Column("NI papers", .integer), Column("Papers per grant", .decimal),
            Column("Papers per ¥1M", .decimal), Column("Median lag (years)", .decimal, digits: 1),
        ]
        func row(_ label: String, _ items: [DepartmentYearAggregate]) -> [Cell] {
            let grants = items.reduce(0) { $0 + $1.grants }
            let amount = items.reduce(Int64(0)) { $0 + $1.amountYuan }
            let papers = items.reduce(0) { $0 + $1.linkedPapers }
            let ni = items.reduce(0) { $0 + $1.natureIndexPapers }
            let series = Growth.series(items.map { ($0.year, Double($0.grants)) },
                                       from: context.fromYear, to: context.toYear)
            let mean = Growth.meanYearOverYear(series)
            return [
                .text(label), .int(grants), .decimal(Double(amount) / 10_000),
                .decimal(Growth.ratio(Double(amount) / 10_000, Double(grants))),
                .percent(Growth.ratio(Double(grants), Double(totalGrants))),
                .percent(Growth.cagr(series)), .percent(mean.mean), .text("\(mean.defined)/\(mean.pairs)"),
                .int(papers), .int(ni), .decimal(Growth.ratio(Double(papers), Double(grants))),
                .decimal(Growth.ratio(Double(papers), Double(amount) / 1_000_000)),
                .decimal(Growth.median(items.flatMap(\.lagYears))),
            ]
        }
        return ReportTable(
            title: "Departments \(context.fromYear)–\(context.toYear)", columns: columns,
            rows: departments.map { row($0, byDepartment[$0] ?? []) }, totals: row("Total", all))
    }

    private static func perYearTable(departments: [String], byDepartment: [String: [DepartmentYearAggregate]],
                                     context: ReportContext) -> (ReportTable, [String: [Double]])
    {
        var seriesByDepartment: [String: [Double]] = [:]
        for d in departments {
            seriesByDepartment[d] = Growth.series((byDepartment[d] ?? []).map { ($0.year, Double($0.grants)) },
                                                  from: context.fromYear, to: context.toYear)
        }
        let years = context.years
        let totals = years.indices.map { i in departments.reduce(0.0) { $0 + (seriesByDepartment[$1]?[i] ?? 0) } }
        let yoy = Growth.yearOverYear(totals)
        let columns = [Column("Year", .text)] + departments.map { Column($0, .integer) }
            + [Column("Total", .integer), Column("YoY growth (total)", .percent)]
        let rows: [[Cell]] = years.indices.map { i in
            [.text(String(years[i]))]
                + departments.map { Cell.integer(Int64(seriesByDepartment[$0]?[i] ?? 0)) }
                + [.integer(Int64(totals[i])), i == 0 ? .empty : .percent(yoy[i])]
        }
        let totalsRow: [Cell] = [.text("Total")]
            + departments.map { d in Cell.integer(Int64((seriesByDepartment[d] ?? []).reduce(0, +))) }
            + [.integer(Int64(totals.reduce(0, +))), .empty]
        let table = ReportTable(title: "Grants per department per year", columns: columns, rows: rows,
                                totals: totalsRow)
        return (table, seriesByDepartment)
    }
}
