/// Opens a CSV, XLSX or XLS file, detecting the format by its first bytes (not its extension),
/// and streams its rows.
///
/// ```swift
/// let table = try TableReader(path: "grants.xlsx", options: .init(sheet: "2019"))
/// try table.forEachRow { row in print(row.number, row.cells) }
/// ```
///
/// Every record is delivered, the header included. Blank lines (CSV) and rows without any non-empty
/// cell (XLSX/XLS, where formatting creates such rows) are skipped; row numbers keep their true value.
public final class TableReader {
    private enum Source {
        case csv(CSVTableSource)
        case xlsx(XLSXTableSource)
        case xls(XLSTableSource)
    }

    private let source: Source
    /// What was detected when the file was opened.
    public let info: TableInfo

    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    static let emptyZipMagic: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Opens `path` and reads enough to detect the format, encoding, delimiter and sheets.
    ///
    /// - Throws: `TabularError`: missing, empty, binary or damaged file, unknown sheet, undecodable text.
    public init(path: String, options: TableOptions = .init()) throws {
        let head = try FileByteReader(path: path)
        guard head.size > 0 else { throw TabularError.emptyFile(path: path) }
        let magic = head.peek(8)
        if magic.starts(with: Self.zipMagic) || magic.starts(with: Self.emptyZipMagic) {
            let xlsx = try XLSXTableSource(path: path, sheet: options.sheet, totalBytes: head.size)
            source = .xlsx(xlsx)
            info = TableInfo(format: .xlsx, sheet: xlsx.sheetName, sheets: xlsx.sheetNames, totalBytes: head.size)
        } else if magic.starts(with: Self.oleMagic) {
            let xls = try XLSTableSource(path: path, sheet: options.sheet, totalBytes: head.size)
            source = .xls(xls)
            info = TableInfo(format: .xls, sheet: xls.sheetName, sheets: xls.sheetNames, totalBytes: head.size)
        } else {
            let stream = try DecodedTextStream(path: path, forced: options.encoding)
            let delimiter = options.delimiter ?? DelimiterDetector.detect(
                stream.firstDecodedChunk, isComplete: stream.totalBytes <= FileByteReader.chunkSize)
            source = .csv(CSVTableSource(stream: stream, delimiter: delimiter))
            info = TableInfo(format: .csv, encoding: stream.encoding, delimiter: delimiter, totalBytes: head.size)
        }
    }

    /// Raw bytes consumed so far, for progress bars (approximate for XLSX; XLS is loaded whole).
    public var bytesRead: Int {
        switch source {
        case .csv(let csv): csv.stream.bytesRead
        case .xlsx(let xlsx): xlsx.bytesRead
        case .xls(let xls): xls.bytesRead
        }
    }

    /// Streams the rows to `body`, the header included; memory stays bounded by one chunk of rows
    /// (plus the shared-string table for XLSX).
    ///
    /// - Throws: `TabularError` for damaged or undecodable content, or whatever `body` throws.
    public func forEachRow(_ body: (TableRow) throws -> Void) throws {
        switch source {
        case .csv(let csv): try csv.forEachRow(body)
        case .xlsx(let xlsx): try xlsx.forEachRow(body)
        case .xls(let xls): try xls.forEachRow(body)
        }
    }
}
