/// Collects libcsv's field and row callbacks into `TableRow`s and keeps the physical line count.
///
/// libcsv reports neither positions nor line numbers. Lines are counted from what it does report:
/// with `CSV_REPALL_NL` every unquoted CR or LF produces exactly one row-end callback carrying that
/// byte (CR followed by LF counts once), and line breaks inside quoted fields are counted in the field
/// text. So a multi-line quoted field never shifts the numbers of the rows after it.
final class CSVRecordAssembler {
    /// Rows finished during the current `csv_parse` call; drained by the reader after each call
    /// (callbacks cannot throw, so the user's closure runs outside them).
    var finished: [TableRow] = []
    private var fields: [String] = []
    /// The physical line the parser is on (1-based), as far as already-reported text goes.
    private(set) var line = 1
    private var recordStart = 0
    private var previousWasCR = false

    /// The line where the record being assembled began (or the current line if it has no field yet).
    var currentRecordLine: Int { fields.isEmpty ? line : recordStart }

    func field(_ bytes: UnsafeRawBufferPointer) {
        if fields.isEmpty { recordStart = line }
        let typed = bytes.bindMemory(to: UInt8.self)
        var breaks = 0
        var i = 0
        let n = typed.count
        while i < n {
            let b = typed[i]
            if b == 0x0A {
                breaks += 1
            } else if b == 0x0D {
                breaks += 1
                if i + 1 < n && typed[i + 1] == 0x0A { i += 1 }
            }
            i += 1
        }
        line += breaks
        fields.append(String(decoding: typed, as: UTF8.self))
        previousWasCR = false
    }

    /// `terminator` is the CR/LF byte that ended the row, or -1 when `csv_fini` closes an unterminated last row.
    func rowEnd(_ terminator: Int32) {
        if !fields.isEmpty {
            // A row-end with no field is a blank line (or the LF of a CRLF): no record.
            finished.append(TableRow(number: recordStart, cells: fields))
            fields.removeAll(keepingCapacity: true)
        }
        switch terminator {
        case 0x0D:
            line += 1
            previousWasCR = true
        case 0x0A:
            if !previousWasCR { line += 1 }
            previousWasCR = false
        default:
            previousWasCR = false
        }
    }
}
