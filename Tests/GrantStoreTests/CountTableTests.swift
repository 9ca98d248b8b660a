import Testing
@testable import GrantStore

@Suite struct CountTableTests {
    /// A key whose fold keeps only a few bits, so that many different keys fold alike.
    struct Key: FoldedKey, Hashable {
        var a: Int32, b: Int32
        var folded: UInt64 { UInt64(UInt32(bitPattern: a) & 7) }
    }

    @Test func countsEveryKeyExactlyAsADictionaryDoes() {
        var table = CountTable<Key, Int>(zero: 0)
        var reference: [Key: Int] = [:]
        var rng = SystemRandomNumberGenerator()
        // Enough keys to grow the table several times; colliding folds on every probe.
        for _ in 0..<20_000 {
            let k = Key(a: Int32.random(in: -50...50, using: &rng), b: Int32.random(in: 0...40, using: &rng))
            let n = Int.random(in: 1...3, using: &rng)
            table.update(k) { $0 += n }
            reference[k, default: 0] += n
        }
        let counted = Dictionary(uniqueKeysWithValues: table.map { ($0.key, $0.count) })
        #expect(counted == reference)
    }

    @Test func aNewKeyStartsAtZero() {
        var table = CountTable<Key, (grants: Int, amount: Int64)>(zero: (0, 0))
        table.update(Key(a: 1, b: 2)) { $0 = ($0.grants + 1, $0.amount + 500) }
        table.update(Key(a: 1, b: 2)) { $0 = ($0.grants + 1, $0.amount + 7) }
        table.update(Key(a: 9, b: 2)) { $0 = ($0.grants + 1, $0.amount + 1) }
        let rows = table.map { ($0.key.a, $0.count.grants, $0.count.amount) }.sorted { $0.0 < $1.0 }
        #expect(rows.map(\.0) == [1, 9])
        #expect(rows.map(\.1) == [2, 1])
        #expect(rows.map(\.2) == [507, 1])
    }
}
