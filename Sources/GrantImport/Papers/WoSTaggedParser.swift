import GrantModel

/// Push parser for Web of Science plain-text ("tagged") exports.
///
/// Lines are `XX value` (2-char tag, space) or continuations starting with three spaces; records run from `PT` to
/// `ER`; files may hold several `FN … EF` blocks. AU/AF/C1 keep one item per line, other fields are re-joined with a
/// single space. Unknown well-formed tags are ignored; a malformed line or a record without `ER` rejects the record.
public struct WoSTaggedParser: LineParser {
    private enum LineKind {
        case blank, continuation, tag(UInt16), malformed
    }

    private let file: String
    private var inRecord = false
    private var recordNumber = 0
    private var recordLine = 0
    /// Slot of the tag whose continuation lines follow, or -1 for a tag we ignore.
    private var currentSlot = -1
    /// Per kept field, the ranges of its lines' values in `arena` (tag, indent and stray CR excluded).
    private var slots: [[Range<Int>]] = Array(repeating: [], count: Slot.count)
    /// The current record's kept values, copied byte for byte; lines of ignored fields (CR, …) are never copied.
    private var arena: [UInt8] = []
    /// Where wrapped lines of one field are joined.
    private var scratch: [UInt8] = []
    private var problem: String?
    /// The record's first `PaperReject.rawLimit` bytes, kept for a reject report.
    private var raw: [UInt8] = []
    private var headerLine = 0
    private var closedByEF = true

    public init(file: String) {
        self.file = file
        raw.reserveCapacity(PaperReject.rawLimit + 200)
        arena.reserveCapacity(1 << 16)
    }

    public mutating func feed(line: Substring, number: Int, emit: (PaperEvent) throws -> Void) rethrows {
        try PaperFields.withBytes(line) { try feed(utf8: $0, number: number, emit: emit) }
    }

    /// Feeds one line given as its UTF-8 bytes (without the LF; a CR is tolerated): the fast path for a caller that
    /// reads the file into byte buffers and finds line ends itself.
    public mutating func feed(utf8 buf: UnsafeBufferPointer<UInt8>, number: Int,
                              emit: (PaperEvent) throws -> Void) rethrows
    {
        switch classify(buf) {
        case .blank:
            // Blank lines separate records; inside a record they are harmless.
            return
        case .continuation:
            if !inRecord { try emit(.warning(stray(buf, line: number))) }
            return
        case .malformed:
            if inRecord {
                noteProblem("line \(number): not a tag line nor a continuation")
            } else {
                try emit(.warning(stray(buf, line: number)))
            }
            return
        case .tag(let tag):
            switch tag {
            case Tag.PT:
                if inRecord {
                    try flush(unterminated: "no ER before the next PT (line \(number))", emit: emit)
                }
                startRecord(line: number, text: buf)
            case Tag.ER:
                if inRecord {
                    try flush(unterminated: nil, emit: emit)
                } else {
                    try emit(.warning(stray(buf, line: number, reason: "ER outside a record")))
                }
            case Tag.FN, Tag.VR:
                if inRecord { try flush(unterminated: "no ER before FN/VR (line \(number))", emit: emit) }
                if tag == Tag.FN {
                    if !closedByEF {
                        try emit(.warning(reject(line: headerLine, record: 0,
                                                 reason: "FN block starting at line \(headerLine) has no EF", raw: "")))
                    }
                    headerLine = number
                    closedByEF = false
                }
            case Tag.EF:
                if inRecord { try flush(unterminated: "no ER before EF (line \(number))", emit: emit) }
                closedByEF = true
            default:
                if !inRecord {
                    // A field outside PT…ER: the record lost its PT line. It is collected, then rejected.
                    startRecord(line: number, text: buf)
                    noteProblem("record does not start with PT")
                }
            }
        }
    }

