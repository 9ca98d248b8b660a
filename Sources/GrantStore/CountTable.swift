/// A key whose fields fold into one word; equal keys must fold equally.
protocol FoldedKey: Equatable {
    var folded: UInt64 { get }
}

/// Counts keyed by a few small integers, for the millions of increments of a rollup.
///
/// Swift's Dictionary hashes every key with SipHash under a per-table seed, a third of a rollup's time; here a
/// key's folded word is spread by one multiply over an open-addressed table. Equality still compares whole keys,
/// so a fold collision costs a probe, never a wrong count.
struct CountTable<Key: FoldedKey, Count>: Sequence {
    private var slots: [(key: Key, count: Count)?] = Array(repeating: nil, count: 256)
    private var filled = 0
    private let zero: Count

    init(zero: Count) { self.zero = zero }

    /// Changes the count of `key`, which starts at `zero`.
    mutating func update(_ key: Key, _ change: (inout Count) -> Void) {
        if filled * 2 >= slots.count { grow() }
        var i = slot(for: key.folded)
        while let s = slots[i] {
            if s.key == key {
                change(&slots[i]!.count)
                return
            }
            i = (i + 1) & (slots.count - 1)
        }
        var count = zero
        change(&count)
        slots[i] = (key, count)
        filled += 1
    }

    func makeIterator() -> some IteratorProtocol<(key: Key, count: Count)> {
        slots.lazy.compactMap { $0 }.makeIterator()
    }

    /// The home slot: the multiply's high bits, since the low bits of a folded key vary least.
    private func slot(for folded: UInt64) -> Int {
        Int(truncatingIfNeeded: (folded &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slots.count.trailingZeroBitCount))
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: nil, count: old.count * 2)
        for case let s? in old {
            var i = slot(for: s.key.folded)
            while slots[i] != nil { i = (i + 1) & (slots.count - 1) }
            slots[i] = s
        }
    }
}
