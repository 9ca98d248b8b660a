import ArgumentParser

extension GrantsCommand {
    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link papers to imported grants (incremental: only new papers or new grants are processed).",
            discussion: """
                Confidence: high = number matches an imported grant and the text credits its funder; medium = number \
                matches but the funder context is missing or differs, or it is found only in WoS FU / Scopus Funding \
                Details; low = a near-miss (one digit substituted, two swapped, a dropped U) of exactly one grant whose \
                PI is an author or whose institution is in the addresses (a probable typo). Key R&D sub-projects link to \
                the sub-project and roll up to the project. Runs automatically after each import unless --no-link.
                """)
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let db = try database.open()
            try Diagnostics.run { try LinkJob(database: db).run(quiet: false) }
        }
    }
}
