import Foundation
import GrantImport
import GrantModel
import GrantStore
import GrantTabular

/// Reads one paper export (format detected by content) and stores it in one savepoint of the command's
/// transaction, or only checks it.
struct PaperImportJob {
    var file: String
    var format: PaperFormat?
    var encoding: TextEncoding?
    /// Shared by every file of one command, so each journal is matched against the catalog once.
    var natureIndex: NatureIndexMemo
    /// False when files are read in parallel, where bars would interleave.
    var showsProgress = true

    /// Records per hand-off from the reading thread to the writing one.
    static let chunkRecords = 256
    /// A file of at most this many records and rejects (a Web of Science export has 500 or 1,000 records) is read to
    /// its end before any of it is written, so it needs no savepoint; a few megabytes at most.
    static let wholeFileRecords = 2_048

    /// Imports `jobs` in order into `transaction`. One thread reads every file in turn (parsing, Nature Index
    /// matching, record preparation) while this one writes, so the next file is read while the last is stored; with
    /// a thread per file, hundreds of small exports left one core idle most of the time.
    ///
    /// A file that cannot be read is rolled back alone and reported in its result: a small file is read whole before
    /// it is written, a large one is written in a savepoint as it is read. A database error is thrown, and ends
    /// the transaction.
    static func store(_ jobs: [PaperImportJob], into db: GrantDatabase, transaction: ImportTransaction)
        throws -> [Result<PaperImportSummary, any Error>]
    {
        let queue = ReadAheadQueue<PaperStep>()
        let reading = jobs.map(ReadingJob.init)
        queue.startProducer { send in
            for r in reading {
                do {
                    let detected = try r.job.format ?? r.job.detect()
                    guard send([.begin(detected)]) else { throw CancellationError() }
                    try r.job.readSteps(detected, send: send)
                    guard send([.end]) else { throw CancellationError() }
                } catch is CancellationError {
                    throw CancellationError()  // the writer stopped
                } catch {
                    guard send([.failed(error)]) else { throw CancellationError() }
                }
            }
        }
        defer { queue.stop() }
        var steps = StepStream(queue: queue)
        return try jobs.map { job in
            defer { steps.skipRestOfFile() }
            let format: PaperFormat, whole: Bool
            do {
                format = try steps.beginFile()
                whole = try steps.readWholeFile(upTo: Self.wholeFileRecords)
            } catch {
                return .failure(error)
            }
            func write() throws -> PaperImportSummary {
                try db.importPapers(.init(kind: "papers", file: job.file, format: format.rawValue), in: transaction,
                                    guarded: !whole) { session in
                    while let step = try steps.nextInFile() {
                        switch step {
                        case .paper(let p): try session.add(p)
                        case .reject(let r): try session.reject(file: r.file, line: r.line, reason: r.reason, raw: r.raw)
                        }
                    }
                }
            }
            return whole ? .success(try write()) : Result(catching: write)
        }
    }

    /// Parses the file and counts what an import would see, writing nothing (`--dry-run`).
    func check() throws -> PaperImportSummary {
        let detected = try format ?? detect()
        var summary = PaperImportSummary(file: file, format: detected.rawValue)
        try parse(detected) { event in
            switch event {
            case .paper(let r):
                summary.records += 1
                if flag(r) != nil { summary.natureIndex += 1 }
            case .reject: summary.rejected += 1
            case .warning: break
            }
        }
        return summary
    }

    /// The reading thread's work: parse, flag and prepare records, and send them on in chunks.
    fileprivate func readSteps(_ detected: PaperFormat, send: ([PaperStep]) -> Bool) throws {
        var chunk: [PaperStep] = []
        chunk.reserveCapacity(Self.chunkRecords)
        func flush() throws {
            chunk.reverse()  // last first, for `StepStream` to pop; reversing here keeps it off the writer's thread
            guard send(chunk) else { throw CancellationError() }  // the writer stopped
            chunk.removeAll(keepingCapacity: true)
        }
        try parse(detected) { event in
            switch event {
            case .paper(let r): chunk.append(.paper(PreparedPaper(r, natureIndex: flag(r))))
            case .reject(let r): chunk.append(.reject(r))
            case .warning: return
            }
            if chunk.count >= Self.chunkRecords { try flush() }
        }
        if !chunk.isEmpty { try flush() }
    }

