/// Guesses a CSV delimiter from the first decoded bytes of a file.
enum DelimiterDetector {
    static let candidates: [UInt8] = [0x2C, 0x09, 0x3B]  // comma, tab, semicolon (preference order on ties)
    static let maxRecords = 50

    /// Picks the candidate whose field count per record is most consistent and greater than one.
    ///
    /// Quotes are honoured, so delimiters inside quoted fields are not counted. When `isComplete` is false
    /// the last (probably cut) record of the sample is ignored. Falls back to comma (a one-column file).
    static func detect(_ sample: [UInt8], isComplete: Bool) -> UInt8 {
        var best: (delimiter: UInt8, consistency: Double, fields: Int)?
        for candidate in candidates {
            let counts = fieldCounts(sample, delimiter: candidate, isComplete: isComplete)
            guard !counts.isEmpty else { continue }
            var histogram: [Int: Int] = [:]
            for c in counts { histogram[c, default: 0] += 1 }
            guard let (mode, hits) = histogram.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }),
                  mode > 1 else { continue }
            let consistency = Double(hits) / Double(counts.count)
            if let current = best,
               consistency < current.consistency || (consistency == current.consistency && mode <= current.fields) {
                continue
            }
            best = (candidate, consistency, mode)
        }
        return best?.delimiter ?? 0x2C
    }

    /// Field counts of the sample's first records, skipping blank lines.
    static func fieldCounts(_ sample: [UInt8], delimiter: UInt8, isComplete: Bool) -> [Int] {
        var counts: [Int] = []
        var inQuotes = false
        var fields = 1
        var recordHasContent = false
        var i = 0
        let n = sample.count
        while i < n && counts.count < maxRecords {
            let b = sample[i]
            if b == 0x22 {
                inQuotes.toggle()
                recordHasContent = true
            } else if inQuotes {
                // Inside quotes nothing counts.
            } else if b == delimiter {
                fields += 1
                recordHasContent = true
            } else if b == 0x0A || b == 0x0D {
                if recordHasContent { counts.append(fields) }
                fields = 1
                recordHasContent = false
            } else {
                recordHasContent = true
            }
            i += 1
        }
        if isComplete && recordHasContent && i == n && counts.count < maxRecords { counts.append(fields) }
        return counts
    }
}
