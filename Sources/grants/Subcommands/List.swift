import ArgumentParser
import Foundation
import GrantModel
import GrantStore

extension GrantsCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List grants, papers, links or rejected rows.",
            subcommands: [Grants.self, Papers.self, Links.self, Rejects.self])

        struct Grants: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List imported grants.")
            @OptionGroup var database: DatabaseOptions
            @Option(help: "nsfc or nkrdpc.") var funder: String?
            @Option(help: "Department code: A–H, T, MRP, JOINT, or YFA…YFF.") var department: String?
            @Option(help: "Approval year.") var year: Int?
            @Option(help: "Institution (substring).") var institution: String?
            @Option(help: "Funding type (substring), e.g. 面上.") var type: String?
            @Option(help: "Text in title, keywords, abstract, PI or number.") var search: String?
            @Option(help: "At most this many rows.") var limit: Int?
            @Option(help: "table, csv or json (default: table).") var format: OutputFormat = .table

            func run() async throws {
                var q = GrantDatabase.GrantQuery()
                (q.funder, q.department, q.year, q.institution, q.type, q.search, q.limit) =
                    (funder, department, year, institution, type, search, limit)
                let listing = try Diagnostics.run { try database.open().grants(q) }
                ListingPrinter.print(listing, format: format)
            }
        }

        struct Papers: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List imported papers.")
            @OptionGroup var database: DatabaseOptions
            @Option(help: "Publication year.") var year: Int?
            @Option(help: "Journal (substring).") var journal: String?
            @Flag(help: "Only papers in Nature Index journals.") var ni = false
            @Flag(help: "Only papers merged from more than one record (shows where each came from).") var duplicates = false
            @Option(help: "Text in title, keywords or abstract.") var search: String?
            @Option(help: "At most this many rows.") var limit: Int?
            @Option(help: "table, csv or json.") var format: OutputFormat = .table

            func run() async throws {
                var q = GrantDatabase.PaperQuery()
                (q.year, q.journal, q.natureIndexOnly, q.duplicatesOnly, q.search, q.limit) = (year, journal, ni, duplicates, search, limit)
                let listing = try Diagnostics.run { try database.open().papers(q) }
                ListingPrinter.print(listing, format: format)
            }
        }

        struct Links: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List every grant–paper link with its confidence and evidence.")
            @OptionGroup var database: DatabaseOptions
            @Option(help: "high, medium or low.") var minConfidence: Confidence = .low
            @Option(help: "table, csv or json.") var format: OutputFormat = .table

            func run() async throws {
                let listing = try Diagnostics.run { try database.open().links(minConfidence: minConfidence) }
                ListingPrinter.print(listing, format: format)
            }
        }

        struct Rejects: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List rejected rows and records with file, row or line, and reason.")
            @OptionGroup var database: DatabaseOptions
            @Option(help: "grant or paper.") var kind: String?
            @Option(help: "table, csv or json.") var format: OutputFormat = .table

            func run() async throws {
                let listing = try Diagnostics.run { try database.open().rejects(kind: kind) }
                ListingPrinter.print(listing, format: format)
            }
        }
    }
}

extension Confidence: ExpressibleByArgument {}
