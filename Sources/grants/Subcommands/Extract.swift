import ArgumentParser
import Foundation
import GrantLink
import GrantModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GrantsCommand {
    /// `grants extract [FILE]`: grant numbers from acknowledgment texts, one JSON line per input line.
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extract",
            abstract: "Extract NSFC and National Key R&D grant numbers from acknowledgment texts.",
            discussion: """
                Input: one acknowledgment per line, either plain text or a JSON object {"id": …, "text": …} \
                (detected per line). Output: one JSON line per input line, in input order:
                  {"id": …, "mentions": [{"funder", "number", "raw", "start", "end", "funder_text", \
                "position", "valid", "note"}]}
                id is the JSON id, else the 1-based line number. start/end are Unicode-scalar (code point) \
                offsets into the text, end exclusive. funder is nsfc, nkrdpc or a look-alike id (provincial-nsf, \
                provincial-rd, cpsf, central-universities, 973, 863, key-tech-rd, sti2030, major-project, nssfc, \
                moe-humanities, cas, most, other). valid is false for a string credited to NSFC or Key R&D that \
                fits none of its formats.
                """)

        @Argument(help: "Input file; '-' or absent reads standard input.")
        var file: String?

        func run() throws {
            let path = file ?? "-"
            let input: UnsafeMutablePointer<FILE>
            if path == "-" {
                guard let f = fdopen(0, "r") else { throw ExitCode.failure }
                input = f
            } else {
                guard let f = fopen(path, "r") else {
                    FileHandle.standardError.write(Data("grants extract: cannot open \(path): \(errnoReason(errno))\n".utf8))
                    throw ExitCode.failure
                }
                input = f
            }
            defer { if path != "-" { fclose(input) } }

            let extractor = AcknowledgmentExtractor()
            var out = OutputBuffer()
            var lineBuffer: UnsafeMutablePointer<CChar>?
            var capacity = 0
            var lineNumber = 0
            var readFailure: Int32 = 0
            defer { free(lineBuffer) }
            while true {
                errno = 0
                let n = getline(&lineBuffer, &capacity, input)
                if n < 0 { readFailure = errno; break }
                lineNumber += 1
                guard let buf = lineBuffer else { break }
                var len = n
                while len > 0, buf[len - 1] == 10 || buf[len - 1] == 13 { len -= 1 }
                let line = buf.withMemoryRebound(to: UInt8.self, capacity: len) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: len), as: UTF8.self)
                }
                var id = JSONValue.number(String(lineNumber))
                var text = line
                if line.utf8.first == UInt8(ascii: "{"), let (jid, jtext) = JSONLine.idAndText(line) {
                    id = jid ?? id
                    text = jtext
                }
                out.writeLine(id: id, mentions: extractor.extract(text))
            }
            if ferror(input) != 0 {
                let reason = readFailure != 0 ? errnoReason(readFailure) : "read error"
                FileHandle.standardError.write(Data("grants extract: cannot read \(path) after line \(lineNumber): \(reason)\n".utf8))
                out.flush()
                throw ExitCode.failure
            }
            out.flush()
        }
    }
}
