import GrantModel

/// One row per grant with its linked outputs.
public enum GrantOutputReport {
    /// Row order (see `GrantOutputOrder`).
    public typealias Sort = GrantOutputOrder

    /// Sums over every selected grant (see `GrantOutputTotals`).
    public typealias Totals = GrantOutputTotals

    /// The report of `rows`, in `sort` order. `totals` are those of every selected grant when `rows` are only the
    /// first of them (nil: the rows' own).
    public static func build(rows: [GrantOutputRow], context: ReportContext, sort: Sort = .number,
                             totals: Totals? = nil) -> Report
    {
        // Sorting positions rather than rows: a row holds five strings, and moving 500k of them dominated.
        let order = rows.indices.sorted { i, j in
            switch sort {
            case .number: break
            case .papers: if rows[i].papers != rows[j].papers { return rows[i].papers > rows[j].papers }
            case .niPapers: if rows[i].niPapers != rows[j].niPapers { return rows[i].niPapers > rows[j].niPapers }
            case .amount:
                if rows[i].amountYuan != rows[j].amountYuan {
                    return (rows[i].amountYuan ?? Int64.min) > (rows[j].amountYuan ?? Int64.min)
                }
            case .year: if rows[i].year != rows[j].year { return rows[i].year < rows[j].year }
            }
            return rows[i].number < rows[j].number
        }
        return build(count: order.count, row: { rows[order[$0]] }, context: context, sort: sort,
                     totals: totals ?? Totals(rows))
    }

    /// The report of `count` rows already in `sort` order, row `k` made by `row(k)` whenever a renderer reads it;
    /// `totals` are those of every selected grant, which may be more than `count`. For a CSV or JSON rendering,
    /// which reads each row once and in order, `row` may read from a source that cannot go back.
    public static func build(count: Int, row: @escaping @Sendable (Int) -> GrantOutputRow, context: ReportContext,
                             sort: Sort, totals sums: Totals) -> Report
    {
        let columns = [
            Column("Grant number", .text), Column("Title", .text), Column("PI", .text),
            Column("Institution", .text), Column("Department", .text), Column("Year", .text),
            Column("Amount (万元)", .yuan), Column("Papers", .integer), Column("NI papers", .integer),
            Column("First paper", .text), Column("Last paper", .text),
        ]
        // Cells are made as a renderer reads each row: as stored cells, 500k rows outweighed the rest of the report.
        let cells = TableRows(count: count) { k in
            let r = row(k)
            return [
                .text(r.number), .text(r.title), .text(r.pi), .text(r.institution), .text(r.department),
                .text(String(r.year)), r.amountYuan.map { .decimal(Double($0) / 10_000) } ?? .empty,
                .int(r.papers), .int(r.niPapers), r.firstYear.map { .text(String($0)) } ?? .empty,
                r.lastYear.map { .text(String($0)) } ?? .empty,
            ]
        }
        let totalCells: [Cell] = [
            .text("Total (\(sums.grants) grants)"), .empty, .empty, .empty, .empty, .empty,
            .decimal(Double(sums.amountYuan) / 10_000), .int(sums.papers), .int(sums.niPapers), .empty, .empty,
        ]
        let table = ReportTable(title: "Grants and linked outputs", columns: columns, rows: cells, totals: totalCells)
        var notes = [
            "Amounts are in 万元 (10,000 yuan); the total sums the \(sums.amountsKnown) known amounts.",
            "First/last paper = publication years of the earliest and latest linked paper.",
            "Sorted by \(sort.rawValue), then grant number.",
        ]
        if sums.grants > count {
            notes.append("Showing the first \(count) of \(sums.grants) grants; the totals are those of all of them.")
        }
        return Report(name: "grant-outputs", title: context.title, context: context, tables: [table], notes: notes)
    }
}

private extension GrantOutputTotals {
    init(_ rows: [GrantOutputRow]) {
        let known = rows.compactMap(\.amountYuan)
        self.init(grants: rows.count, amountYuan: known.reduce(0, +), amountsKnown: known.count,
                  papers: rows.reduce(0) { $0 + $1.papers }, niPapers: rows.reduce(0) { $0 + $1.niPapers })
    }
}
