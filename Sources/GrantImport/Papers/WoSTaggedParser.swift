import GrantModel

/// Push parser for Web of Science plain-text ("tagged") exports.
///
/// Lines are `XX value` (2-char tag, space) or continuations starting with three spaces; records run from `PT` to
/// `ER`; files may hold several `FN … EF` blocks. AU/AF/C1 keep one item per line, other fields are re-joined with a
/// single space. Unknown well-formed tags are ignored; a malformed line or a record without `ER` rejects the record.
public struct WoSTaggedParser: LineParser {
    private let file: String
    private var inRecord = false
    private var recordNumber = 0
    private var recordLine = 0
    /// Slot of the tag whose continuation lines follow, or -1 for a tag we ignore.
    private var currentSlot = -1
    private var slots: [[Substring]] = Array(repeating: [], count: Slot.count)
    private var problem: String?
    private var raw = ""
    private var headerLine = 0
    private var closedByEF = true

    public init(file: String) {
        self.file = file
    }

    public mutating func feed(line rawLine: Substring, number: Int, emit: (PaperEvent) throws -> Void) rethrows {
        var line = rawLine
        if line.utf8.first == 0xEF, line.first == "\u{FEFF}" { line = line.dropFirst() }
        let u = line.utf8
        if u.last == 0x0D { line = Substring(u.dropLast()) }
        let utf8 = line.utf8
        var it = utf8.makeIterator()
        guard let b0 = it.next() else {
            // Blank lines separate records; inside a record they are harmless.
            return
        }
        let b1 = it.next()
        let b2 = it.next()
        if b0 == 0x20 {
            // Continuation: exactly three spaces, then text.
            guard b1 == 0x20, b2 == 0x20, inRecord else {
                if inRecord {
                    appendRaw(line)
                    noteProblem("line \(number): not a tag line nor a continuation")
                } else if !isBlank(utf8) {
                    try emit(.warning(reject(line: number, record: 0, reason: "stray text outside a record", raw: String(line))))
                }
                return
            }
            appendRaw(line)
            if currentSlot >= 0 {
                slots[currentSlot].append(Substring(utf8.dropFirst(3)))
            }
            return
        }
        guard let b1, isTagStart(b0), isTagChar(b1), b2 == nil || b2 == 0x20 else {
            if inRecord {
                appendRaw(line)
                noteProblem("line \(number): not a tag line nor a continuation")
            } else {
                try emit(.warning(reject(line: number, record: 0, reason: "stray text outside a record", raw: String(line))))
            }
            return
        }
        let tag = UInt16(b0) << 8 | UInt16(b1)
        let value = b2 == nil ? Substring() : Substring(utf8.dropFirst(3))
        switch tag {
        case Tag.PT:
            if inRecord {
                try flush(unterminated: "no ER before the next PT (line \(number))", emit: emit)
            }
            startRecord(line: number, text: line)
            return
        case Tag.ER:
            if inRecord {
                appendRaw(line)
                try flush(unterminated: nil, emit: emit)
            } else {
                try emit(.warning(reject(line: number, record: 0, reason: "ER outside a record", raw: String(line))))
            }
            return
        case Tag.FN, Tag.VR:
            if inRecord { try flush(unterminated: "no ER before \(line.prefix(2)) (line \(number))", emit: emit) }
            if tag == Tag.FN {
                if !closedByEF {
                    try emit(.warning(reject(line: headerLine, record: 0, reason: "FN block starting at line \(headerLine) has no EF", raw: "")))
                }
                headerLine = number
                closedByEF = false
            }
            return
        case Tag.EF:
            if inRecord { try flush(unterminated: "no ER before EF (line \(number))", emit: emit) }
            closedByEF = true
            return
        default:
            break
        }
        if !inRecord {
            // A field outside PT…ER: the record lost its PT line.
            startRecord(line: number, text: line)
            noteProblem("record does not start with PT")
        } else {
            appendRaw(line)
        }
        currentSlot = Slot.of(tag)
        if currentSlot >= 0 { slots[currentSlot].append(value) }
    }

