import ArgumentParser
import Foundation

/// `--format` for listings: a table on a terminal, otherwise what the user asks.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}
