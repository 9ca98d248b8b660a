import Foundation
import GrantReport
import Testing

/// Runs scripts/check-html.sh (headless Chromium: no console errors or CSP violations, charts in the DOM) on
/// rendered reports, including the hostile one. Skipped when Chromium is not installed.
@Suite(.enabled(if: Chromium.path != nil, "needs chromium"))
struct BrowserTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: ["departments", "funders", "hostile"])
    func rendersWithoutConsoleErrors(name: String) throws {
        let report = switch name {
        case "departments": Fixtures.departmentReport
        case "funders": Fixtures.funderReport
        default: Fixtures.hostileReport
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(HTMLRenderer().render(report).utf8).write(to: url)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [Self.packageRoot.appendingPathComponent("scripts/check-html.sh").path, url.path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(stdout)\(stderr)")
        #expect(stdout.hasPrefix("ok:"))
    }
}

enum Chromium {
    static let path = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
}