    /// Classifies a line on its bytes (a BOM, a stray CR, the 2-char tag and its separator) and, in the same pass,
    /// copies it into `raw` (up to the cap) and a kept field's value into `arena`, so each line is touched once.
    /// The line that ends a record without ER (the next PT, FN or EF) lands in that record's raw text too, which
    /// only helps the reader of the reject.
    @inline(__always)
    private mutating func classify(_ buf: UnsafeBufferPointer<UInt8>) -> LineKind {
        if inRecord && raw.count < PaperReject.rawLimit {
            raw.append(contentsOf: buf)
            raw.append(0x0A)
        }
        var start = 0
        var end = buf.count
        if end >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { start = 3 }
        if end > start, buf[end - 1] == 0x0D { end -= 1 }
        let n = end - start
        if n == 0 { return .blank }
        let b0 = buf[start]
        if b0 == 0x20 {
            if n >= 3, buf[start + 1] == 0x20, buf[start + 2] == 0x20 {
                if inRecord, currentSlot >= 0 { keep(buf[(start + 3)..<end]) }
                return .continuation
            }
            var i = start
            while i < end, PaperFields.isSpace(buf[i]) { i += 1 }
            return i == end ? .blank : .malformed
        }
        guard n >= 2, Self.isTagStart(b0), Self.isTagChar(buf[start + 1]) else { return .malformed }
        let tag = UInt16(b0) << 8 | UInt16(buf[start + 1])
        guard n == 2 || buf[start + 2] == 0x20 else { return .malformed }
        if inRecord, !Tag.isStructural(tag) {
            currentSlot = Slot.of(tag)
            if currentSlot >= 0 { keep(buf[min(start + 3, end)..<end]) }
        }
        return .tag(tag)
    }

    private func stray(_ buf: UnsafeBufferPointer<UInt8>, line: Int,
                       reason: String = "stray text outside a record") -> PaperReject
    {
        reject(line: line, record: 0, reason: reason, raw: String(decoding: buf, as: UTF8.self))
    }

    public mutating func finish(emit: (PaperEvent) throws -> Void) rethrows {
        if inRecord {
            try flush(unterminated: "no ER before end of file", emit: emit)
        }
        if !closedByEF {
            try emit(.warning(reject(line: headerLine, record: 0,
                                     reason: "file ends without EF (FN block from line \(headerLine))", raw: "")))
            closedByEF = true
        }
    }

    // MARK: - Records

    private mutating func startRecord(line number: Int, text: UnsafeBufferPointer<UInt8>) {
        inRecord = true
        recordNumber += 1
        recordLine = number
        currentSlot = -1
        problem = nil
        raw.removeAll(keepingCapacity: true)
        appendRaw(text)
        for i in slots.indices where !slots[i].isEmpty { slots[i].removeAll(keepingCapacity: true) }
        arena.removeAll(keepingCapacity: true)
    }

    /// Copies a value into the arena and files its range under the current slot.
    @inline(__always)
    private mutating func keep(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        let lower = arena.count
        arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes))
        slots[currentSlot].append(lower..<arena.count)
    }

    private mutating func appendRaw(_ line: UnsafeBufferPointer<UInt8>) {
        guard raw.count < PaperReject.rawLimit else { return }
        raw.append(contentsOf: line)
        raw.append(0x0A)
    }

    private mutating func noteProblem(_ reason: String) {
        if problem == nil { problem = reason }
    }

    private mutating func flush(unterminated: String?, emit: (PaperEvent) throws -> Void) rethrows {
        inRecord = false
        currentSlot = -1
        if let reason = problem ?? unterminated {
            try emit(.reject(reject(line: recordLine, record: recordNumber, reason: reason,
                                    raw: String(decoding: raw, as: UTF8.self))))
            return
        }
        let fields = makeFields()
        if let reason = fields.problem {
            try emit(.reject(reject(line: recordLine, record: recordNumber, reason: reason,
                                    raw: String(decoding: raw, as: UTF8.self))))
            return
        }
        let provenance = Provenance(file: file, record: recordNumber, line: recordLine)
        try emit(.paper(fields.record(source: .wos, provenance: provenance)))
    }

    private func reject(line: Int, record: Int, reason: String, raw: String) -> PaperReject {
        PaperReject(file: file, line: line, record: record, reason: reason, raw: PaperFields.capped(raw))
    }

    private mutating func makeFields() -> WoSFields {
        var f = WoSFields()
        f.ut = text(.ut)
        f.doi = text(.di)
        f.pmid = text(.pm)
        f.title = text(.ti)
        f.journal = text(.so)
        f.j9 = text(.j9)
        f.ji = text(.ji)
        f.sn = text(.sn)
        f.ei = text(.ei)
        f.py = text(.py)
        f.ea = text(.ea)
        f.pd = text(.pd)
        f.documentType = text(.dt)
        f.language = text(.la)
        f.af = list(.af)
        f.au = list(.au)
        f.addresses = addresses()
        f.keywords = keywords(.de) + keywords(.id)
        f.abstract = text(.ab)
        f.fu = text(.fu)
        f.fx = text(.fx)
        return f
    }

    /// The field's lines re-joined with one space, as WoS's own tab-delimited export does (a line's trailing space
    /// is kept, so `NSF; ` + `[CMMI…]` gives `NSF;  [CMMI…]` there and here); the ends are trimmed.
    /// Joins wrapped lines with one space into `scratch`, reused from field to field.
    private mutating func joinIntoScratch(_ ranges: [Range<Int>], _ buf: UnsafeBufferPointer<UInt8>) {
        scratch.removeAll(keepingCapacity: true)
        for (i, r) in ranges.enumerated() {
            if i > 0 { scratch.append(0x20) }
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[r]))
        }
    }

    private mutating func text(_ slot: Slot) -> String? {
        let ranges = slots[slot.rawValue]
        if ranges.isEmpty { return nil }
        return arena.withUnsafeBufferPointer { buf in
            if ranges.count == 1 { return PaperFields.trimmedString(buf[ranges[0]]) }
            joinIntoScratch(ranges, buf)
            return scratch.withUnsafeBufferPointer { PaperFields.trimmedString($0[...]) }
        }
    }

    /// C1 lines as normalised addresses, straight from the arena.
    private func addresses() -> [String] {
        let ranges = slots[Slot.c1.rawValue]
        if ranges.isEmpty { return [] }
        return arena.withUnsafeBufferPointer { buf in
            ranges.compactMap { r in
                let s = PaperFields.wosAddress(buf[r])
                return s.isEmpty ? nil : s
            }
        }
    }

    /// A `;`-separated keyword field (wrapped lines re-joined with a space) as its items.
    private mutating func keywords(_ slot: Slot) -> [String] {
        let ranges = slots[slot.rawValue]
        if ranges.isEmpty { return [] }
        return arena.withUnsafeBufferPointer { buf in
            if ranges.count == 1 { return PaperFields.split(buf[ranges[0]], on: ";") }
            joinIntoScratch(ranges, buf)
            return scratch.withUnsafeBufferPointer { PaperFields.split($0[...], on: ";") }
        }
    }

    private func list(_ slot: Slot) -> [String] {
        let ranges = slots[slot.rawValue]
        if ranges.isEmpty { return [] }
        return arena.withUnsafeBufferPointer { buf in
            ranges.compactMap { r in
                let s = PaperFields.trimmedString(buf[r])
                return s.isEmpty ? nil : s
            }
        }
    }

    @inline(__always) private static func isTagStart(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inline(__always) private static func isTagChar(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }
}