    public mutating func finish(emit: (PaperEvent) throws -> Void) rethrows {
        if inRecord {
            try flush(unterminated: "no ER before end of file", emit: emit)
        }
        if !closedByEF {
            try emit(.warning(reject(line: headerLine, record: 0, reason: "file ends without EF (FN block from line \(headerLine))", raw: "")))
            closedByEF = true
        }
    }

    // MARK: - Records

    private mutating func startRecord(line number: Int, text: Substring) {
        inRecord = true
        recordNumber += 1
        recordLine = number
        currentSlot = -1
        problem = nil
        raw.removeAll(keepingCapacity: true)
        raw += text
        raw += "\n"
        for i in slots.indices { slots[i].removeAll(keepingCapacity: true) }
    }

    private mutating func appendRaw(_ line: Substring) {
        if raw.utf8.count < PaperReject.rawLimit {
            raw += line
            raw += "\n"
        }
    }

    private mutating func noteProblem(_ reason: String) {
        if problem == nil { problem = reason }
    }

    private mutating func flush(unterminated: String?, emit: (PaperEvent) throws -> Void) rethrows {
        inRecord = false
        currentSlot = -1
        if let reason = problem ?? unterminated {
            try emit(.reject(reject(line: recordLine, record: recordNumber, reason: reason, raw: raw)))
            return
        }
        let fields = makeFields()
        if let reason = fields.problem {
            try emit(.reject(reject(line: recordLine, record: recordNumber, reason: reason, raw: raw)))
            return
        }
        try emit(.paper(fields.record(source: .wos, provenance: Provenance(file: file, record: recordNumber, line: recordLine))))
    }

    private func reject(line: Int, record: Int, reason: String, raw: String) -> PaperReject {
        PaperReject(file: file, line: line, record: record, reason: reason, raw: PaperFields.capped(raw))
    }

    private func makeFields() -> WoSFields {
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
        f.c1 = list(.c1)
        f.de = text(.de)
        f.id = text(.id)
        f.abstract = text(.ab)
        f.fu = text(.fu)
        f.fx = text(.fx)
        return f
    }

    /// The field's lines re-joined with one space, as WoS's own tab-delimited export does (a line's trailing space
    /// is kept, so `NSF; ` + `[CMMI…]` gives `NSF;  [CMMI…]` there and here); the ends are trimmed.
    private func text(_ slot: Slot) -> String? {
        let pieces = slots[slot.rawValue]
        switch pieces.count {
        case 0: return nil
        case 1: return PaperFields.trimmed(pieces[0])
        default:
            var s = ""
            for (i, piece) in pieces.enumerated() {
                if i > 0 { s += " " }
                s += piece
            }
            return PaperFields.trimmed(s)
        }
    }

    private func list(_ slot: Slot) -> [String] {
        slots[slot.rawValue].compactMap { trimTrailing($0).map(String.init) }
    }

    private func trimTrailing(_ s: Substring) -> Substring? {
        let u = s.utf8
        var end = u.endIndex
        while end > u.startIndex, PaperFields.isSpace(u[u.index(before: end)]) { end = u.index(before: end) }
        if end == u.startIndex { return nil }
        return Substring(u[u.startIndex..<end])
    }

    private func isBlank(_ u: Substring.UTF8View) -> Bool {
        u.allSatisfy { PaperFields.isSpace($0) }
    }

    @inline(__always) private func isTagStart(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
    @inline(__always) private func isTagChar(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) }
}

// MARK: - Tags

extension WoSTaggedParser {
    private enum Tag {
        static func code(_ s: StaticString) -> UInt16 {
            s.withUTF8Buffer { UInt16($0[0]) << 8 | UInt16($0[1]) }
        }
        static let PT = code("PT"), ER = code("ER"), FN = code("FN"), VR = code("VR"), EF = code("EF")
    }

    /// The tags kept, each in its own slot.
    fileprivate enum Slot: Int, CaseIterable {
        case ut, di, pm, ti, so, j9, ji, sn, ei, py, ea, pd, dt, la, af, au, c1, de, id, ab, fu, fx

        static let count = allCases.count

        /// Slot of a tag code, -1 when the tag is not kept (CR, RP, EM, NR, … and unknown tags).
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
