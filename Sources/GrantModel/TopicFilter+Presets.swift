import Foundation

extension TopicFilter {
    /// The shipped topic files (`Resources/topics/*.json` in the module bundle).
    ///
    /// Foundation on Linux treats a bundle folder holding `Resources/` as its resource folder, so the
    /// subdirectory depends on the platform's bundle layout: look in both.
    static var presetFiles: [URL] {
        // Paths, not `urls(forResourcesWithExtension:)`, which returns `[NSURL]` on Linux.
        let paths = ["topics", "Resources/topics"].flatMap {
            Bundle.module.paths(forResourcesOfType: "json", inDirectory: $0)
        }
        return Array(Set(paths)).sorted().map { URL(fileURLWithPath: $0) }
    }

    /// Names of the shipped presets, sorted.
    public static var presetNames: [String] {
        presetFiles.map { $0.deletingPathExtension().lastPathComponent }.sorted()
    }

    /// A shipped topic by name (`medical-ai`, `ai`); case-insensitive, `.json` optional.
    ///
    /// `medical-ai` encodes the NSFC search strategy of Qiu et al. (NEJM AI 2025): H needs an AI term, F a medical
    /// term, and G, described there as "the union of both groups", needs an AI term *and* a medical term. The OR
    /// reading would take every management project mentioning 健康 or 算法, which is not medical AI and does not fit
    /// the study's 5.3% share; the preset's notes show the one-line change to that reading. `ai` selects core AI
    /// method terms in any department or paper.
    ///
    /// - Throws: `ModelError.unknownTopic` listing the presets, or the file's loading error.
    public static func preset(named name: String) throws -> TopicFilter {
        var key = name.trimmingSpaces.lowercased()
        if key.hasSuffix(".json") { key.removeLast(5) }
        guard let url = presetFiles.first(where: { $0.deletingPathExtension().lastPathComponent == key }) else {
            throw ModelError.unknownTopic(name: name, available: presetNames)
        }
        return try TopicFilter(contentsOf: url)
    }

    /// Every shipped topic, sorted by name (for `grants topics`). A preset that fails to load is left out;
    /// the test suite loads each one, so that does not happen in a release.
    public static func presets() -> [TopicFilter] {
        presetNames.compactMap { try? preset(named: $0) }
    }
}
