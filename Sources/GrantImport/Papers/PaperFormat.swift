import Foundation
import GrantModel

/// The paper-export formats GrantTracker reads.
public enum PaperFormat: String, CaseIterable, Sendable {
    case wos, wosTab = "wos-tab", scopus, pubmed, cnki

    /// The `PaperRecord.Source` this format produces.
    public var source: PaperRecord.Source {
        switch self {
        case .wos: .wos
        case .wosTab: .wosTab
        case .scopus: .scopus
        case .pubmed: .pubmed
        case .cnki: .cnki
        }
    }
}

extension PaperFormat {
    /// Guesses the format from the first lines of a file, by content rather than by file extension.
    ///
    /// Blank lines are skipped and a leading BOM (U+FEFF) is ignored. Returns nil when nothing looks familiar.
    public static func detect(firstLines: [Substring]) -> PaperFormat? {
        for rawLine in firstLines {
            var line = rawLine
            while let first = line.first, first == "\u{FEFF}" || first == "\r" || first == "\n" { line = line.dropFirst() }
            while let last = line.last, last == "\r" || last == " " { line = line.dropLast() }
            if line.isEmpty { continue }
            if line.hasPrefix("PT\t") || line == "PT" && rawLine.contains("\t") { return .wosTab }
            if line.hasPrefix("FN ") || line.hasPrefix("VR ") || line.hasPrefix("PT ") { return .wos }
            if line.hasPrefix("PMID-") { return .pubmed }
            if line.contains("SrcDatabase-来源库") || line.contains("Title-题名") || line.contains("Fund-基金") {
                return .cnki
            }
            let header = line.replacingOccurrences(of: "\"", with: "")
            let columns = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if columns.count > 1,
               columns.contains("EID") || columns.contains("Source title") || columns.contains("Funding Details")
                || columns.first == "Authors"
            {
                return .scopus
            }
            // The first non-blank line decides.
            return nil
        }
        return nil
    }
}
