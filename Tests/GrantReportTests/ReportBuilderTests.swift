import Foundation
import GrantModel
import GrantReport
import Testing

extension ReportTable {
    func row(_ label: String) -> [Cell]? {
        if case .text(label)? = totals?.first { return totals }
        return rows.first { $0.first == .text(label) }
    }

    func value(_ label: String, _ column: String) -> Cell? {
        guard let r = row(label), let c = columns.firstIndex(where: { $0.name == column }), c < r.count else {
            return nil
        }
        return r[c]
    }
}

func approx(_ cell: Cell?, _ expected: Double, _ tolerance: Double = 1e-6) -> Bool {
    guard let v = cell?.number else { return false }
    return abs(v - expected) < tolerance
}

@Suite struct DepartmentReportTests {
    let report = Fixtures.departmentReport
    var summary: ReportTable { report.tables[0] }
    var perYear: ReportTable { report.tables[1] }

    @Test func departmentsOrderedByGrants() {
        #expect(summary.rows.map { $0[0] } == [
            .text(Fixtures.information), .text(Fixtures.health), .text(Fixtures.management),
        ])
    }

    @Test func grantsAmountsAndShares() {
        let (h, f, g) = (Fixtures.health, Fixtures.information, Fixtures.management)
        #expect(summary.value(h, "Grants") == .integer(12))
        #expect(summary.value(f, "Grants") == .integer(15))
        #expect(summary.value(g, "Grants") == .integer(4))
        #expect(summary.value("Total", "Grants") == .integer(31))  // 2018 row ignored
        #expect(approx(summary.value(h, "Amount (万元)"), 600))
        #expect(approx(summary.value("Total", "Amount (万元)"), 1520))
        #expect(approx(summary.value(h, "Mean amount (万元)"), 50))
        #expect(approx(summary.value(f, "Mean amount (万元)"), 800.0 / 15))  // 53.33
        #expect(approx(summary.value("Total", "Mean amount (万元)"), 1520.0 / 31))  // 49.03
        #expect(approx(summary.value(h, "Share of grants"), 12.0 / 31))  // 38.7%
        #expect(approx(summary.value(f, "Share of grants"), 15.0 / 31))  // 48.4%
        #expect(approx(summary.value(g, "Share of grants"), 4.0 / 31))  // 12.9%
        #expect(approx(summary.value("Total", "Share of grants"), 1))
    }

    @Test func growthColumns() {
        let (h, f, g) = (Fixtures.health, Fixtures.information, Fixtures.management)
        // H 2,4,0,6: CAGR 3^(1/3) − 1 = 0.442250; YoY +1, −1, undefined → mean 0 over 2/3.
        #expect(approx(summary.value(h, "CAGR"), 0.442250))
        #expect(approx(summary.value(h, "Mean YoY"), 0))
        #expect(summary.value(h, "YoY defined") == .text("2/3"))
        // F 1,2,4,8: CAGR 1, mean YoY 1 over 3/3.
        #expect(approx(summary.value(f, "CAGR"), 1))
        #expect(approx(summary.value(f, "Mean YoY"), 1))
        #expect(summary.value(f, "YoY defined") == .text("3/3"))
        // G 0,1,1,2: CAGR undefined (first year 0); YoY undefined, 0, 1 → mean 0.5 over 2/3.
        #expect(summary.value(g, "CAGR") == .percent(nil))
        #expect(approx(summary.value(g, "Mean YoY"), 0.5))
        // Total 3,7,5,16: CAGR (16/3)^(1/3) − 1 = 0.747161; mean YoY 1.082540.
        #expect(approx(summary.value("Total", "CAGR"), 0.747161))
        #expect(approx(summary.value("Total", "Mean YoY"), 1.082540))
    }

    @Test func outputsAndLag() {
        let (h, f, g) = (Fixtures.health, Fixtures.information, Fixtures.management)
        #expect(summary.value(h, "Linked papers") == .integer(36))
        #expect(summary.value("Total", "Linked papers") == .integer(70))
        #expect(summary.value("Total", "NI papers") == .integer(8))
        #expect(approx(summary.value(h, "Papers per grant"), 3))
        #expect(approx(summary.value(f, "Papers per ¥1M"), 30.0 / 8))  // 3.75
        #expect(approx(summary.value(g, "Papers per ¥1M"), 4.0 / 1.2))  // 3.33
        #expect(approx(summary.value("Total", "Papers per ¥1M"), 70.0 / 15.2))  // 4.61
        #expect(approx(summary.value(h, "Median lag (years)"), 2))  // 0,1,2,2,2,3
        #expect(approx(summary.value(f, "Median lag (years)"), 2.5))  // 1,2,3,4
        #expect(summary.value(g, "Median lag (years)") == .decimal(nil))
        #expect(approx(summary.value("Total", "Median lag (years)"), 2))  // 0,1,1,2,2,2,2,3,3,4
    }

    @Test func perYearTableAndChart() throws {
        #expect(perYear.columns.map(\.name) == [
            "Year", Fixtures.information, Fixtures.health, Fixtures.management, "Total", "YoY growth (total)",
        ])
        #expect(perYear.rows.map { $0[4] } == [.integer(3), .integer(7), .integer(5), .integer(16)])
        #expect(perYear.rows[0][5] == .empty)
        #expect(approx(perYear.rows[1][5], 4.0 / 3))
        #expect(approx(perYear.rows[2][5], -2.0 / 7))
        #expect(approx(perYear.rows[3][5], 2.2))
        #expect(perYear.rows[0][3] == .integer(0))  // G has no 2019 row
        #expect(perYear.totals == [.text("Total"), .integer(15), .integer(12), .integer(4), .integer(31), .empty])
        let chart = try #require(report.charts.first)
        #expect(chart.kind == .stackedBar && chart.tableIndex == 1)
        #expect(chart.categories == ["2019", "2020", "2021", "2022"])
        #expect(chart.series.map(\.values) == [[1, 2, 4, 8], [2, 4, 0, 6], [0, 1, 1, 2]])
        #expect(chart.series.map(\.tableColumn) == [1, 2, 3])
        #expect(report.notes.contains { $0.hasPrefix("CAGR = (x_last / x_first)^(1/(n_years − 1)) − 1") })
    }

    @Test func zeroYearMakesNextYoYUndefined() {
        let t = Fixtures.zeroYearReport.tables[1]
        #expect(t.rows.map { $0[2] } == [.integer(2), .integer(0), .integer(3)])
        #expect(t.rows[1][3] == .percent(-1))
        #expect(t.rows[2][3] == .percent(nil))
    }
}