    private func flag(_ r: PaperRecord) -> NatureIndexFlag? {
        natureIndex.flag(issn: r.issn, eissn: r.eissn, journal: r.journal, abbreviations: r.journalAbbreviations, year: r.year)
    }

    /// Streams the file through the parser for its format; rejects and warnings are also reported on stderr.
    private func parse(_ detected: PaperFormat, _ body: (PaperEvent) throws -> Void) throws {
        let progress = ProgressBar(label: (file as NSString).lastPathComponent,
                                   totalBytes: (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0,
                                   enabled: showsProgress)
        var records = 0, warnings = 0
        defer {
            progress.finish()
            if warnings > 20 { Diagnostics.note("  … \(warnings - 20) more warnings") }
        }
        func handle(_ event: PaperEvent, bytes: Int) throws {
            switch event {
            case .paper:
                records += 1
                if records % 512 == 0 { progress.update(bytes: bytes, records: records) }
            case .reject(let r):
                Diagnostics.note("  \(r.file):\(r.line): record \(r.record) rejected: \(r.reason)")
            case .warning(let w):
                warnings += 1
                if warnings <= 20 { Diagnostics.note("  \(w.file):\(w.line): warning: \(w.reason)") }
            }
            try body(event)
        }
        switch detected {
        case .wos:
            // The common, large case: the parser reads line bytes directly.
            let reader = try TextLineReader(path: file, encoding: encoding)
            var parser = WoSTaggedParser(file: file)
            try reader.forEachLineBytes { n, line in try parser.feed(utf8: line, number: n) { try handle($0, bytes: reader.bytesRead) } }
            try parser.finish { try handle($0, bytes: reader.bytesRead) }
        case .cnki where !isSpreadsheet, .pubmed:
            let reader = try TextLineReader(path: file, encoding: encoding)
            var parser: any LineParser = detected == .pubmed ? PubMedParser(file: file) : CNKITextParser(file: file)
            try reader.forEachLine { n, line in try parser.feed(line: line, number: n) { try handle($0, bytes: reader.bytesRead) } }
            try parser.finish { try handle($0, bytes: reader.bytesRead) }
        case .wosTab:
            // WoS tab-delimited has no quoting: a row is a line split on tabs.
            let reader = try TextLineReader(path: file, encoding: encoding)
            var parser = WoSTabParser(file: file)
            try reader.forEachLine { n, line in
                guard !line.isEmpty else { return }
                try parser.feed(row: line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init), number: n) {
                    try handle($0, bytes: reader.bytesRead)
                }
            }
            try parser.finish { try handle($0, bytes: reader.bytesRead) }
        case .scopus, .cnki:
            let reader = try TableReader(path: file, options: TableOptions(encoding: encoding))
            var parser: any RowParser = detected == .scopus ? ScopusParser(file: file) : CNKIRowParser(file: file)
            try reader.forEachRow { row in try parser.feed(row: row.cells, number: row.number) { try handle($0, bytes: reader.bytesRead) } }
            try parser.finish { try handle($0, bytes: reader.bytesRead) }
        }
    }

    private var isSpreadsheet: Bool {
        guard let h = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? h.close() }
        // `read(upToCount:)` throws where `readData(ofLength:)` would crash (a directory, for one).
        guard let magic = (try? h.read(upToCount: 4)).flatMap({ $0.map { [UInt8]($0) } }) else { return false }
        return magic == [0x50, 0x4B, 0x03, 0x04] || magic == [0xD0, 0xCF, 0x11, 0xE0]
    }

    /// Detects the export format from its first lines (a CNKI spreadsheet is recognised by its header row).
    fileprivate func detect() throws -> PaperFormat {
        if isSpreadsheet {
            var header: [String] = []
            let reader = try TableReader(path: file)
            struct Stop: Error {}
            do { try reader.forEachRow { header = $0.cells; throw Stop() } } catch is Stop {}
            if let f = PaperFormat.detect(firstLines: [Substring(header.joined(separator: ","))]) { return f }
            throw ImportError.invalidInput("\(file): a spreadsheet whose header is not a known paper export (expected CNKI Excel columns such as Title-题名, Fund-基金)")
        }
        let reader = try TextLineReader(path: file, encoding: encoding)
        var lines: [Substring] = []
        struct Stop: Error {}
        do {
            try reader.forEachLine { _, line in
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(line) }
                if lines.count >= 8 { throw Stop() }
            }
        } catch is Stop {}
        guard let f = PaperFormat.detect(firstLines: lines) else {
            throw ImportError.invalidInput("\(file): not a recognised paper export (Web of Science plain text or tab-delimited, Scopus CSV, PubMed MEDLINE, CNKI); use --format")
        }
        return f
    }
}

