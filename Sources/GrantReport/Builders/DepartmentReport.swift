/// Grants, money, outputs and growth per department over a period.
public enum DepartmentReport {
    /// Builds the department report.
    ///
    /// Table 1 has one row per department (most grants first, then by label) plus a totals row; table 2 has one
    /// row per year with a column per department, the total and the total's YoY growth. Aggregates outside
    /// `context.fromYear...context.toYear` are ignored; missing years count as 0.
    ///
    /// `countBy` chooses what the shares, the growth figures, the per-year table and the chart count: grants in
    /// their approval year, or linked papers in their publication year.
    public static func build(aggregates: [DepartmentYearAggregate], context: ReportContext,
                             countBy: CountBy = .grant) -> Report
    {
        let years = context.years
        let inPeriod = aggregates.filter { $0.year >= context.fromYear && $0.year <= context.toYear }
        let measure = countBy.measure

        var byDepartment: [String: [DepartmentYearAggregate]] = [:]
        for a in inPeriod { byDepartment[a.department, default: []].append(a) }
        let total = inPeriod.reduce(0) { $0 + measure($1) }
        let departments = byDepartment.keys.sorted { a, b in
            let ga = byDepartment[a, default: []].reduce(0) { $0 + measure($1) }
            let gb = byDepartment[b, default: []].reduce(0) { $0 + measure($1) }
            return ga != gb ? ga > gb : a < b
        }

        let summary = summaryTable(departments: departments, byDepartment: byDepartment, all: inPeriod,
                                   total: total, countBy: countBy, context: context)
        let (perYear, seriesByDepartment) = perYearTable(departments: departments, byDepartment: byDepartment,
                                                         countBy: countBy, context: context)
        let chart = Chart(
            kind: .stackedBar, title: "\(countBy.title) per department per year", xLabel: "Year", yLabel: countBy.title,
            categories: years.map(String.init),
            series: departments.enumerated().map { i, d in
                Chart.Series(name: d, values: seriesByDepartment[d] ?? [], tableColumn: i + 1)
            },
            tableIndex: 1)

        var notes = Growth.formulas
        switch countBy {
        case .grant:
            notes.append("Share = department grants / all grants in the period.")
        case .paper:
            notes.append("Share = department linked papers / all linked papers in the period; CAGR, YoY, the per-year "
                + "table and the chart count linked papers by publication year.")
            notes.append("A paper linked to grants of several departments counts once in each.")
        }
        notes.append("Amounts are in 万元 (10,000 yuan); mean amount = total amount / grants; "
            + "papers per ¥1M = linked papers / (amount in yuan / 1,000,000).")
        notes.append("Median lag = median over the period of (publication year − approval year) of each linked paper.")
        notes.append("Years are counted by \(context.countBy).")
        return Report(name: "departments", title: context.title, context: context, tables: [summary, perYear],
                      charts: [chart], notes: notes)
    }

    private static func summaryTable(departments: [String], byDepartment: [String: [DepartmentYearAggregate]],
                                     all: [DepartmentYearAggregate], total: Int, countBy: CountBy,
                                     context: ReportContext) -> ReportTable
    {
        let columns = [
            Column("Department", .text), Column("Grants", .integer), Column("Amount (万元)", .yuan),
            Column("Mean amount (万元)", .yuan), Column("Share of \(countBy.noun)", .percent), Column("CAGR", .percent),
            Column("Mean YoY", .percent), Column("YoY defined", .text), Column("Linked papers", .integer),
            Column("NI papers", .integer), Column("Papers per grant", .decimal),
            Column("Papers per ¥1M", .decimal), Column("Median lag (years)", .decimal, digits: 1),
        ]
        func row(_ label: String, _ items: [DepartmentYearAggregate]) -> [Cell] {
            let grants = items.reduce(0) { $0 + $1.grants }
            let amount = items.reduce(Int64(0)) { $0 + $1.amountYuan }
            let papers = items.reduce(0) { $0 + $1.linkedPapers }
            let ni = items.reduce(0) { $0 + $1.natureIndexPapers }
            let series = Growth.series(items.map { ($0.year, Double(countBy.measure($0))) },
                                       from: context.fromYear, to: context.toYear)
            let mean = Growth.meanYearOverYear(series)
            let counted = items.reduce(0) { $0 + countBy.measure($1) }
            return [
                .text(label), .int(grants), .decimal(Double(amount) / 10_000),
                .decimal(Growth.ratio(Double(amount) / 10_000, Double(grants))),
                .percent(Growth.ratio(Double(counted), Double(total))),
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
                                     countBy: CountBy, context: ReportContext) -> (ReportTable, [String: [Double]])
    {
        var seriesByDepartment: [String: [Double]] = [:]
        for d in departments {
            seriesByDepartment[d] = Growth.series((byDepartment[d] ?? []).map { ($0.year, Double(countBy.measure($0))) },
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
        let table = ReportTable(title: "\(countBy.title) per department per year", columns: columns, rows: rows,
                                totals: totalsRow)
        return (table, seriesByDepartment)
    }
}

extension DepartmentReport {
    /// What a department report's shares, growth and per-year series count.
    public enum CountBy: String, Sendable, CaseIterable {
        /// Grants, in their approval year.
        case grant
        /// Linked papers, in their publication year.
        case paper

        var measure: @Sendable (DepartmentYearAggregate) -> Int {
            switch self {
            case .grant: { $0.grants }
            case .paper: { $0.linkedPapers }
            }
        }
        var noun: String { self == .grant ? "grants" : "linked papers" }
        var title: String { self == .grant ? "Grants" : "Linked papers" }
    }
}
