import ArgumentParser
import Foundation
import GrantModel
import GrantStore

extension GrantsCommand {
    struct Journals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nature Index journal lists: list them, or add a newer list without a new release.",
            subcommands: [ListLists.self, ImportList.self], defaultSubcommand: ListLists.self)

        struct ListLists: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "The lists and the years each is in force.")
            @OptionGroup var database: DatabaseOptions
            @Option(help: "table, csv or json.") var format: OutputFormat = .table
            @Flag(help: "Also list the journals of each list.") var journals = false

            func run() async throws {
                let catalog = try Diagnostics.run { try NatureIndexFlagger.catalog(try database.open()) }
                var rows: [[Listing.Value]] = []
                for l in catalog.lists() {
                    rows.append([.text(l.name), .integer(Int64(l.fromYear)), l.toYear.map { .integer(Int64($0)) } ?? .text("—"), .integer(Int64(l.count))])
                }
                ListingPrinter.print(Listing(columns: ["list", "from", "to", "journals"], rows: rows), format: format)
                guard journals else { return }
                for l in catalog.lists() {
                    let js = catalog.journals(inForce: l.fromYear)
                    ListingPrinter.print(Listing(columns: ["journal", "issn", "eissn", "subject"], rows: js.map {
                        [.text($0.name), $0.issn.map { .text($0) } ?? .null, $0.eissn.map { .text($0) } ?? .null, $0.subject.map { .text($0) } ?? .null]
                    }), format: format, title: "\n\(l.name)")
                }
            }
        }

        struct ImportList: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "import",
                abstract: "Add a journal list (CSV: name[,issn,eissn,subject]) in force from a year; re-flags every paper.")
            @OptionGroup var database: DatabaseOptions
            @Argument(help: "CSV file.") var file: String
            @Option(help: "First publication year the list applies to.") var fromYear: Int

            func run() async throws {
                let db = try database.open()
                let flagged = try Diagnostics.run { () -> Int in
                    let csv: String
                    do { csv = try String(contentsOfFile: file, encoding: .utf8) } catch {
                        throw ModelError.journalListUnreadable(file: file, reason: fileErrorReason(error))
                    }
                    var catalog = try NatureIndexFlagger.catalog(db)
                    try catalog.addList(csv: csv, fromYear: fromYear)
                    try db.addJournalList(csv: csv, fromYear: fromYear)
                    return try db.reflagNatureIndex { issn, eissn, journal, abbreviations, year in
                        NatureIndexFlagger.flag(catalog, issn: issn, eissn: eissn, journal: journal, abbreviations: abbreviations, year: year)
                    }
                }
                Output.line("added the list in force from \(fromYear); \(flagged) papers are now flagged Nature Index")
            }
        }
    }

    struct Topics: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the topic presets for --topic, with their rules.")

        func run() async throws {
            for t in TopicFilter.presets() {
                Output.line("\(t.name): \(t.description)")
                t.summary.forEach { Output.line("  " + $0) }
                Output.line()
            }
        }
    }
}
