import ArgumentParser
import Foundation
import GrantStore

extension GrantsCommand {
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Counts per funder, department and year, rejected rows, and the import batches.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "table or json.")
        var format: SummaryFormat = .table

        func run() async throws {
            let db = try database.open()
            let status = try Diagnostics.run { try db.status() }
            let order = ["funders", "departments", "years", "papers", "batches"]
            if format == .json {
                let parts = order.compactMap { key in status[key].map { "\"\(key)\": \(ListingPrinter.json($0))" } }
                Output.line("{" + parts.joined(separator: ", ") + "}")
                return
            }
            Output.line("Database: \(db.path)")
            for key in order {
                guard let listing = status[key] else { continue }
                Output.line()
                ListingPrinter.print(listing, format: .table, title: key.capitalized)
            }
        }
    }
}