@Suite struct FunderReportTests {
    let report = Fixtures.funderReport

    @Test func perYearTable() {
        let t = report.tables[0]
        #expect(t.columns.map(\.name) == [
            "Year", "NSFC papers", "NSFC NI papers", "National Key R&D papers", "National Key R&D NI papers",
            "Both papers", "Both NI papers",
        ])
        #expect(t.rows[0] == [.text("2019"), .integer(10), .integer(1), .integer(0), .integer(0), .integer(2),
                              .integer(0)])
        #expect(t.totals == [.text("Total"), .integer(100), .integer(7), .integer(25), .integer(4), .integer(14),
                             .integer(2)])
    }

    @Test func growthTable() {
        let g = report.tables[1]
        // NSFC: NI share 7/100; CAGR papers 4^(1/3) − 1 = 0.587401; NI 1,0,2,4 → CAGR 0.587401,
        // YoY −1, undefined, +1 → mean 0 over 2/3.
        #expect(approx(g.value("NSFC", "NI share"), 0.07))
        #expect(approx(g.value("NSFC", "CAGR (papers)"), 0.587401))
        #expect(approx(g.value("NSFC", "CAGR (NI papers)"), 0.587401))
        #expect(approx(g.value("NSFC", "Mean YoY (NI papers)"), 0))
        #expect(g.value("NSFC", "YoY defined") == .text("2/3"))
        // Key R&D: first year 0 → both CAGRs undefined; NI 0,1,1,2 → mean (0 + 1)/2 = 0.5.
        #expect(g.value("National Key R&D", "CAGR (papers)") == .percent(nil))
        #expect(approx(g.value("National Key R&D", "Mean YoY (NI papers)"), 0.5))
        // Both: NI share 2/14 = 0.142857; NI 0,1,0,1 → only 1 → 0 defined = −1.
        #expect(approx(g.value("Both", "NI share"), 2.0 / 14))
        #expect(approx(g.value("Both", "Mean YoY (NI papers)"), -1))
        #expect(g.value("Both", "YoY defined") == .text("1/3"))
    }

    @Test func charts() {
        #expect(report.charts.map(\.kind) == [.line, .line])
        #expect(report.charts[0].series.map(\.name) == ["NSFC", "National Key R&D", "Both"])
        #expect(report.charts[0].series.map(\.values) == [[1, 0, 2, 4], [0, 1, 1, 2], [0, 1, 0, 1]])
        #expect(report.charts[1].series[2].values == [2, 4, 0, 8])
        #expect(report.charts[0].series.map(\.tableColumn) == [2, 4, 6])
    }

    @Test func unknownFundersFollowKnownOnes() {
        let r = FunderReport.build(
            aggregates: [.init(funder: "Other", year: 2019, papers: 1, natureIndexPapers: 0)],
            context: Fixtures.context())
        #expect(r.tables[1].rows.map { $0[0] } == [.text("NSFC"), .text("National Key R&D"), .text("Both"),
                                                    .text("Other")])
    }
}

