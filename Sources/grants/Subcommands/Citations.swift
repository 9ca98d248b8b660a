import ArgumentParser
import Foundation
import GrantModel
import GrantStore

extension GrantsCommand {
    struct Papers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Which papers cite this grant, with confidence and the text span.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Grant number, e.g. 71273117 or 2016YFC0901000.") var number: String
        @Option(help: "high, medium or low (default: low, i.e. all).") var minConfidence: Confidence = .low
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() async throws {
            let listing = try Diagnostics.run { try database.open().papersCiting(number: number, minConfidence: minConfidence) }
            ListingPrinter.print(listing, format: format)
        }
    }

    struct Cites: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Which grants a paper cites, in acknowledgment order, with evidence.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "WoS UT, DOI, PMID or Scopus EID.") var paper: String
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() async throws {
            let db = try database.open()
            let listing = try Diagnostics.run { try db.cites(paperId: try db.paperId(for: paper)) }
            ListingPrinter.print(listing, format: format)
        }
    }

    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a paper's funding texts with mentions highlighted, and why each was or was not linked.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "WoS UT, DOI, PMID or Scopus EID.") var paper: String
        @Flag(help: "Never use colours.") var noColor = false

        func run() async throws {
            let db = try database.open()
            let e = try Diagnostics.run { try db.explain(paperId: try db.paperId(for: paper)) }
            let color = Diagnostics.stdoutIsTerminal && !noColor
            Output.line("\(e.key)  \(e.year.map(String.init) ?? "?")  \(e.journal ?? "")\(e.natureIndex ? "  [Nature Index]" : "")")
            Output.line(e.title)
            for t in e.texts {
                Output.line()
                Output.line("[\(t.kind)]")
                Output.line(Highlighter.highlight(t.text, spans: t.mentions.map { ($0.mention.start, $0.mention.end, $0.mention.funder) }, color: color))
                for (i, m) in t.mentions.enumerated() {
                    let verdict: String
                    if let c = m.confidence, let g = m.grant {
                        verdict = "linked to \(g) (\(c)): \(m.evidence ?? "")"
                    } else if !m.mention.valid {
                        verdict = "not linked: malformed — \(m.mention.note ?? "fits no number format")"
                    } else if m.mention.funder != .nsfc && m.mention.funder != .nkrdpc {
                        verdict = "not linked: credited to \(m.mention.funder) ('\(m.mention.funderText)'), not NSFC or Key R&D"
                    } else {
                        verdict = "not linked: \(m.mention.number) is not in the imported grant lists"
                    }
                    Output.line("  \(i + 1). \(m.mention.funder) \(m.mention.raw) → \(verdict)")
                }
            }
        }
    }
}

/// Marks mention spans: ANSI colours on a terminal, brackets otherwise.
enum Highlighter {
    static func highlight(_ text: String, spans: [(Int, Int, FunderID)], color: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        for (start, end, funder) in spans.sorted(by: { $0.0 < $1.0 }) where start >= i && end <= scalars.count {
            out.append(contentsOf: scalars[i..<start])
            let (open, close) =
                color ? (funder == .nsfc ? "\u{1B}[1;32m" : funder == .nkrdpc ? "\u{1B}[1;34m" : "\u{1B}[2;33m", "\u{1B}[0m")
                : ("[[", "]]")
            out.append(contentsOf: open.unicodeScalars)
            out.append(contentsOf: scalars[start..<end])
            out.append(contentsOf: close.unicodeScalars)
            i = end
        }
        out.append(contentsOf: scalars[i...])
        return String(out)
    }
}
