public import RehabCore

/// Imports content files into a store, all or nothing: everything is read and checked first, and
/// only a run without problems is written, in one transaction.
public struct ContentImporter: Sendable {
    public let store: any ContentStore

    public init(store: any ContentStore) { self.store = store }

    /// Reads, checks and writes the content at `paths`.
    ///
    /// - Parameters:
    ///   - paths: Files and folders in the content format.
    ///   - prune: Also remove stored articles that are not among these files.
    /// - Returns: What the run changed.
    /// - Throws: ``ContentValidationError`` with every problem found (the store is untouched), or a storage error.
    ///   - progress: Called after each file is read with the count so far and the total.
    public func importContent(paths: [String], prune: Bool = false,
                              progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) async throws -> ImportSummary {
        let loaded = await ContentLoader().load(paths: paths, progress: progress)
        let bundle = try await validate(loaded)
        return try await store.apply(bundle, prune: prune)
    }

    /// Checks what cannot be seen in one file alone: unique slugs and aliases, known authors and reviewers.
    public func validate(_ loaded: ContentLoader.Result) async throws -> ContentBundle {
        var issues = loaded.issues
        let storedAuthors = Set(try await store.authors().map(\.slug))
        issues += ContentValidator.crossFileIssues(in: loaded, knownAuthors: storedAuthors)
        guard issues.isEmpty else {
            throw ContentValidationError(issues: issues.sorted { ($0.path, $0.line ?? 0) < ($1.path, $1.line ?? 0) })
        }
        return loaded.bundle
    }
}

/// Checks across the files of one import run.
public enum ContentValidator {
    /// Problems that involve more than one file: duplicate slugs or aliases, unknown authors or reviewers.
    ///
    /// - Parameter knownAuthors: Author slugs already stored; authors in the run are added to them.
    public static func crossFileIssues(in loaded: ContentLoader.Result, knownAuthors: Set<String>) -> [ContentIssue] {
        var issues: [ContentIssue] = []
        let authors = knownAuthors.union(loaded.authors.map(\.value.slug))
        var slugOwners: [String: String] = [:]
        for entry in loaded.articles {
            let article = entry.value
            if let other = slugOwners[article.slug] {
                issues.append(ContentIssue(path: entry.path, line: entry.keyLines["slug"] ?? entry.line(of: "title"),
                                           message: "duplicate slug '\(article.slug)': \(other) has the same slug"))
            } else {
                slugOwners[article.slug] = entry.path
            }
        }
        var aliasOwners: [String: String] = [:]
        for entry in loaded.articles {
            let article = entry.value
            if !authors.contains(article.author) {
                issues.append(ContentIssue(path: entry.path, line: entry.line(of: "author"),
                                           message: "unknown author '\(article.author)': add authors/\(article.author).md or use an existing author"))
            }
            if let reviewer = article.reviewer, !authors.contains(reviewer) {
                issues.append(ContentIssue(path: entry.path, line: entry.line(of: "reviewer"),
                                           message: "unknown reviewer '\(reviewer)': add authors/\(reviewer).md"))
            }
            for alias in article.aliases {
                if let owner = slugOwners[alias] {
                    issues.append(ContentIssue(path: entry.path, line: entry.line(of: "aliases"),
                                               message: "alias '\(alias)' is the slug of \(owner)"))
                } else if let owner = aliasOwners[alias], owner != entry.path {
                    issues.append(ContentIssue(path: entry.path, line: entry.line(of: "aliases"),
                                               message: "alias '\(alias)' is also an alias in \(owner)"))
                } else {
                    aliasOwners[alias] = entry.path
                }
            }
        }
        return issues
    }
}
