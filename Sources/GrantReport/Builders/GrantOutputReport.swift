/// One row per grant with its linked outputs.
public enum GrantOutputReport {
    /// Row order. Ties are always broken by grant number so output is stable.
    public enum Sort: String, CaseIterable, Sendable {
        case number
        /// Most papers first.
        case papers
        /// Most Nature Index papers first.
        case niPapers = "ni-papers"
        /// Largest amount first; unknown amounts last.
        case amount
        /// Oldest approval year first.
        case year
    }

    public static func build(rows: [GrantOutputRow], context: ReportContext, sort: Sort = .number) -> Report {
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
        let columns = [
            Column("Grant number", .text), Column("Title", .text), Column("PI", .text),
            Column("Institution", .text), Column("Department", .text), Column("Year", .text),
            Column("Amount (万元)", .yuan), Column("Papers", .integer), Column("NI papers", .integer),
            Column("First paper", .text), Column("Last paper", .text),
        ]
        // Cells are made as a renderer reads each row: as stored cells, 500k rows outweighed the rest of the report.
        let cells = TableRows(count: order.count) { k in
            let r = rows[order[k]]
            return [
                .text(r.number), .text(r.title), .text(r.pi), .text(r.institution), .text(r.department),
                .text(String(r.year)), r.amountYuan.map { .decimal(Double($0) / 10_000) } ?? .empty,
                .int(r.papers), .int(r.niPapers), r.firstYear.map { .text(String($0)) } ?? .empty,
                r.lastYear.map { .text(String($0)) } ?? .empty,
            ]
        }
        let known = rows.compactMap(\.amountYuan)
        let totals: [Cell] = [
            .text("Total (\(rows.count) grants)"), .empty, .empty, .empty, .empty, .empty,
            .decimal(Double(known.reduce(0, +)) / 10_000), .int(rows.reduce(0) { $0 + $1.papers }),
            .int(rows.reduce(0) { $0 + $1.niPapers }), .empty, .empty,
        ]
        let table = ReportTable(title: "Grants and linked outputs", columns: columns, rows: cells, totals: totals)
        let notes = [
            "Amounts are in 万元 (10,000 yuan); the total sums the \(known.count) known amounts.",
            "First/last paper = publication years of the earliest and latest linked paper.",
            "Sorted by \(sort.rawValue), then grant number.",
        ]
        return Report(name: "grant-outputs", title: context.title, context: context, tables: [table], notes: notes)
    }
}
