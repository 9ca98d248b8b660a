/// A set of strings that answers "maybe" for every string added and for about 1% of the others.
///
/// Ten bits per string, where a hash map of the same strings took over 25 bytes each. It grows by adding a level
/// four times larger whenever the newest one holds its planned share, so no size needs to be known up front; a
/// lookup asks every level (a handful for millions of strings).
struct BloomFilter {
    private struct Level {
        var words: [UInt64]
        var count = 0
        var capacity: Int { words.count * 64 / 10 }
    }

    private var levels = [Level(words: Array(repeating: 0, count: 1 << 14))]  // 16k words: 100k strings
    private static let probes = 7

    mutating func insert(_ s: String, tag: UInt8) {
        if levels[levels.count - 1].count >= levels[levels.count - 1].capacity {
            levels.append(Level(words: Array(repeating: 0, count: levels[levels.count - 1].words.count * 4)))
        }
        let (h1, h2) = Self.hashes(s, tag)
        let last = levels.count - 1
        let mask = UInt64(levels[last].words.count * 64 - 1)
        for i in 0..<UInt64(Self.probes) {
            let bit = (h1 &+ i &* h2) & mask
            levels[last].words[Int(bit >> 6)] |= 1 << (bit & 63)
        }
        levels[last].count += 1
    }

    func mayContain(_ s: String, tag: UInt8) -> Bool {
        let (h1, h2) = Self.hashes(s, tag)
        return levels.contains { level in
            let mask = UInt64(level.words.count * 64 - 1)
            return (0..<UInt64(Self.probes)).allSatisfy { i in
                let bit = (h1 &+ i &* h2) & mask
                return level.words[Int(bit >> 6)] & (1 << (bit & 63)) != 0
            }
        }
    }

    /// Two hashes of the tag and the UTF-8 (FNV-1a, each finished by a different SplitMix64 mix), whose
    /// combinations `h1 + i·h2` serve as the probes' independent hashes (Kirsch and Mitzenmacher).
    private static func hashes(_ s: String, _ tag: UInt8) -> (UInt64, UInt64) {
        let prime: UInt64 = 0x0000_0100_0000_01b3
        var h: UInt64 = (0xcbf2_9ce4_8422_2325 ^ UInt64(tag)) &* prime
        for byte in s.utf8 { h = (h ^ UInt64(byte)) &* prime }
        func mix(_ x: UInt64) -> UInt64 {
            var z = x &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (mix(h), mix(~h) | 1)  // odd, so a level's probes cycle through all its bits
    }
}