// MARK: - Tags

extension WoSTaggedParser {
    private enum Tag {
        // "PT", "ER", "FN", "VR", "EF" as big-endian byte pairs (literals: no lazy globals on the hot path).
        static let PT: UInt16 = 0x5054, ER: UInt16 = 0x4552, FN: UInt16 = 0x464E, VR: UInt16 = 0x5652, EF: UInt16 = 0x4546

        /// Tags that open, close or frame records rather than hold a field.
        @inline(__always)
        static func isStructural(_ tag: UInt16) -> Bool {
            tag == PT || tag == ER || tag == FN || tag == VR || tag == EF
        }
    }

    /// The tags kept, each in its own slot.
    fileprivate enum Slot: Int, CaseIterable {
        case ut, di, pm, ti, so, j9, ji, sn, ei, py, ea, pd, dt, la, af, au, c1, de, id, ab, fu, fx

        static let count = allCases.count

        /// Slot of a tag code, -1 when the tag is not kept (CR, RP, EM, NR, … and unknown tags).
        @inline(__always)
        static func of(_ tag: UInt16) -> Int {
            switch tag {
            case 0x5554: Slot.ut.rawValue  // UT
            case 0x4449: Slot.di.rawValue  // DI
            case 0x504D: Slot.pm.rawValue  // PM
            case 0x5449: Slot.ti.rawValue  // TI
            case 0x534F: Slot.so.rawValue  // SO
            case 0x4A39: Slot.j9.rawValue  // J9
            case 0x4A49: Slot.ji.rawValue  // JI
            case 0x534E: Slot.sn.rawValue  // SN
            case 0x4549: Slot.ei.rawValue  // EI
            case 0x5059: Slot.py.rawValue  // PY
            case 0x4541: Slot.ea.rawValue  // EA
            case 0x5044: Slot.pd.rawValue  // PD
            case 0x4454: Slot.dt.rawValue  // DT
            case 0x4C41: Slot.la.rawValue  // LA
            case 0x4146: Slot.af.rawValue  // AF
            case 0x4155: Slot.au.rawValue  // AU
            case 0x4331: Slot.c1.rawValue  // C1
            case 0x4445: Slot.de.rawValue  // DE
            case 0x4944: Slot.id.rawValue  // ID
            case 0x4142: Slot.ab.rawValue  // AB
            case 0x4655: Slot.fu.rawValue  // FU
            case 0x4658: Slot.fx.rawValue  // FX
            default: -1
            }
        }
    }
}
