import ArgumentParser
import Foundation

/// `--format` for listings: a table on a terminal, otherwise what the user asks.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}


extension ExpressibleByArgument where Self: CaseIterable & RawRepresentable, RawValue == String {
    static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
