import Foundation
import Testing
@testable import GrantTabular

@Suite struct EncodingTests {
    @Test(arguments: [
        ("utf-8", TextEncoding.utf8), ("UTF8", .utf8), ("gbk", .gb18030), ("GB2312", .gb18030),
        ("gb18030", .gb18030), ("cp936", .gb18030), ("utf-16", .utf16le), ("UTF-16LE", .utf16le),
        ("utf-16be", .utf16be),
    ])
    func parsesCLILabels(label: String, expected: TextEncoding) {
        #expect(TextEncoding(label: label) == expected)
    }

    @Test func rejectsUnknownLabel() {
        #expect(TextEncoding(label: "latin-1") == nil)
    }

    @Test func detectsByBOM() throws {
        let text = "项目批准号,金额\n"
        let utf8 = try decodeText([0xEF, 0xBB, 0xBF] + Array(text.utf8), encoding: nil)
        #expect(utf8.0 == text && utf8.1 == .utf8)
        let le = try decodeText([0xFF, 0xFE] + encode(text, as: "UTF-16LE"), encoding: nil)
        #expect(le.0 == text && le.1 == .utf16le)
        let be = try decodeText([0xFE, 0xFF] + encode(text, as: "UTF-16BE"), encoding: nil)
        #expect(be.0 == text && be.1 == .utf16be)
    }

    @Test func bomWinsOverForcedEncoding() throws {
        let (text, used) = try decodeText([0xEF, 0xBB, 0xBF] + Array("中".utf8), encoding: .gb18030)
        #expect(text == "中")
        #expect(used == .utf8)
    }

    @Test func validUTF8WithoutBOMIsUTF8() throws {
        let (text, used) = try decodeText(Array("负责人 Zhang".utf8), encoding: nil)
        #expect(text == "负责人 Zhang")
        #expect(used == .utf8)
    }

    @Test func invalidUTF8FallsBackToGB18030() throws {
        let original = "国家自然科学基金 71571001"
        let bytes = encode(original, as: "GB18030")
        #expect(!bytes.isEmpty)
        let (text, used) = try decodeText(bytes, encoding: nil)
        #expect(used == .gb18030)
        #expect(text == original)
    }

    @Test func forcedEncodingIsUsedWithoutBOM() throws {
        // "中" in GB18030 (D6 D0) happens not to be valid UTF-8 either; force it anyway.
        let (text, used) = try decodeText(encode("中文", as: "GB18030"), encoding: .gb18030)
        #expect(text == "中文" && used == .gb18030)
    }

    @Test func invalidGB18030ReportsOffset() {
        let prefix = encode("项目", as: "GB18030")  // 4 bytes
        let bytes = prefix + [0x41, 0xFF, 0x42]
        #expect(throws: TabularError.undecodable(path: "<buffer>", encoding: "gb18030", byteOffset: prefix.count + 1)) {
            try decodeText(bytes, encoding: .gb18030)
        }
    }

    @Test func invalidUTF8ReportsOffsetWhenForced() {
        let bytes = Array("abc".utf8) + [0xC3, 0x28]
        #expect(throws: TabularError.undecodable(path: "<buffer>", encoding: "utf8", byteOffset: 3)) {
            try decodeText(bytes, encoding: .utf8)
        }
    }

    @Test func truncatedSequenceAtEndIsAnError() {
        let bytes = Array("ab".utf8) + [0xE4, 0xB8]  // first two bytes of 中
        #expect(throws: TabularError.undecodable(path: "<buffer>", encoding: "utf8", byteOffset: 2)) {
            try decodeText(bytes, encoding: .utf8)
        }
    }

    @Test func utf8ValidatorRejectsOverlongsAndSurrogates() {
        #expect(UTF8Validation.check([0xC0, 0x80]) == .invalid(offset: 0))
        #expect(UTF8Validation.check([0x41, 0xED, 0xA0, 0x80]) == .invalid(offset: 1))
        #expect(UTF8Validation.check([0xF4, 0x90, 0x80, 0x80]) == .invalid(offset: 0))
        #expect(UTF8Validation.check([0x41, 0xF0, 0x9F]) == .incompleteTail(validCount: 1))
        #expect(UTF8Validation.check(Array("😀中é".utf8)) == .valid)
    }

    @Test(arguments: 0..<20)
    func validatorFindsBadByteAtEveryAlignment(position: Int) {
        var bytes = Array(repeating: UInt8(ascii: "a"), count: 24)
        bytes[position] = 0xFF
        #expect(UTF8Validation.check(bytes) == .invalid(offset: position))
        bytes[position] = 0xC3  // a lead byte followed by ASCII
        #expect(UTF8Validation.check(bytes) == .invalid(offset: position))
        bytes.replaceSubrange(position..<position + 2, with: [0xC3, 0xA9])  // é
        #expect(UTF8Validation.check(bytes) == .valid)
    }

    /// Streams a file whose multi-byte characters straddle the 64 KB chunk boundaries.
    @Test(arguments: ["UTF-8", "GB18030", "UTF-16LE"])
    func sequencesSplitAcrossChunksDecode(encodingName: String) throws {
        let files = try TestFiles()
        defer { files.remove() }
        // 7-character lines mixing 1-, 2-, 3- and 4-byte characters so boundaries fall everywhere.
        var lines: [String] = []
        for i in 0..<30_000 { lines.append("\(i % 10)中é😀文") }
        let text = lines.joined(separator: "\n") + "\n"
        var bytes = encode(text, as: encodingName)
        if encodingName == "UTF-16LE" { bytes = [0xFF, 0xFE] + bytes }
        #expect(bytes.count > 3 * 65_536)
        let reader = try TextLineReader(path: files.write(bytes))
        var decoded: [String] = []
        try reader.forEachLine { _, line in decoded.append(String(line)) }
        #expect(decoded == lines)
        #expect(reader.bytesRead == bytes.count)
        #expect(reader.encoding.iconvName == encodingName)
    }

    @Test func invalidGB18030LateInFileReportsAbsoluteOffset() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let good = encode(String(repeating: "国家自然科学基金资助项目\n", count: 8_000), as: "GB18030")
        #expect(good.count > 100_000)
        let bytes = good + [0xFF] + encode("尾\n", as: "GB18030")
        let path = try files.write(bytes)
        let reader = try TextLineReader(path: path)
        #expect(reader.encoding == .gb18030)
        #expect(throws: TabularError.undecodable(path: path, encoding: "gb18030", byteOffset: good.count)) {
            try reader.forEachLine { _, _ in }
        }
    }

    @Test func invalidUTF8AfterTheSampledChunkReportsOffset() throws {
        let files = try TestFiles()
        defer { files.remove() }
        let good = Array(String(repeating: "title,资助\n", count: 20_000).utf8)
        #expect(good.count > 2 * 65_536)
        let path = try files.write(good + [0xB9, 0xFA, 0x0A])  // a stray GBK pair deep in the file
        let reader = try TextLineReader(path: path)
        #expect(reader.encoding == .utf8)
        var linesBeforeError = 0
        #expect(throws: TabularError.undecodable(path: path, encoding: "utf8", byteOffset: good.count)) {
            try reader.forEachLine { _, _ in linesBeforeError += 1 }
        }
        #expect(linesBeforeError > 0)
    }
}
