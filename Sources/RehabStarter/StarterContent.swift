public import Foundation
import RehabContent
public import RehabCore

/// The articles bundled with the program, which `serve` puts into an empty database.
public enum StarterContent {
    /// The folder holding `articles/`, `authors/` and `topics/` inside the resource bundle.
    public static var folder: URL? { Bundle.module.url(forResource: "Content", withExtension: nil) }

    /// The bundled content, read and checked like any import.
    ///
    /// - Throws: ``RehabContent/ContentValidationError`` if the bundled files are broken (a build defect, caught by tests).
    public static func load() async throws -> ContentBundle {
        guard let folder else {
            throw ContentValidationError(issues: [ContentIssue(path: "Content", line: nil, message: "the starter content is missing from the resource bundle")])
        }
        let loaded = await ContentLoader().load(paths: [folder.path])
        let issues = loaded.issues + ContentValidator.crossFileIssues(in: loaded, knownAuthors: [])
        guard issues.isEmpty else { throw ContentValidationError(issues: issues) }
        return loaded.bundle
    }

    /// Fills `store` with the starter content if it holds no article yet.
    ///
    /// The check and the write happen in one transaction, so several nodes starting together on
    /// one database seed it once.
    /// - Returns: What was written, or `nil` when the store already had content.
    @discardableResult
    public static func seedIfEmpty(_ store: some ContentStore) async throws -> ImportSummary? {
        try await store.apply(try await load(), prune: false, onlyIfEmpty: true)
    }
}
