import CFreeXL

/// Reads one worksheet of a legacy BIFF `.xls` workbook through libfreexl, which loads the whole
/// workbook when it opens (fine: .xls files are capped at 65,536 rows).
final class XLSTableSource {
    let path: String
    let sheetNames: [String]
    let sheetName: String
    private let handle: UnsafeRawPointer
    private let sheetIndex: UInt16
    private(set) var bytesRead = 0
    private let totalBytes: Int

    init(path: String, sheet: String?, totalBytes: Int = 0) throws {
        self.path = path
        self.totalBytes = totalBytes
        var opened: UnsafeRawPointer?
        let rc = freexl_open(path, &opened)
        guard rc == FREEXL_OK, let opened else {
            if let opened { freexl_close(opened) }
            throw TabularError.corrupt(path: path, detail: "not a readable .xls workbook (freexl error \(rc))")
        }
        handle = opened
        var password: UInt32 = 0
        if freexl_get_info(handle, UInt16(FREEXL_BIFF_PASSWORD), &password) == FREEXL_OK,
           password == UInt32(FREEXL_BIFF_OBFUSCATED) {
            freexl_close(handle)
            throw TabularError.unsupportedFormat(path: path, detail: "the .xls workbook is password-protected")
        }
        var count: UInt32 = 0
        guard freexl_get_info(handle, UInt16(FREEXL_BIFF_SHEET_COUNT), &count) == FREEXL_OK, count > 0 else {
            freexl_close(handle)
            throw TabularError.corrupt(path: path, detail: "the .xls workbook has no worksheets")
        }
        var names: [String] = []
        for index in 0..<min(count, UInt32(UInt16.max)) {
            var name: UnsafePointer<CChar>?
            if freexl_get_worksheet_name(handle, UInt16(index), &name) == FREEXL_OK, let name {
                names.append(String(cString: name))
            } else {
                names.append("Sheet\(index + 1)")
            }
        }
        sheetNames = names
        if let sheet {
            guard let index = names.firstIndex(of: sheet) else {
                freexl_close(handle)
                throw TabularError.sheetNotFound(path: path, sheet: sheet, available: names)
            }
            sheetIndex = UInt16(index)
        } else {
            sheetIndex = 0
        }
        sheetName = names[Int(sheetIndex)]
    }

    deinit { freexl_close(handle) }

    func forEachRow(_ body: (TableRow) throws -> Void) throws {
        guard freexl_select_active_worksheet(handle, sheetIndex) == FREEXL_OK else {
            throw TabularError.corrupt(path: path, detail: "cannot select sheet '\(sheetName)'")
        }
        var rows: UInt32 = 0
        var columns: UInt16 = 0
        guard freexl_worksheet_dimensions(handle, &rows, &columns) == FREEXL_OK else {
            throw TabularError.corrupt(path: path, detail: "cannot read the size of sheet '\(sheetName)'")
        }
        bytesRead = totalBytes
        var cells: [String] = []
        for row in 0..<rows {
            cells.removeAll(keepingCapacity: true)
            var lastFilled = -1
            for column in 0..<columns {
                var cell = FreeXL_CellValue()
                let text = freexl_get_cell_value(handle, row, column, &cell) == FREEXL_OK ? Self.text(of: cell) : ""
                cells.append(text)
                if !text.isEmpty { lastFilled = Int(column) }
            }
            guard lastFilled >= 0 else { continue }
            cells.removeLast(cells.count - lastFilled - 1)
            try body(TableRow(number: Int(row) + 1, cells: cells))
        }
    }

    static func text(of cell: FreeXL_CellValue) -> String {
        switch Int32(cell.type) {
        case FREEXL_CELL_INT:
            return String(cell.value.int_value)
        case FREEXL_CELL_DOUBLE:
            return CellText.number(cell.value.double_value)
        case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT, FREEXL_CELL_DATE, FREEXL_CELL_DATETIME, FREEXL_CELL_TIME:
            return cell.value.text_value.map { String(cString: $0) } ?? ""
        default:
            return ""
        }
    }
}
