import Foundation

extension TopicFilter {
    /// The folder of shipped topic files (`Resources/topics/*.json`).
    ///
    /// Foundation on Linux treats a bundle folder holding `Resources/` as its resource folder, so the path
    /// depends on the platform's bundle layout: try both.
    static var presetDirectory: URL? {
        guard let base = Bundle.module.resourceURL else { return nil }
        return ["topics", "Resources/topics"].map { base.appendingPathComponent($0, isDirectory: true) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Names of the shipped presets, sorted.
    public static var presetNames: [String] {
        guard let dir = presetDirectory,
              let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// A shipped topic by name (`medical-ai`, `ai`); case-insensitive, `.json` optional.
    ///
    /// - Throws: `ModelError.unknownTopic` listing the presets, or the file's loading error.
    public static func preset(named name: String) throws -> TopicFilter {
        var key = name.trimmingSpaces.lowercased()
        if key.hasSuffix(".json") { key.removeLast(5) }
        guard let dir = presetDirectory, presetNames.contains(key) else {
            throw ModelError.unknownTopic(name: name, available: presetNames)
        }
        return try TopicFilter(contentsOf: dir.appendingPathComponent("\(key).json"))
    }

    /// Every shipped topic, sorted by name (for `grants topics`). A preset that fails to load is left out;
    /// the test suite loads each one, so that does not happen in a release.
    public static func presets() -> [TopicFilter] {
        presetNames.compactMap { try? preset(named: $0) }
    }
}
