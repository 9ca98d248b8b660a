import ArgumentParser
import Foundation
import GrantModel
import GrantReport
import GrantStore

extension GrantsCommand {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Department, funder and per-grant reports: table, csv, json, md, html (with charts) or xlsx.",
            subcommands: [Departments.self, Funders.self, Grants.self])

        struct Departments: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Per department and year: grants, amounts, shares, growth (CAGR and mean YoY), and output.",
                discussion: "Grants count in their approval year, papers in their publication year. Key R&D sub-projects roll up to their project.")
            @OptionGroup var options: ReportOptions
            @Option(help: "Group by department (NSFC 科学部 / Key R&D programme), institution, type, or school (needs `grants import roster`).")
            var by: ReportQuery.Dimension = .department

            func run() async throws {
                let (db, q, ctx) = try options.prepare(title: "Grants and output per \(by.rawValue)", dimension: by)
                let rows = try Diagnostics.run { try db.departmentYears(q) }
                let aggregates = rows.map { r in
                    DepartmentYearAggregate(
                        department: by == .department ? DepartmentLabel.label(for: r.department) : r.department,
                        year: r.year, grants: r.grants, amountYuan: r.amountYuan, linkedPapers: r.linkedPapers,
                        natureIndexPapers: r.natureIndexPapers,
                        lagYears: r.lagHistogram.sorted { $0.key < $1.key }.flatMap { Array(repeating: $0.key, count: $0.value) })
                }
                try options.emit(DepartmentReport.build(aggregates: aggregates, context: ctx,
                                                        countBy: options.countBy == .paper ? .paper : .grant))
            }
        }

        struct Funders: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Papers (all, and Nature Index only) citing NSFC, the National Key R&D Program, and both, per year.",
                discussion: "Counted from the acknowledgments' mentions, so it works without any grant list.")
            @OptionGroup var options: ReportOptions

            func run() async throws {
                var (db, q, ctx) = try options.prepare(title: "Papers per funder per year", dimension: .department)
                // Papers count in their publication year, from their acknowledgments' mentions.
                ctx.countBy = "paper (publication year)"
                ctx.filters = ctx.filters.filter { !$0.hasPrefix("links of") }
                ctx.filters.append("the NSFC and National Key R&D rows each include the papers citing both")
                let rows = try Diagnostics.run { try db.funderYears(q) }
                let aggregates = rows.flatMap { r in
                    [FunderYearAggregate(funder: FunderYearAggregate.nsfc, year: r.year, papers: r.nsfc, natureIndexPapers: r.nsfcNI),
                     FunderYearAggregate(funder: FunderYearAggregate.keyRD, year: r.year, papers: r.keyRD, natureIndexPapers: r.keyRDNI),
                     FunderYearAggregate(funder: FunderYearAggregate.both, year: r.year, papers: r.both, natureIndexPapers: r.bothNI)]
                }
                try options.emit(FunderReport.build(aggregates: aggregates, context: ctx))
            }
        }

        struct Grants: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Per-grant output: papers, NI papers, first and last year.")
            @OptionGroup var options: ReportOptions
            @Option(help: "Only this department code (A–H, T, MRP, JOINT, YFA…).") var department: String?
            @Option(help: "Only this PI.") var pi: String?
            @Option(help: "Sort by: \(GrantOutputReport.Sort.allCases.map(\.rawValue).joined(separator: ", ")).")
            var sort: GrantOutputReport.Sort = .papers
            @Option(help: "At most this many grants (after sorting); the totals still cover every grant.") var limit: Int?

            func validate() throws {
                if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
            }

            func run() async throws {
                var (db, q, ctx) = try options.prepare(title: "Output per grant", dimension: .department)
                (q.department, q.pi) = (department, pi)
                if let department { ctx.filters.append("department \(department)") }
                if let pi { ctx.filters.append("PI \(pi)") }
                // With a limit, SQL sorts and keeps the first rows, so the others are never read as strings.
                if let limit { (q.grantOrder, q.grantLimit) = (sort, limit) }
                try options.emit(try build(db, q, ctx))
            }

            /// The report. At 500k grants only one copy of the rows is held: they stream from the store into compact
            /// rows, and the table's cells are made from those as they are rendered (`TableRows`).
            private func build(_ db: GrantDatabase, _ q: ReportQuery, _ ctx: ReportContext) throws -> GrantReport.Report {
                var rows: [GrantOutputRow] = []
                // Departments and institutions repeat across 500k rows: each distinct one is stored once.
                var labels: [String: String] = [:], institutions: [String: String] = [:]
                func shared(_ s: String?, in names: inout [String: String], _ make: (String) -> String = { $0 }) -> String {
                    guard let s else { return "" }
                    if let known = names[s] { return known }
                    let value = make(s)
                    names[s] = value
                    return value
                }
                let totals = try Diagnostics.run {
                    try db.forEachGrantOutput(q) { g in
                        rows.append(GrantOutputRow(
                            number: g.number, title: g.title ?? "", pi: g.pi ?? "",
                            institution: shared(g.institution, in: &institutions),
                            department: shared(g.department, in: &labels, DepartmentLabel.label(for:)), year: g.year ?? 0,
                            amountYuan: g.amountYuan, papers: g.papers, niPapers: g.natureIndexPapers,
                            firstYear: g.firstYear, lastYear: g.lastYear))
                    }
                }
                // The reading connection's page cache is no use once the rows are read.
                db.releaseMemory()
                return GrantOutputReport.build(rows: rows, context: ctx, sort: sort, totals: totals)
            }
        }
    }
}

