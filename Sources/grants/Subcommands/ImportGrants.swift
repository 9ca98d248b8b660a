import ArgumentParser
import Foundation
import GrantImport
import GrantModel
import GrantStore
import GrantTabular

extension GrantsCommand {
    struct ImportGrants: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grants",
            abstract: "Import NSFC or National Key R&D grant lists (CSV, XLSX, XLS).",
            discussion: """
                The command is one transaction: a kill leaves the database as it was, and a file that cannot be read is \
                rolled back alone while the others are kept. Re-importing the same \
                file changes nothing; a newer version of a list updates changed fields and keeps the old values in \
                grantHistory. Rejected rows are kept in the reject table (see `grants list rejects`).
                Exit status: 0 if any row was imported (or was already there), 1 if nothing could be, 2 on usage errors.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Grant list files (.csv, .tsv, .txt, .xlsx, .xls); the format is detected by content.")
        var files: [String]
        @Option(help: "Funder of the list: nsfc, nkrdpc, or auto (decided per row from the number's format).")
        var funder: FunderMode = .auto
        @Option(help: "Worksheet to read (XLSX/XLS; default: the first).")
        var sheet: String?
        @Option(help: "Text encoding, also as GBK or cp936 (default: detected).")
        var encoding: TextEncoding?
        @Option(name: .customLong("map"), help: ArgumentHelp("Map a column: 'Header=field' (fields: \(GrantField.allCases.map(\.rawValue).joined(separator: ", ")), ignore). Repeatable.", valueName: "Header=field"))
        var mappings: [String] = []
        @Option(help: "Unit of the amount column when its header does not say: 万元 (wan) or 元 (yuan).")
        var amountUnit: AmountUnitArgument?
        @Flag(help: "Make any rejected row fatal: the file is not imported.")
        var strict = false
        @Flag(help: "Do not link papers to the new grants after importing.")
        var noLink = false
        @Option(help: "Summary format: table or json.")
        var summary: SummaryFormat = .table
        /// The option's first name; `import papers` needs `--format` for the export format, so both imports say
        /// `--summary` now, and scripts written for the old name keep working.
        @Option(name: .customLong("format"), help: .hidden)
        var legacySummary: SummaryFormat?

        func run() async throws {
            let db = try database.open()
            var summaries: [ImportSummary] = []
            var failures = 0
            try Diagnostics.run {
                try db.inImportTransaction { transaction in
                    for file in files {
                        do {
                            let summary = try GrantImportJob(
                                file: file, funder: funder, sheet: sheet, encoding: encoding,
                                mappings: mappings, amountUnit: amountUnit?.unit, strict: strict
                            ).run(into: db, transaction: transaction)
                            summaries.append(summary)
                            if summary.inserted + summary.updated + summary.unchanged + summary.duplicatesInFile == 0 { failures += 1 }
                        } catch {
                            failures += 1
                            Diagnostics.error(error.localizedDescription)
                        }
                    }
                }
            }
            ImportSummaryPrinter.print(summaries, format: legacySummary ?? summary)
            if !noLink, summaries.contains(where: { $0.inserted + $0.updated > 0 }) {
                try LinkJob(database: db).run(quiet: true)
            }
            if failures == files.count { throw ExitCode.failure }
        }
    }
}

enum AmountUnitArgument: String, ExpressibleByArgument, CaseIterable {
    case wan, yuan, 万元, 元
    var unit: HeaderMapping.AmountUnit { self == .wan || self == .万元 ? .wan : .yuan }
}

enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

extension FunderMode: ExpressibleByArgument {}
