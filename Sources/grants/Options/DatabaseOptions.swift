import ArgumentParser
import GrantStore

/// `--db PATH`, shared by every subcommand that touches the store.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database (default: $GRANTS_DB, else ./grants.sqlite).", valueName: "path"))
    var db: String?

    var path: String { GrantDatabase.resolvePath(option: db) }

    func open() throws -> GrantDatabase {
        try Diagnostics.run { try GrantDatabase(path: path) }
    }
}
