import Foundation

/// A one-line progress bar on stderr, shown only on a terminal and only for large inputs.
final class ProgressBar {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// Inputs smaller than this finish before a bar is worth drawing.
    static let minimumBytes = 2_000_000

    /// A bar for a byte-counted input; `totalBytes` 0 means the caller reports fractions itself.
    init(label: String, totalBytes: Int, enabled: Bool = true) {
        self.label = label
        self.total = max(totalBytes, 1)
        self.enabled = enabled && Diagnostics.stderrIsTerminal && (totalBytes == 0 || totalBytes >= Self.minimumBytes)
    }

    func update(bytes: Int, records: Int) {
        update(fraction: Double(bytes) / Double(total), records: records)
    }

    func update(fraction: Double, records: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let fraction = min(1, max(0, fraction))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(Int(fraction * 100))% \(records) records".utf8))
        drawn = true
    }

    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
