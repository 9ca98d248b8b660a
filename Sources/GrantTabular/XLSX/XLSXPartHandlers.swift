/// Collects `<sheet name=… r:id=…>` entries of `xl/workbook.xml` in order.
struct WorkbookHandler: XMLEventHandler {
    var sheets: [(name: String, relationshipID: String)] = []

    mutating func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        guard name.is("sheet"), let sheetName = attributes.value("name"), let id = attributes.value("id") else { return }
        sheets.append((sheetName, id))
    }
    mutating func endElement(_ name: XMLName) throws {}
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}

/// Collects the `<Relationship Id Type Target>` entries of a `.rels` part.
struct RelationshipsHandler: XMLEventHandler {
    var targets: [String: String] = [:]
    var typedTargets: [(type: String, target: String)] = []

    mutating func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        guard name.is("Relationship"), let target = attributes.value("Target") else { return }
        if let id = attributes.value("Id") { targets[id] = target }
        if let type = attributes.value("Type") { typedTargets.append((type, target)) }
    }
    mutating func endElement(_ name: XMLName) throws {}
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {}
}

/// Collects the shared-string table: one string per `<si>`, rich-text runs joined, phonetic runs dropped.
struct SharedStringsHandler: XMLEventHandler {
    var strings: [String] = []
    private var current: [UInt8] = []
    private var inText = false
    private var inPhonetic = false

    mutating func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        if name.is("t") {
            inText = !inPhonetic
        } else if name.is("si") {
            current.removeAll(keepingCapacity: true)
        } else if name.is("rPh") {
            inPhonetic = true
        } else if name.is("sst"), let count = attributes.rawValue("uniqueCount").flatMap(CellText.integer) {
            strings.reserveCapacity(min(count, 1_000_000))
        }
    }

    mutating func endElement(_ name: XMLName) throws {
        if name.is("t") {
            inText = false
        } else if name.is("si") {
            strings.append(XMLEntities.unescapeOOXML(String(decoding: current, as: UTF8.self)))
        } else if name.is("rPh") {
            inPhonetic = false
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if inText { current.append(contentsOf: bytes) }
    }
}

/// Turns worksheet XML events into rows: fills gaps from cell references, resolves shared strings,
/// formats numbers and booleans. Finished rows wait in `finished` until the reader drains them.
struct SheetHandler: XMLEventHandler {
    enum Collecting { case none, value, inlineText }

    let sharedStrings: [String]
    let path: String
    var finished: [TableRow] = []

    private var rowNumber = 0
    private var cells: [String] = []
    private var rowHasValue = false
    private var nextColumn = 0
    private var column = 0
    private var cellType = CellKind.number
    private var collecting = Collecting.none
    private var inInlineString = false
    private var inPhonetic = false
    private var value: [UInt8] = []
    private var inline: [UInt8] = []

    /// Columns beyond Excel's last (XFD) mean a damaged reference; ignore them rather than allocate.
    static let maxColumns = 16_384

    init(sharedStrings: [String], path: String) {
        self.sharedStrings = sharedStrings
        self.path = path
    }

    mutating func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        if name.is("c") {
            let ref = attributes.rawValue("r").flatMap(CellText.columnIndex)
            column = ref ?? nextColumn
            cellType = attributes.rawValue("t").map(CellKind.init) ?? .number
            value.removeAll(keepingCapacity: true)
            inline.removeAll(keepingCapacity: true)
        } else if name.is("v") {
            collecting = .value
        } else if name.is("t") {
            if inInlineString && !inPhonetic { collecting = .inlineText }
        } else if name.is("is") {
            inInlineString = true
        } else if name.is("rPh") {
            inPhonetic = true
        } else if name.is("row") {
            rowNumber = attributes.rawValue("r").flatMap(CellText.integer) ?? rowNumber + 1
            cells.removeAll(keepingCapacity: true)
            rowHasValue = false
            nextColumn = 0
        }
    }

    mutating func endElement(_ name: XMLName) throws {
        if name.is("c") {
            let text = try cellText()
            if !text.isEmpty && column < Self.maxColumns {
                if cells.count <= column {
                    cells.append(contentsOf: repeatElement("", count: column + 1 - cells.count))
                }
                cells[column] = text
                rowHasValue = true
            }
            nextColumn = column + 1
        } else if name.is("v") || name.is("t") {
            collecting = .none
        } else if name.is("is") {
            inInlineString = false
        } else if name.is("rPh") {
            inPhonetic = false
        } else if name.is("row") {
            if rowHasValue { finished.append(TableRow(number: rowNumber, cells: cells)) }
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        switch collecting {
        case .none: break
        case .value: value.append(contentsOf: bytes)
        case .inlineText: inline.append(contentsOf: bytes)
        }
    }

    private func cellText() throws -> String {
        switch cellType {
        case .shared:
            guard !value.isEmpty else { return "" }
            guard let index = value.withUnsafeBufferPointer(CellText.integer), index < sharedStrings.count else {
                let shown = String(decoding: value, as: UTF8.self)
                throw TabularError.corrupt(path: path, detail: "row \(rowNumber): shared string \(shown) does not exist")
            }
            return sharedStrings[index]
        case .inline:
            return XMLEntities.unescapeOOXML(String(decoding: inline.isEmpty ? value : inline, as: UTF8.self))
        case .text:
            return XMLEntities.unescapeOOXML(String(decoding: value, as: UTF8.self))
        case .boolean:
            return CellText.boolean(String(decoding: value, as: UTF8.self))
        case .number:
            return CellText.number(String(decoding: value, as: UTF8.self))
        }
    }
}

/// The `t` attribute of a `<c>` cell.
enum CellKind {
    case shared, inline, text, boolean, number

    /// `s`, `inlineStr`, `str`/`e`/`d`, `b`; anything else (`n` or unknown) is a number.
    init(_ raw: UnsafeBufferPointer<UInt8>) {
        switch (raw.count, raw.first) {
        case (1, UInt8(ascii: "s")): self = .shared
        case (9, UInt8(ascii: "i")): self = .inline
        case (3, UInt8(ascii: "s")), (1, UInt8(ascii: "e")), (1, UInt8(ascii: "d")): self = .text
        case (1, UInt8(ascii: "b")): self = .boolean
        default: self = .number
        }
    }
}
