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
                // SQL sorts and keeps the first `limit` rows. CSV and JSON are written as the rows are read, so
                // no more than one row is held however many grants there are; the other formats go back over
                // the rows and get them all first.
                (q.grantOrder, q.grantLimit) = (sort, limit)
                let format = options.resolvedFormat
                try Diagnostics.run {
                    try db.withGrantOutputs(q) { totals, next in
                        let count = min(totals.grants, limit ?? Int.max)
                        var labels = SharedLabels()
                        guard !format.readsRowsOnce else {
                            // `next` lives as long as this closure, which outlasts the rendering.
                            return try withoutActuallyEscaping(next) { next in
                                let rows = StreamedRows { try next().map { labels.row($0) } }
                                let report = GrantOutputReport.build(count: count, row: rows.row, context: ctx,
                                                                     sort: sort, totals: totals)
                                try options.emit(report)
                                try rows.check(count: count)
                            }
                        }
                        var read: [GrantOutputRow] = []
                        read.reserveCapacity(count)
                        while let g = try next() { read.append(labels.row(g)) }
                        let rows = read
                        let report = GrantOutputReport.build(count: rows.count, row: { rows[$0] }, context: ctx,
                                                             sort: sort, totals: totals)
                        try options.emit(report)
                    }
                }
            }
        }
    }
}

/// Turns store rows into report rows, storing each distinct institution and department label once: they repeat
/// across 500k rows.
private struct SharedLabels {
    private var labels: [String: String] = [:], institutions: [String: String] = [:]

    mutating func row(_ g: GrantOutput) -> GrantOutputRow {
        GrantOutputRow(number: g.number, title: g.title ?? "", pi: g.pi ?? "",
                       institution: Self.shared(g.institution, in: &institutions),
                       department: Self.shared(g.department, in: &labels, DepartmentLabel.label(for:)), year: g.year ?? 0,
                       amountYuan: g.amountYuan, papers: g.papers, niPapers: g.natureIndexPapers,
                       firstYear: g.firstYear, lastYear: g.lastYear)
    }

    private static func shared(_ s: String?, in names: inout [String: String], _ make: (String) -> String = { $0 }) -> String {
        guard let s else { return "" }
        if let known = names[s] { return known }
        let value = make(s)
        names[s] = value
        return value
    }
}

/// Report rows read from the store as a renderer asks for them: once each, in order. A renderer cannot throw, so
/// a read error is kept and thrown by `check` once the report is written.
private final class StreamedRows: @unchecked Sendable {
    // Used only on the thread that renders, inside the store's read.
    private let next: () throws -> GrantOutputRow?
    private var taken = 0
    private var failure: (any Error)?

    init(_ next: @escaping () throws -> GrantOutputRow?) { self.next = next }

    func row(_ k: Int) -> GrantOutputRow {
        precondition(k == taken, "streamed rows are read once, in order")
        taken += 1
        do {
            if let row = try next() { return row }
        } catch {
            failure = failure ?? error
        }
        return GrantOutputRow(number: "", title: "", pi: "", institution: "", department: "", year: 0, amountYuan: nil,
                              papers: 0, niPapers: 0, firstYear: nil, lastYear: nil)
    }

    /// Throws the read error, if any. The renderer must have asked for every row.
    func check(count: Int) throws {
        if let failure { throw failure }
        precondition(taken == count, "the renderer read \(taken) of \(count) rows")
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

    /// `--format`, else table on a terminal and CSV otherwise.
    var resolvedFormat: ReportFormat { format ?? (Diagnostics.stdoutIsTerminal ? .table : .csv) }

    /// Writes the report to `--output` (html and xlsx default to `Reports/`) or stdout, a piece at a time for CSV
    /// and JSON.
    func emit(_ report: GrantReport.Report) throws {
        let fmt = resolvedFormat
        var path = output
        if path == nil, fmt == .html || fmt == .xlsx {
            let f = DateFormatter()
            f.dateFormat = "yyyy-MM-dd"
            f.timeZone = TimeZone(identifier: "UTC")
            path = "Reports/\(report.name)-\(f.string(from: report.context.generatedAt)).\(fmt.fileExtension)"
        }
        guard let path else { return try Diagnostics.run { try fmt.write(report, to: Output.write) } }
        try Diagnostics.run {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data().write(to: url)
            let file = try FileHandle(forWritingTo: url)
            defer { try? file.close() }
            var failure: (any Error)?
            try fmt.write(report) { piece in
                guard failure == nil else { return }
                do { try file.write(contentsOf: piece) } catch { failure = error }
            }
            if let failure { throw failure }
        }
        Diagnostics.note("wrote \(path)")
    }
}

extension ReportFormat: ExpressibleByArgument {}
extension ReportQuery.Dimension: ExpressibleByArgument {}
extension GrantOutputReport.Sort: ExpressibleByArgument {}
