import CLibCSV

/// Streams CSV records through libcsv from a decoded UTF-8 text stream.
///
/// libcsv runs in its tolerant (non-strict) mode with `CSV_REPALL_NL`, so that stray quotes inside
/// unquoted fields (common in titles such as `5" disk`) are kept as text rather than rejected, and every
/// unquoted line break is reported for line counting. `CSV_APPEND_NULL` is not used: fields are copied
/// by length. The default space/tab trimming is switched off, so cells keep their exact text.
///
/// What tolerance costs: a quote that opens a field and is never closed makes libcsv read on, across
/// delimiters and line breaks, until the next quote. Row numbers of later records stay exact (line breaks
/// inside fields are counted), but those lines merge into one record. A quote still open at end of file
/// is reported as ``TabularError/malformedCSV(path:line:detail:)`` naming the line where the record
/// began, and so is a single field growing past ``maxFieldBytes``, instead of buffering the rest of
/// a large file.
struct CSVTableSource {
    static let maxFieldBytes = 64 * 1024 * 1024

    let stream: DecodedTextStream
    let delimiter: UInt8

    func forEachRow(_ body: (TableRow) throws -> Void) throws {
        let parser = UnsafeMutablePointer<csv_parser>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard csv_init(parser, UInt8(CSV_REPALL_NL)) == 0 else {
            throw TabularError.unreadable(path: stream.path, detail: "libcsv could not be initialised")
        }
        defer { csv_free(parser) }
        csv_set_delim(parser, delimiter)
        csv_set_space_func(parser) { _ in 0 }

        let assembler = CSVRecordAssembler()
        let context = Unmanaged.passUnretained(assembler).toOpaque()
        let onField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { ptr, len, ctx in
            guard let ctx else { return }
            let assembler = Unmanaged<CSVRecordAssembler>.fromOpaque(ctx).takeUnretainedValue()
            assembler.field(UnsafeRawBufferPointer(start: len > 0 ? ptr : nil, count: len > 0 && ptr != nil ? len : 0))
        }
        let onRow: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { terminator, ctx in
            guard let ctx else { return }
            Unmanaged<CSVRecordAssembler>.fromOpaque(ctx).takeUnretainedValue().rowEnd(terminator)
        }

        try withExtendedLifetime(assembler) {
            try stream.forEachChunk { chunk in
                let used = csv_parse(parser, chunk.baseAddress, chunk.count, onField, onRow, context)
                if used != chunk.count {
                    let message = String(cString: csv_strerror(csv_error(parser)))
                    throw TabularError.malformedCSV(path: stream.path, line: assembler.line, detail: message)
                }
                for row in assembler.finished { try body(row) }
                assembler.finished.removeAll(keepingCapacity: true)
                if csv_get_buffer_size(parser) > Self.maxFieldBytes {
                    throw TabularError.malformedCSV(
                        path: stream.path, line: assembler.currentRecordLine,
                        detail: "a field grows past \(Self.maxFieldBytes / 1_048_576) MB; is a quote left open?")
                }
            }
            // pstate 2 is libcsv's FIELD_BEGUN: still inside a quoted field at end of input.
            if parser.pointee.pstate == 2 && parser.pointee.quoted != 0 {
                throw TabularError.malformedCSV(
                    path: stream.path, line: assembler.currentRecordLine,
                    detail: "a quoted field starting in this record is never closed")
            }
            csv_fini(parser, onField, onRow, context)
            for row in assembler.finished { try body(row) }
            assembler.finished.removeAll()
        }
    }
}
