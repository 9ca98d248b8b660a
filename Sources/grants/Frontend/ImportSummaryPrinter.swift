import Foundation
import GrantStore

/// Prints what imports did: one line per file, or JSON.
enum ImportSummaryPrinter {
    static func print(_ summaries: [ImportSummary], format: SummaryFormat) {
        if format == .json { return printJSON(summaries) }
        for s in summaries {
            if !s.changedAnything {
                Output.line("\(s.file): no changes (\(s.unchanged) rows already imported and identical)")
                continue
            }
            var parts = ["imported \(s.inserted)", "updated \(s.updated)", "unchanged \(s.unchanged)", "rejected \(s.rejected)"]
            if s.duplicatesInFile > 0 { parts.append("repeated rows \(s.duplicatesInFile)") }
            if s.placeholders > 0 { parts.append("placeholder projects \(s.placeholders)") }
            Output.line("\(s.file): " + parts.joined(separator: ", ") + (s.batchId.map { " (batch \($0))" } ?? ""))
            if !s.changedFields.isEmpty {
                Output.line("  changed fields: " + s.changedFields.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
            if s.rejected > 0 { Output.line("  see rejected rows with: grants list rejects") }
        }
    }

    static func print(_ summaries: [PaperImportSummary], format: SummaryFormat, dryRun: Bool = false) {
        if format == .json { return printJSON(summaries) }
        for s in summaries {
            if dryRun {
                Output.line("\(s.file) (\(s.format)): \(s.records) records, rejected \(s.rejected); Nature Index \(s.natureIndex) (dry run: nothing written)")
                continue
            }
            if !s.changedAnything {
                Output.line("\(s.file) (\(s.format)): no changes (\(s.records) records already imported)")
                continue
            }
            Output.line("\(s.file) (\(s.format)): \(s.records) records: new \(s.inserted), merged into existing \(s.merged), unchanged \(s.unchanged), rejected \(s.rejected); Nature Index \(s.natureIndex)" + (s.batchId.map { " (batch \($0))" } ?? ""))
        }
    }

    private static func printJSON<T: Encodable>(_ value: T) {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        Output.line(String(decoding: (try? e.encode(value)) ?? Data(), as: UTF8.self))
    }
}
