import Foundation
import GrantReport
import GrantStore

/// Prints a store listing as an aligned table (CJK-aware), Excel-ready CSV, or JSON.
enum ListingPrinter {
    static func print(_ listing: Listing, format: OutputFormat, title: String? = nil) {
        switch format {
        case .table:
            if let title { Output.line(title) }
            if listing.rows.isEmpty {
                Output.line("(none)")
                return
            }
            Output.line(TableRenderer().render(table(listing, title: nil)).dropFirst().joined(separator: "\n"))
        case .csv:
            Output.write(CSVRenderer().render(table(listing, title: title)))
        case .json:
            Output.line(json(listing))
        }
    }

    static func table(_ listing: Listing, title: String?) -> ReportTable {
        let kinds: [Column.Kind] = listing.columns.indices.map { i in
            let values = listing.rows.lazy.map { $0[i] }.filter { $0 != .null }
            if values.allSatisfy({ if case .integer = $0 { true } else { false } }), !values.isEmpty { return .integer }
            if values.allSatisfy({ if case .text = $0 { false } else { true } }), !values.isEmpty { return .decimal }
            return .text
        }
        let columns = zip(listing.columns, kinds).map { Column($0, $1) }
        let rows: [[Cell]] = listing.rows.map { row in
            row.map { v in
                switch v {
                case .text(let s): .text(s.replacingOccurrences(of: "\n", with: " "))
                case .integer(let i): .integer(i)
                case .real(let d): .decimal(d)
                case .null: .empty
                }
            }
        }
        return ReportTable(title: title ?? "", columns: columns, rows: rows)
    }

    static func json(_ listing: Listing) -> String {
        let objects: [[String: Any]] = listing.rows.map { row in
            var o: [String: Any] = [:]
            for (c, v) in zip(listing.columns, row) {
                switch v {
                case .text(let s): o[c] = s
                case .integer(let i): o[c] = i
                case .real(let d): o[c] = d
                case .null: o[c] = NSNull()
                }
            }
            return o
        }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
