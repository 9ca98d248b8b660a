import ArgumentParser

@main
struct GrantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grants",
        abstract: "Import Chinese grant lists and paper exports, link papers to grants, and report per department.",
        subcommands: [Extract.self]
    )
}