/// What the reading thread hands to the writing one, in file order: each file's records between its `begin`
/// and its `end`, or `failed` if it could not be read to the end.
private enum PaperStep: Sendable {
    case begin(PaperFormat)
    case paper(PreparedPaper)
    case reject(PaperReject)
    case end
    case failed(any Error)
}

/// The steps of the queue one at a time, file by file.
private struct StepStream {
    let queue: ReadAheadQueue<PaperStep>
    private var chunk: [PaperStep] = []
    /// Chunks taken from the queue by `readWholeFile` and not yet started, in order (each last first).
    private var ahead: [[PaperStep]] = []
    /// False once the current file's `end` or `failed` step has been taken.
    private var inFile = false

    init(queue: ReadAheadQueue<PaperStep>) { self.queue = queue }

    /// Pops the next step. Chunks arrive last first (`readSteps` reverses them), so each step is moved out, not
    /// copied: taking from the front copied every record, a retain and a release per field.
    private mutating func next() throws -> PaperStep? {
        while chunk.isEmpty {
            if !ahead.isEmpty {
                chunk = ahead.removeFirst()
            } else {
                guard let c = try queue.next() else { return nil }
                chunk = c
            }
        }
        return chunk.popLast()
    }

    /// Starts the next file: its format, or the error that stopped the reader before its first record.
    mutating func beginFile() throws -> PaperFormat {
        switch try next() {
        case .begin(let format):
            inFile = true
            return format
        case .failed(let error): throw error
        default: preconditionFailure("the reader sends each file's begin or failure first")
        }
    }

    /// True if the current file ends within `limit` more records, which are then all read (`nextInFile` returns
    /// them). Throws the error that stopped the reader within them. The records stay in their chunks: the chunks
    /// are only looked through for the file's end, since moving each record out and back cost a copy of it.
    mutating func readWholeFile(upTo limit: Int) throws -> Bool {
        var records = 0
        /// True at the file's end; throws at its failure.
        func ends(in c: [PaperStep]) throws -> Bool {
            for i in c.indices.reversed() {
                guard records <= limit else { return false }
                switch c[i] {
                case .paper, .reject: records += 1
                case .end: return true
                case .failed(let error): throw error
                case .begin: preconditionFailure("a file began before the last one ended")
                }
            }
            return false
        }
        guard inFile else { return true }
        if try ends(in: chunk) { return true }
        for c in ahead where try ends(in: c) { return true }
        while records <= limit {
            guard let c = try queue.next() else { return true }
            ahead.append(c)
            if try ends(in: c) { return true }
        }
        return false
    }

    /// The current file's next record or reject; nil at its end. Rethrows the error that stopped the reader mid-file.
    mutating func nextInFile() throws -> PaperRecordStep? {
        guard inFile else { return nil }
        switch try next() {
        case .paper(let p): return .paper(p)
        case .reject(let r): return .reject(r)
        case .end, nil:
            inFile = false
            return nil
        case .failed(let error):
            inFile = false
            throw error
        case .begin: preconditionFailure("a file began before the last one ended")
        }
    }

    /// Drops what is left of a file the writer gave up on, so the next file starts at its own `begin`.
    mutating func skipRestOfFile() {
        while inFile, (try? nextInFile()) != nil {}
        inFile = false
    }
}

private enum PaperRecordStep {
    case paper(PreparedPaper)
    case reject(PaperReject)
}

/// The job as the reading thread sees it: while it runs, the writing thread only waits on the queue and touches
/// neither the Nature Index memo nor the progress bar.
private struct ReadingJob: @unchecked Sendable {
    let job: PaperImportJob
}
