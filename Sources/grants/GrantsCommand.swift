import ArgumentParser
import Foundation

struct GrantsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grants",
        abstract: "Import Chinese grant lists and paper exports, link papers to grants, and report per department.",
        discussion: """
            The database is ./grants.sqlite unless --db PATH (before or after the subcommand) or the GRANTS_DB \
            environment variable says otherwise.
            Exit status: 0 success, 1 failure (nothing could be done), 2 usage error.
            """,
        subcommands: [
            Import.self, Status.self, List.self, Extract.self, Link.self, Papers.self, Cites.self, Explain.self,
            Audit.self, Report.self, Journals.self, Topics.self,
        ]
    )
}

/// Entry point: maps argument errors to exit status 2 (the convention of grep, diff and friends).
@main
enum Main {
    static func main() async {
        do {
            var command = try GrantsCommand.parseAsRoot(Self.hoistingGlobalDatabaseOption(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if GrantsCommand.exitCode(for: error) == .validationFailure {
                Diagnostics.error(GrantsCommand.fullMessage(for: error))
                exit(2)
            }
            GrantsCommand.exit(withError: error)
        }
    }

    /// Accepts `grants --db PATH <subcommand> …` as well as `grants <subcommand> … --db PATH`: ArgumentParser
    /// does not pass a root option down, so a leading `--db` is turned into `GRANTS_DB` for the subcommand.
    static func hoistingGlobalDatabaseOption(_ args: [String]) -> [String] {
        var args = args
        if args.first == "--db", args.count >= 2 {
            setenv("GRANTS_DB", args[1], 1)
            args.removeFirst(2)
        } else if let first = args.first, first.hasPrefix("--db=") {
            setenv("GRANTS_DB", String(first.dropFirst(5)), 1)
            args.removeFirst()
        }
        return args
    }
}
