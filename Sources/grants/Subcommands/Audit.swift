import ArgumentParser
import Foundation
import GrantLink
import GrantModel
import GrantStore

extension GrantsCommand {
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Checks to run before reporting: malformed numbers, grants absent from the lists, probable typos, implausible timing, NSFC not named first.",
            discussion: """
                NSFC counts a paper as a project output only when it cites the approval number correctly with NSFC \
                listed first among funders. With --texts FILE, audits acknowledgment texts (plain lines or JSONL with \
                "id" and "text") directly, without a database: malformed numbers and NSFC-not-first.
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Audit these acknowledgment texts instead of the database.") var texts: String?
        @Option(help: "At most this many rows per check.") var limit: Int?
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() async throws {
            let sections: [(name: String, listing: Listing)]
            if let texts {
                sections = try Diagnostics.run { try TextAudit.run(path: texts) }
            } else {
                sections = try Diagnostics.run { try database.open().audit(limit: limit) }
            }
            if format == .json {
                Output.line("{" + sections.map { "\"\($0.name)\": \(ListingPrinter.json($0.listing))" }.joined(separator: ", ") + "}")
                return
            }
            for (i, s) in sections.enumerated() {
                if i > 0, format == .table { Output.line() }
                ListingPrinter.print(s.listing, format: format, title: "\(s.name): \(s.listing.rows.count)")
            }
        }
    }
}

/// Audits acknowledgment texts without a database, with the same extractor the linker uses.
enum TextAudit {
    static func run(path: String) throws -> [(name: String, listing: Listing)] {
        let extractor = AcknowledgmentExtractor()
        var malformed: [[Listing.Value]] = []
        var notFirst: [[Listing.Value]] = []
        try AcknowledgmentInput.forEach(path: path) { id, text in
            let mentions = extractor.extract(text)
            for m in mentions where !m.valid && (m.funder == .nsfc || m.funder == .nkrdpc) {
                malformed.append([.text(id), .text(m.funder.rawValue), .text(m.raw), .text(m.note ?? "")])
            }
            if let first = mentions.filter({ $0.funder == .nsfc }).map(\.position).min(), first > 1 {
                let firstName = mentions.first(where: { $0.position == 1 })?.funderText ?? ""
                notFirst.append([.text(id), .integer(Int64(first)), .text(firstName)])
            }
        }
        return [
            ("malformed numbers", Listing(columns: ["id", "funder", "raw", "note"], rows: malformed)),
            ("NSFC not the first funder named", Listing(columns: ["id", "nsfcPosition", "firstFunder"], rows: notFirst)),
        ]
    }
}