/// Options every report takes.
struct ReportOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @Option(help: "First year (default: the earliest in the data).") var from: Int?
    @Option(help: "Last year (default: the latest in the data).") var to: Int?
    @Option(help: "nsfc or nkrdpc (default: both).") var funder: String?
    @Option(help: "Count links of at least this confidence: high, medium or low.") var minConfidence: Confidence = .medium
    @Option(help: "What department shares, growth and the per-year table count: grants (approval year) or linked papers (publication year).")
    var countBy: CountBy = .grant
    @Option(help: "A topic preset (see `grants topics`), e.g. medical-ai.") var topic: String?
    @Option(help: "A topic file (JSON, see README).") var topicFile: String?
    @Option(help: "table, csv, json, md, html or xlsx (default: table on a terminal, csv otherwise).") var format: ReportFormat?
    @Option(help: "Write here instead of stdout (html and xlsx default to Reports/<name>-<date>.<ext>).") var output: String?

    enum CountBy: String, ExpressibleByArgument, CaseIterable { case grant, paper }

    func validate() throws {
        if topic != nil, topicFile != nil { throw ValidationError("give --topic or --topic-file, not both") }
        if let from, let to, from > to { throw ValidationError("--from \(from) is after --to \(to)") }
        if let f = funder, f != "nsfc", f != "nkrdpc" { throw ValidationError("--funder must be nsfc or nkrdpc") }
    }

    func prepare(title: String, dimension: ReportQuery.Dimension) throws -> (GrantDatabase, ReportQuery, ReportContext) {
        // The topic is checked first: a bad topic file is the user's to fix whatever the store holds.
        let topicFilter = try Diagnostics.run {
            try topicFile.map { try TopicFilter(contentsOf: URL(fileURLWithPath: $0)) } ?? topic.map(TopicFilter.preset(named:))
        }
        let db = try database.open()
        let range = try Diagnostics.run { () throws -> ClosedRange<Int> in
            if let from, let to { return from...to }
            // An empty store has no period: a report of "year 0" would look like data.
            guard let r = try db.yearRange() else {
                throw StoreError.notFound(what: "no grants or papers with a year in \(db.path); import some first, or give --from and --to")
            }
            return r
        }
        let lo = from ?? range.lowerBound, hi = to ?? range.upperBound
        var q = ReportQuery(from: lo, to: hi)
        (q.funder, q.minConfidence, q.dimension) = (funder, minConfidence, dimension)
        var filters: [String] = []
        if let funder { filters.append("funder \(funder)") }
        filters.append("links of \(minConfidence.rawValue) confidence or better")
        if let t = topicFilter {
            q.grantTopic = { t.matchesGrant(department: $0, title: $1, keywords: $2, abstract: $3) }
            q.paperTopic = { t.matchesPaper(title: $0, keywords: $1, abstract: $2) }
            filters.append(t.summary.joined(separator: "; "))
        }
        var sources = ["database \(db.path)"]
        if let imported = try? db.importedFiles() {
            var files: [String: [String]] = [:]
            for (kind, file) in imported { files[kind, default: []].append((file as NSString).lastPathComponent) }
            // Name a few files per kind; a long list of exports would drown the report header.
            for (kind, names) in files.sorted(by: { $0.key < $1.key }) {
                let shown = names.prefix(4).joined(separator: ", ")
                sources.append("\(kind): \(shown)\(names.count > 4 ? " and \(names.count - 4) more files" : "")")
            }
        }
        let ctx = ReportContext(title: title, generatedAt: Self.now(), dataSources: sources, filters: filters,
                                fromYear: lo, toYear: hi, countBy: countBy == .grant ? "grant (approval year)" : "paper (publication year)")
        return (db, q, ctx)
    }

    /// The report time; `GRANTS_NOW` (ISO 8601) pins it so reports can be byte-identical in tests.
    static func now() -> Date {
        if let s = ProcessInfo.processInfo.environment["GRANTS_NOW"], let d = ISO8601DateFormatter().date(from: s) { return d }
        return Date()
    }

    /// Renders the report to `--output`, to Reports/ for html and xlsx, or to stdout.
    func emit(_ report: GrantReport.Report) throws {
        let fmt = format ?? (Diagnostics.stdoutIsTerminal ? .table : .csv)
        let data = try Diagnostics.run { try fmt.render(report) }
        var path = output
        if path == nil, fmt == .html || fmt == .xlsx {
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd"
            f.timeZone = TimeZone(identifier: "UTC")
            path = "Reports/\(report.name)-\(f.string(from: report.context.generatedAt)).\(fmt.fileExtension)"
        }
        guard let path else { return Output.write(data) }
        try Diagnostics.run {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        Diagnostics.note("wrote \(path)")
    }
}

extension ReportFormat: ExpressibleByArgument {}
extension ReportQuery.Dimension: ExpressibleByArgument {}
extension GrantOutputReport.Sort: ExpressibleByArgument {}
