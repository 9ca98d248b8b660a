import ArgumentParser
import Foundation
import GrantImport
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

        func validate() throws {
            if let encoding, TextEncoding(label: encoding) == nil {
                throw ValidationError("unknown encoding '\(encoding)' (use utf-8, utf-16le, utf-16be or gb18030)")
            }
        }

        func run() async throws {
            let db = try database.open()
            let catalog = try Diagnostics.run { try NatureIndexFlagger.catalog(db) }
            var summaries: [PaperImportSummary] = []
            var failures = 0
            for file in files {
                do {
                    let s = try PaperImportJob(file: file, format: format.paperFormat, encoding: encoding.flatMap(TextEncoding.init(label:)),
                                               catalog: catalog).run(into: db)
                    summaries.append(s)
                    if s.records == 0 { failures += 1 }
                } catch {
                    failures += 1
                    Diagnostics.error(error.localizedDescription)
                }
            }
            ImportSummaryPrinter.print(summaries, format: summary)
            if !noLink, summaries.contains(where: { $0.inserted + $0.merged > 0 }) {
                try Diagnostics.run { try LinkJob(database: db).run(quiet: false) }
            }
            if failures == files.count { throw ExitCode.failure }
        }
    }
}

enum PaperFormatArgument: String, ExpressibleByArgument, CaseIterable {
    case auto, wos, wosTab = "wos-tab", scopus, pubmed, cnki
    var paperFormat: PaperFormat? { self == .auto ? nil : PaperFormat(rawValue: rawValue) }
}
