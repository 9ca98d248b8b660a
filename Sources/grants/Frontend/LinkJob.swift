import GrantLink
import GrantModel
import GrantStore

/// Wires the extractor and the link rules to the store's incremental linking.
struct LinkJob {
    var database: GrantDatabase

    @discardableResult
    func run(quiet: Bool) throws -> LinkSummary {
        // Loading every grant is the costly part of a run; skip it when nothing arrived since the last one.
        guard try database.hasLinkWork() else {
            if !quiet { Diagnostics.note("linked: nothing new since the last run (0 funding texts read, 0 links written)") }
            return LinkSummary()
        }
        let summary = try linkPapers()
        // The grant index is gone by now, so the rollups' own memory does not come on top of it.
        try database.refreshReports()
        if !quiet || summary.fundingTextsRead > 0 || summary.papersDecided > 0 {
            Diagnostics.note("linked: \(summary.fundingTextsRead) funding texts read, \(summary.mentionsFound) mentions, \(summary.papersDecided) papers decided, \(summary.linksWritten) links written")
        }
        return summary
    }

    private func linkPapers() throws -> LinkSummary {
        let extractor = AcknowledgmentExtractor()
        let index = try database.grantIndex()
        let decider = LinkDecider(lookup: { index[$0] })
        let progress = ProgressBar(label: "linking", totalBytes: 0)
        defer { progress.finish() }
        return try database.link(
            extract: { texts in parallelMap(texts) { { extractor.extract($0) } } },
            nearMisses: LinkDecider.nearMisses(of:),
            decide: { try decider.decide($0, people: $1) },
            progress: { done, total in progress.update(fraction: total > 0 ? Double(done) / Double(total) : 0, records: done) },
            refreshReports: false
        )
    }
}
