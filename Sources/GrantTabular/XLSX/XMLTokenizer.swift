/// An element name without its namespace prefix, as raw UTF-8 bytes valid during one callback.
struct XMLName {
    let bytes: UnsafeBufferPointer<UInt8>

    /// Whether the local name equals `name` (ASCII).
    func `is`(_ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        let other = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        return bytes.elementsEqual(other)
    }
}

/// The attribute text of a start tag, parsed on demand; valid during one callback.
struct XMLAttributes {
    let bytes: UnsafeBufferPointer<UInt8>

    /// The entity-decoded value of the first attribute whose local name (prefix dropped) is `name`.
    func value(_ name: StaticString) -> String? {
        guard let raw = rawValue(name) else { return nil }
        var out: [UInt8] = []
        XMLEntities.appendDecoded(raw, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The undecoded value bytes of attribute `name` (enough for numbers and cell references).
    func rawValue(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        let wanted = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        let n = bytes.count
        var i = 0
        while i < n {
            while i < n && XMLTokenizer.isSpace(bytes[i]) { i += 1 }
            let nameStart = i
            var localStart = i
            while i < n && bytes[i] != 0x3D && !XMLTokenizer.isSpace(bytes[i]) {  // '='
                if bytes[i] == 0x3A { localStart = i + 1 }  // ':'
                i += 1
            }
            let nameEnd = i
            while i < n && bytes[i] != 0x3D { i += 1 }
            i += 1
            while i < n && XMLTokenizer.isSpace(bytes[i]) { i += 1 }
            guard i < n, bytes[i] == 0x22 || bytes[i] == 0x27 else { return nil }
            let quote = bytes[i]
            i += 1
            let valueStart = i
            while i < n && bytes[i] != quote { i += 1 }
            let value = UnsafeBufferPointer(rebasing: bytes[valueStart..<min(i, n)])
            i += 1
            if nameEnd > nameStart, UnsafeBufferPointer(rebasing: bytes[localStart..<nameEnd]).elementsEqual(wanted) {
                return value
            }
        }
        return nil
    }
}

/// Receives the events of ``XMLTokenizer``.
protocol XMLEventHandler {
    mutating func startElement(_ name: XMLName, attributes: XMLAttributes) throws
    mutating func endElement(_ name: XMLName) throws
    /// Character data with entities already decoded; may arrive in several pieces.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

/// A push-style XML tokenizer for the simple XML inside XLSX packages.
///
/// Bytes arrive in arbitrary chunks (straight from the zip inflater); a token cut by a chunk boundary
/// is held back until the rest arrives, so memory is bounded by the largest single token or text node.
/// It handles elements, attributes, character and numeric entities, CDATA, comments, processing
/// instructions and a DOCTYPE (skipped). It checks nesting depth, not well-formedness in full.
struct XMLTokenizer {
    /// What is held back from the previous chunk.
    private var buffer: [UInt8] = []
    private var scratch: [UInt8] = []
    private var depth = 0
    private var sawRoot = false

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Tokenizes as much of `chunk` (appended to what was held back) as forms complete tokens.
    mutating func feed<H: XMLEventHandler>(_ chunk: UnsafeRawBufferPointer, to handler: inout H) throws {
        if buffer.isEmpty {
            let used = try tokenize(chunk.bindMemory(to: UInt8.self), handler: &handler)
            buffer.append(contentsOf: chunk[used...])
        } else {
            var pending: [UInt8] = []
            swap(&pending, &buffer)
            pending.append(contentsOf: chunk)
            let used = try pending.withUnsafeBufferPointer { try tokenize($0, handler: &handler) }
            buffer = Array(pending[used...])
        }
    }

    /// Checks that the document ended cleanly.
    ///
    /// - Throws: a description of what is missing when the XML stops mid-way.
    func finish() throws(XMLTruncation) {
        if !sawRoot { throw XMLTruncation(detail: "no XML element found") }
        if depth != 0 || buffer.contains(where: { !Self.isSpace($0) }) {
            throw XMLTruncation(detail: "XML ends mid-way")
        }
    }

    /// Returns how many bytes were consumed; the rest is an incomplete token.
    private mutating func tokenize<H: XMLEventHandler>(
        _ b: UnsafeBufferPointer<UInt8>, handler: inout H
    ) throws -> Int {
        let n = b.count
        var i = 0
        while i < n {
            if b[i] != 0x3C {  // text up to the next '<'
                var j = i
                while j < n && b[j] != 0x3C { j += 1 }
                if j == n { return i }  // the text node may continue (or an entity may be cut)
                try emitText(UnsafeBufferPointer(rebasing: b[i..<j]), handler: &handler)
                i = j
                continue
            }
            guard i + 1 < n else { return i }
            let next = b[i + 1]
            if next == 0x21 {  // '!': comment, CDATA or DOCTYPE
                if Self.hasPrefix(b, at: i, "<!--") {
                    guard let end = Self.find(b, from: i + 4, "-->") else { return i }
                    i = end + 3
                } else if Self.hasPrefix(b, at: i, "<![CDATA[") {
                    guard let end = Self.find(b, from: i + 9, "]]>") else { return i }
                    try handler.text(UnsafeBufferPointer(rebasing: b[(i + 9)..<end]))
                    i = end + 3
                } else {
                    if n - i < 9 { return i }  // too short to tell CDATA from DOCTYPE yet
                    guard let end = Self.find(b, from: i + 2, ">") else { return i }
                    i = end + 1
                }
                continue
            }
            if next == 0x3F {  // '?': processing instruction
                guard let end = Self.find(b, from: i + 2, "?>") else { return i }
                i = end + 2
                continue
            }
            // A tag: find its '>' outside quoted attribute values.
            var j = i + 1
            var quote: UInt8 = 0
            while j < n {
                let c = b[j]
                if quote != 0 {
                    if c == quote { quote = 0 }
                } else if c == 0x22 || c == 0x27 {
                    quote = c
                } else if c == 0x3E {
                    break
                }
                j += 1
            }
            guard j < n else { return i }
            if next == 0x2F {  // '/': end tag
                let name = Self.localName(b, from: i + 2, to: j)
                depth -= 1
                try handler.endElement(name)
            } else {
                let selfClosing = b[j - 1] == 0x2F
                let inner = selfClosing ? j - 1 : j
                var k = i + 1
                while k < inner && !Self.isSpace(b[k]) && b[k] != 0x2F { k += 1 }
                let name = Self.localName(b, from: i + 1, to: k)
                let attributes = XMLAttributes(bytes: UnsafeBufferPointer(rebasing: b[k..<max(k, inner)]))
                sawRoot = true
                try handler.startElement(name, attributes: attributes)
                if selfClosing {
                    try handler.endElement(name)
                } else {
                    depth += 1
                }
            }
            i = j + 1
        }
        return n
    }

    private mutating func emitText<H: XMLEventHandler>(_ raw: UnsafeBufferPointer<UInt8>, handler: inout H) throws {
        guard raw.contains(0x26) else {  // no '&': pass through untouched
            try handler.text(raw)
            return
        }
        scratch.removeAll(keepingCapacity: true)
        XMLEntities.appendDecoded(raw, to: &scratch)
        try scratch.withUnsafeBufferPointer { try handler.text($0) }
    }

    private static func localName(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> XMLName {
        var s = start
        var e = start
        while e < end && !isSpace(b[e]) && b[e] != 0x2F {
            if b[e] == 0x3A { s = e + 1 }
            e += 1
        }
        return XMLName(bytes: UnsafeBufferPointer(rebasing: b[s..<max(s, e)]))
    }

    private static func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, at i: Int, _ s: StaticString) -> Bool {
        let m = s.utf8CodeUnitCount
        guard i + m <= b.count else { return false }
        let p = s.utf8Start
        for k in 0..<m where b[i + k] != p[k] { return false }
        return true
    }

    private static func find(_ b: UnsafeBufferPointer<UInt8>, from start: Int, _ s: StaticString) -> Int? {
        let m = s.utf8CodeUnitCount
        var i = start
        while i + m <= b.count {
            if hasPrefix(b, at: i, s) { return i }
            i += 1
        }
        return nil
    }
}

/// Why an XML part could not be read to its end.
struct XMLTruncation: Error {
    let detail: String
}
