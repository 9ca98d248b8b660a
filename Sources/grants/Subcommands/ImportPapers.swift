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
                The format is detected by content, not extension. Each file is one transaction; broken records are \
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
        @Option(help: "Text encoding (default: detected).")
        var encoding: String?
        @Flag(help: "Do not link the new papers to grants.")
        var noLink = false
        @Option(help: "Summary format: table or json.")
        var summary: SummaryFormat = .table
        @Flag(help: "Parse and check the files, report records, rejects and Nature Index papers, and write nothing.")
        var dryRun = false

        func validate() throws {
            if let encoding, TextEncoding(label: encoding) == nil {
                throw ValidationError("unknown encoding '\(encoding)' (use utf-8, utf-16le, utf-16be or gb18030)")
            }
        }

        func run() async throws {
            // A dry run must not create a database; it uses the journal lists of one that exists.
            let db = dryRun && !FileManager.default.fileExists(atPath: database.path) ? nil : try database.open()
            let natureIndex = NatureIndexMemo(try Diagnostics.run {
                try db.map(NatureIndexFlagger.catalog) ?? NatureIndexCatalog.bundled()
            })
            var summaries: [PaperImportSummary] = []
            var failures = 0
            for file in files {
                do {
                    let job = PaperImportJob(file: file, format: format.paperFormat, encoding: encoding.flatMap(TextEncoding.init(label:)),
                                             natureIndex: natureIndex)
                    let s = try db.map { dryRun ? try job.check() : try job.run(into: $0) } ?? job.check()
                    summaries.append(s)
                    if s.records == 0 { failures += 1 }
                } catch {
                    failures += 1
                    Diagnostics.error(error.localizedDescription)
                }
            }
            ImportSummaryPrinter.print(summaries, format: summary, dryRun: dryRun)
            if !noLink, !dryRun, summaries.contains(where: { $0.inserted + $0.merged > 0 }) {
                try Diagnostics.run { try db.map { try LinkJob(database: $0).run(quiet: false) } }
            }
            if failures == files.count { throw ExitCode.failure }
        }
    }
}

enum PaperFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case auto, wos, wosTab = "wos-tab", scopus, pubmed, cnki
    var paperFormat: PaperFormat? { self == .auto ? nil : PaperFormat(rawValue: rawValue) }
}
