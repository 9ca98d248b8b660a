import ArgumentParser
import Foundation
import GrantImport
import GrantModel
import GrantStore
import GrantTabular

extension GrantsCommand {
    struct ImportPapers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "papers",
            abstract: "Import paper exports: Web of Science (plain text, tab-delimited), Scopus CSV, PubMed MEDLINE, CNKI.",
            discussion: """
                The format is detected by content, not extension. The command is one transaction (a kill leaves the \
                database as it was) and each file is rolled back alone if it cannot be read. Broken records are \
                reported with file and line, kept in the reject table, and the rest of the file imports. The same paper \
                from several exports or sources is merged (DOI, then UT/EID/PMID, then title + year). Papers in Nature \
                Index journals (list in force in the publication year) are flagged. Linking runs afterwards unless --no-link.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Export files.")
        var files: [String]
        @Option(help: "auto, wos, wos-tab, scopus, pubmed or cnki.")
        var format: PaperFormatArgument = .auto
        @Option(help: "Text encoding, also as GBK or cp936 (default: detected).")
        var encoding: TextEncoding?
        @Flag(help: "Do not link the new papers to grants.")
        var noLink = false
        @Option(help: "Summary format: table or json.")
        var summary: SummaryFormat = .table
        @Flag(help: "Parse and check the files, report records, rejects and Nature Index papers, and write nothing.")
        var dryRun = false

        func run() async throws {
            // A dry run must not create a database; it uses the journal lists of one that exists.
            let db = dryRun && !FileManager.default.fileExists(atPath: database.path) ? nil : try database.open()
            let catalog = try Diagnostics.run { try db.map(NatureIndexFlagger.catalog) ?? NatureIndexCatalog.bundled() }
            let outcomes: [Result<PaperImportSummary, any Error>]
            if let db, !dryRun {
                let natureIndex = NatureIndexMemo(catalog)
                outcomes = try Diagnostics.run {
                    try db.inImportTransaction { transaction in
                        try PaperImportJob.store(files.map { job($0, natureIndex, showsProgress: true) }, into: db,
                                             transaction: transaction)
                    }
                }
            } else {
                outcomes = check(catalog)
            }
            var summaries: [PaperImportSummary] = []
            var failures = 0
            for outcome in outcomes {
                switch outcome {
                case .success(let s):
                    summaries.append(s)
                    if s.records == 0 { failures += 1 }
                case .failure(let error):
                    failures += 1
                    Diagnostics.error(error.localizedDescription)
                }
            }
            ImportSummaryPrinter.print(summaries, format: summary, dryRun: dryRun)
            if let db, !noLink, !dryRun, summaries.contains(where: { $0.inserted + $0.merged > 0 }) {
                try Diagnostics.run { try LinkJob(database: db).run(quiet: false) }
            }
            if failures == files.count { throw ExitCode.failure }
        }

        private func job(_ file: String, _ natureIndex: NatureIndexMemo, showsProgress: Bool) -> PaperImportJob {
            PaperImportJob(file: file, format: format.paperFormat, encoding: encoding,
                           natureIndex: natureIndex, showsProgress: showsProgress)
        }

        /// Checks every file without writing. Files are independent then, so they are parsed on every core, each
        /// worker with its own Nature Index memo; results come back in the order the files were given.
        private func check(_ catalog: NatureIndexCatalog) -> [Result<PaperImportSummary, any Error>] {
            // One bar per file would interleave on the terminal when several run at once.
            let showsProgress = files.count == 1 || ProcessInfo.processInfo.activeProcessorCount == 1
            let command = self
            return parallelMap(files) {
                let natureIndex = NatureIndexMemo(catalog)
                return { file in Result { try command.job(file, natureIndex, showsProgress: showsProgress).check() } }
            }
        }
    }
}

enum PaperFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case auto, wos, wosTab = "wos-tab", scopus, pubmed, cnki
    var paperFormat: PaperFormat? { self == .auto ? nil : PaperFormat(rawValue: rawValue) }
}
