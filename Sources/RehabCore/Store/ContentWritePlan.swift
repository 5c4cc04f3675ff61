/// What one ``ContentStore/apply(_:prune:onlyIfEmpty:)`` must write, worked out from the bundle
/// and what the store holds: the same rules for every engine, so that they differ only in how they
/// read and write rows.
///
/// Unchanged authors, topics, images and articles are left out, so that re-importing the same
/// files writes nothing and the change token stays put.
public struct ContentWritePlan: Sendable {
    /// Authors that are new or differ from their stored version.
    public var authors: [Author] = []
    /// Topics that are new or differ from their stored version.
    public var topics: [TopicDescription] = []
    /// Images whose bytes are new or changed.
    public var images: [ImageAsset] = []
    /// Articles to write; each replaces its stored version (and child rows) when `replaces` is true.
    public var articles: [(article: Article, replaces: Bool)] = []
    /// Stored articles to delete (`--prune`).
    public var removedSlugs: [String] = []
    /// What the write changes, for people.
    public var summary = ImportSummary()

    /// Compares `bundle` with the stored content, read through the lookups.
    ///
    /// - Throws: ``StoreError/inconsistentContent(_:)`` when an article to write names an author or
    ///   reviewer that neither the bundle nor the store holds; errors from the lookups.
    ///
    /// - Parameters:
    ///   - storedAuthor: The stored author with a slug, if any.
    ///   - storedTopic: The stored topic with a slug, if any.
    ///   - storedImageHash: The content hash of the stored image with a name, if any.
    ///   - storedArticle: The stored article with a slug, if any.
    ///   - storedSlugs: Every stored article's slug; read only when `prune` is set.
    public init(
        _ bundle: ContentBundle, prune: Bool,
        storedAuthor: (String) throws -> Author?,
        storedTopic: (String) throws -> TopicDescription?,
        storedImageHash: (String) throws -> String?,
        storedArticle: (String) throws -> Article?,
        storedSlugs: () throws -> [String]
    ) throws {
        authors = try bundle.authors.filter { try storedAuthor($0.slug) != $0 }
        let bundleAuthors = Set(bundle.authors.map(\.slug))
        func isKnown(_ author: String) throws -> Bool { try bundleAuthors.contains(author) || storedAuthor(author) != nil }
        topics = try bundle.topics.filter { try storedTopic($0.slug) != $0 }
        images = try bundle.images.filter { try storedImageHash($0.name) != $0.hash }
        for article in bundle.articles {
            summary.questions += article.questions.count
            let existing = try storedArticle(article.slug)
            if existing == article { continue }
            for person in [article.author] + (article.reviewer.map { [$0] } ?? []) where try !isKnown(person) {
                throw StoreError.inconsistentContent("article '\(article.slug)' names the author or reviewer '\(person)', who is not stored")
            }
            if existing == nil { summary.articlesAdded += 1 } else { summary.articlesChanged += 1 }
            articles.append((article, existing != nil))
        }
        if prune {
            let keep = Set(bundle.articles.map(\.slug))
            removedSlugs = try storedSlugs().filter { !keep.contains($0) }
        }
        summary.articlesRemoved = removedSlugs.count
        summary.otherChanges = authors.count + topics.count + images.count
        summary.articles = bundle.articles.count
        summary.authors = bundle.authors.count
        summary.topics = bundle.topics.count
        summary.images = bundle.images.count
    }
}
