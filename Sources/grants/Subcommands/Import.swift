import ArgumentParser

extension GrantsCommand {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import grant lists, paper exports, or a school roster.",
            subcommands: [ImportGrants.self, ImportPapers.self, ImportRoster.self]
        )
    }
}
