import GRDB

extension Database {
    /// Sets an integer pragma for a while; returns what sets it back to the value it had, for a `defer`.
    func temporarily(set pragma: String, to value: Int) throws -> () -> Void {
        let old = try Int.fetchOne(self, sql: "PRAGMA \(pragma)")
        try execute(sql: "PRAGMA \(pragma) = \(value)")
        return { if let old { try? self.execute(sql: "PRAGMA \(pragma) = \(old)") } }
    }
}
