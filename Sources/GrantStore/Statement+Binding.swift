import GRDB

extension Statement {
    /// Executes the statement with `values` bound in order, from parameter `start` on (the parameters before
    /// `start` must have been bound by earlier calls of `bind(_:from:)`).
    ///
    /// Per-row imports spend more time building and validating `StatementArguments` than SQLite spends inserting;
    /// this binds the values as they are, no boxing, no validation.
    func bind(_ values: some Sequence<DatabaseValue>, from start: CInt) {
        var index = start
        for value in values {
            let code = value.bind(to: sqliteStatement, at: index)
            precondition(code == 0, "binding parameter \(index) failed with SQLite code \(code)")
            index += 1
        }
    }

    /// Resets the statement (clearing its parameters) before a fresh round of `bind(_:from:)`.
    func resetBindings() {
        // Empty unchecked arguments reset the statement and mark it bound, so `execute()` neither validates nor
        // clears what `bind(_:from:)` sets next.
        setUncheckedArguments(StatementArguments())
    }
}
