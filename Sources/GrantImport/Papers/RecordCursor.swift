import GrantModel

/// The record a line parser is inside: its number, first line and raw text (capped), for provenance and rejects.
struct RecordCursor {
    let file: String
    private(set) var isOpen = false
    private(set) var number = 0
    private(set) var line = 0
    private var raw = ""

    init(file: String) {
        self.file = file
    }

    /// Keeps `text` as part of the current record, opening a new record at `line` if none is open.
    /// - Returns: true when this call opened the record (the caller resets its own fields then).
    @discardableResult
    mutating func take(_ text: Substring, at line: Int) -> Bool {
        let opened = !isOpen
        if opened {
            isOpen = true
            number += 1
            self.line = line
            raw.removeAll(keepingCapacity: true)
        }
        if raw.utf8.count < PaperReject.rawLimit {
            raw += text
            raw += "\n"
        }
        return opened
    }

    mutating func close() { isOpen = false }

    var provenance: Provenance { Provenance(file: file, record: number, line: line) }

    /// The current record rejected for `reason`, with its raw text.
    func reject(_ reason: String) -> PaperEvent {
        .reject(PaperReject(file: file, line: line, record: number, reason: reason, raw: PaperFields.capped(raw)))
    }
}
