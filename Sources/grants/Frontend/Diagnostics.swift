import ArgumentParser
import Foundation

/// Diagnostics go to stderr; data goes to stdout.
enum Diagnostics {
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("grants: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// Runs `body`, turning a library error into one clear line on stderr and exit status 1 (no stack trace).
    @discardableResult
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as any LocalizedError {
            Self.error(error.errorDescription ?? "\(error)")
            throw ExitCode.failure
        } catch {
            Self.error("\(error)")
            throw ExitCode.failure
        }
    }
}

/// Writes to stdout without Foundation's buffering surprises.
enum Output {
    static func write(_ text: String) {
        write(Data(text.utf8))
    }

    static func write(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }

    static func line(_ text: String = "") { write(text + "\n") }
}