@Suite struct GrantOutputReportTests {
    @Test(arguments: [
        (GrantOutputReport.Sort.papers, ["82072019", "61972001", "72074001"]),
        (.number, ["61972001", "72074001", "82072019"]),
        (.amount, ["82072019", "72074001", "61972001"]),
        (.year, ["61972001", "72074001", "82072019"]),
    ])
    func sorting(sort: GrantOutputReport.Sort, expected: [String]) {
        let r = GrantOutputReport.build(rows: Fixtures.grants, context: Fixtures.context(), sort: sort)
        #expect(r.tables[0].rows.map { $0[0] } == expected.map { .text($0) })
    }

    @Test func givenTotalsCoverGrantsNotShown() throws {
        let totals = GrantOutputReport.Totals(grants: 10, amountYuan: 2_000_000, amountsKnown: 9, papers: 40, niPapers: 5)
        let r = GrantOutputReport.build(rows: Array(Fixtures.grants.prefix(2)), context: Fixtures.context(), sort: .number,
                                        totals: totals)
        let t = r.tables[0]
        #expect(t.rows.count == 2)
        let sums = try #require(t.totals)
        #expect(sums[0] == .text("Total (10 grants)"))
        #expect(approx(sums[6], 200))
        #expect(sums[7] == .integer(40))
        #expect(sums[8] == .integer(5))
        #expect(r.notes.contains("Amounts are in 万元 (10,000 yuan); the total sums the 9 known amounts."))
        #expect(r.notes.contains("Showing the first 2 of 10 grants; the totals are those of all of them."))
        #expect(!Fixtures.grantReport.notes.contains { $0.hasPrefix("Showing") })
    }

    @Test func totalsAndUnknownAmount() throws {
        let t = Fixtures.grantReport.tables[0]
        let totals = try #require(t.totals)
        #expect(totals[0] == .text("Total (3 grants)"))
        #expect(approx(totals[6], 103))  // (550,000 + 480,000) / 10,000
        #expect(totals[7] == .integer(7))
        #expect(t.value("61972001", "Amount (万元)") == .empty)
    }
}

@Suite struct DepartmentReportCountByPaperTests {
    let report = DepartmentReport.build(aggregates: Fixtures.departments, context: Fixtures.context(), countBy: .paper)

    @Test func sharesGrowthAndSeriesCountLinkedPapers() throws {
        let (summary, perYear) = (report.tables[0], report.tables[1])
        let (h, f, g) = (Fixtures.health, Fixtures.information, Fixtures.management)
        // Linked papers 2019–2022: H 10,20,0,6 (36); F 3,6,9,12 (30); G 0,1,1,2 (4); total 70.
        #expect(summary.rows.map { $0[0] } == [.text(h), .text(f), .text(g)], "ordered by linked papers")
        #expect(summary.value(h, "Grants") == .integer(12), "grant counts stay grant counts")
        #expect(approx(summary.value(h, "Share of linked papers"), 36.0 / 70))
        #expect(approx(summary.value(g, "Share of linked papers"), 4.0 / 70))
        #expect(approx(summary.value(h, "CAGR"), pow(0.6, 1.0 / 3) - 1))  // −15.7%
        #expect(approx(summary.value(h, "Mean YoY"), 0))  // +1, −1, undefined
        #expect(summary.value(h, "YoY defined") == .text("2/3"))
        #expect(approx(summary.value(f, "CAGR"), pow(4, 1.0 / 3) - 1))  // 58.7%
        #expect(approx(summary.value(f, "Mean YoY"), (1 + 0.5 + 1.0 / 3) / 3))
        #expect(summary.value(g, "CAGR") == .percent(nil))
        #expect(approx(summary.value("Total", "CAGR"), pow(20.0 / 13, 1.0 / 3) - 1))
        #expect(perYear.title == "Linked papers per department per year")
        #expect(perYear.rows.map { $0[4] } == [.integer(13), .integer(27), .integer(10), .integer(20)])
        let chart = try #require(report.charts.first)
        #expect(chart.yLabel == "Linked papers")
        #expect(chart.series.map(\.values) == [[10, 20, 0, 6], [3, 6, 9, 12], [0, 1, 1, 2]])
        #expect(report.notes.contains { $0.contains("count linked papers by publication year") })
    }
}
