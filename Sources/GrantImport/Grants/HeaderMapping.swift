import Foundation
import GrantModel

/// Which column feeds which grant field, decided from the header row.
public struct HeaderMapping: Sendable, Equatable {
    /// Amount unit of a column: 万元 (ten thousand yuan) or 元.
    public enum AmountUnit: String, Sendable, Codable {
        case wan = "万元"
        case yuan = "元"
    }

    public let headers: [String]
    /// Column index for each mapped field.
    public private(set) var columns: [GrantField: Int] = [:]
    /// The amount unit, if the header or `--amount-unit` says it; `nil` means decided per value (and reported).
    public var amountUnit: AmountUnit?
    /// Columns not mapped to any field (kept per row as JSON).
    public var unmapped: [Int] {
        let used = Set(columns.values)
        return headers.indices.filter { !used.contains($0) && !headers[$0].trimmingSpaces.isEmpty }
    }

    /// Maps headers by synonym; `overrides` (`Header=field`, from `--map`) win.
    /// - Throws: `ImportError.badMapping` for an override naming an unknown header or field.
    public init(headers: [String], overrides: [String] = [], amountUnit: AmountUnit? = nil) throws {
        self.headers = headers.map(\.trimmingSpaces)
        // When several columns match one field, the synonym listed first wins (LetPub has 学科分类 with names and
        // 学科代码 with codes); between equal synonyms, the leftmost column.
        var rank: [GrantField: Int] = [:]
        for (i, h) in self.headers.enumerated() {
            let key = GrantField.headerKey(h)
            guard let field = GrantField.allCases.first(where: { GrantField.synonyms[$0]?.contains(key) == true }),
                let r = GrantField.synonyms[field]?.firstIndex(of: key), r < rank[field, default: .max]
            else { continue }
            (columns[field], rank[field]) = (i, r)
        }
        for o in overrides {
            guard let eq = o.lastIndex(of: "=") else { throw ImportError.badMapping("--map '\(o)': expected 'Header=field'") }
            let header = String(o[..<eq]).trimmingSpaces
            let fieldName = String(o[o.index(after: eq)...]).trimmingSpaces.lowercased()
            // Exact header first; else ignoring width and case, since `（万元）` and `(万元)` look alike when typed.
            let folded = header.asciiFolded.lowercased()
            guard let index = self.headers.firstIndex(of: header)
                ?? self.headers.firstIndex(where: { $0.asciiFolded.lowercased() == folded })
            else {
                throw ImportError.badMapping("--map '\(o)': no column named '\(header)' (columns: \(self.headers.joined(separator: ", ")))")
            }
            if fieldName == "ignore" {
                columns = columns.filter { $0.value != index }
                continue
            }
            guard let field = GrantField(rawValue: fieldName) else {
                throw ImportError.badMapping("--map '\(o)': unknown field '\(fieldName)' (fields: \(GrantField.allCases.map(\.rawValue).joined(separator: ", ")), ignore)")
            }
            columns = columns.filter { $0.value != index }
            columns[field] = index
        }
        if let unit = amountUnit {
            self.amountUnit = unit
        } else if let i = columns[.amount] {
            let h = self.headers[i].asciiFolded
            if h.contains("万") || h.lowercased().contains("10k") || h.contains("万元") {
                self.amountUnit = .wan
            } else if h.contains("元") || h.lowercased().contains("yuan") || h.lowercased().contains("cny") {
                self.amountUnit = .yuan
            }
        }
        guard columns[.number] != nil else {
            throw ImportError.badMapping("no grant-number column found (looked for 项目批准号, 批准号, 项目编号, Grant No., project_id …; columns: \(self.headers.joined(separator: ", "))); use --map 'Header=number'")
        }
    }

    /// One line per mapped column, for the import's report of what it used.
    public var description: [String] {
        var lines = columns.sorted { $0.value < $1.value }.map { field, i in
            let unit = field == .amount ? " (\(amountUnit?.rawValue ?? "unit per value: < 100000 read as 万元, else 元"))" : ""
            return "  \(headers[i]) → \(field.rawValue)\(unit)"
        }
        if !unmapped.isEmpty {
            lines.append("  kept as extra JSON: " + unmapped.map { headers[$0] }.joined(separator: ", "))
        }
        return lines
    }

    /// The mapping as JSON for the batch record.
    public var json: String {
        let dict = Dictionary(uniqueKeysWithValues: columns.map { ($0.key.rawValue, headers[$0.value]) })
        let data = (try? JSONSerialization.data(withJSONObject: dict, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
