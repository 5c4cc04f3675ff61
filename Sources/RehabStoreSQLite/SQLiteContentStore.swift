import Foundation
internal import GRDB
public import RehabCore

/// The embedded content store: one SQLite file in WAL mode, through GRDB.
///
/// Reads run concurrently with writes; every import is one `IMMEDIATE` transaction, so a second
/// process writing the same file waits its turn (up to the busy timeout) instead of failing.
public struct SQLiteContentStore: ContentStore {
    private let writer: any DatabaseWriter

    /// Opens (creating if needed) the database file at `path`.
    public init(path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        writer = try DatabasePool(path: path, configuration: Self.configuration)
    }

    /// A private in-memory database, for tests.
    public static func inMemory() throws -> SQLiteContentStore {
        SQLiteContentStore(writer: try DatabaseQueue(configuration: configuration))
    }

    private init(writer: any DatabaseWriter) { self.writer = writer }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "rehabfaqs"
        return configuration
    }

    // MARK: - Writing

    public func migrate() async throws {
        let writer = self.writer
        // GRDB migrates synchronously; do it off the cooperative pool.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                do {
                    try Migrations.migrator.migrate(writer)
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    @discardableResult
    public func apply(_ bundle: ContentBundle, prune: Bool, onlyIfEmpty: Bool) async throws -> ImportSummary? {
        try await writer.writeWithoutTransaction { db in
            var summary: ImportSummary?
            try db.inTransaction(.immediate) {
                if onlyIfEmpty, try ArticleRecord.fetchCount(db) > 0 { return .rollback }
                summary = try Self.write(bundle, prune: prune, in: db)
                return .commit
            }
            return summary
        }
    }

    private static func write(_ bundle: ContentBundle, prune: Bool, in db: Database) throws -> ImportSummary {
        var summary = ImportSummary()
        let now = Date()
        for author in bundle.authors {
            let record = AuthorRecord(author)
            if try AuthorRecord.fetchOne(db, key: record.id) != record {
                try record.upsert(db)
                summary.otherChanges += 1
            }
        }
        for topic in bundle.topics {
            let record = TopicRecord(topic)
            if try TopicRecord.fetchOne(db, key: record.id) != record {
                try record.upsert(db)
                summary.otherChanges += 1
            }
        }
        for image in bundle.images {
            let hash = image.hash
            let stored = try String.fetchOne(db, sql: "SELECT hash FROM image WHERE id = ?", arguments: [image.name])
            if stored != hash {
                try ImageRecord(id: image.name, contentType: image.contentType, hash: hash, data: Data(image.data), modifiedAt: now).upsert(db)
                summary.otherChanges += 1
            }
        }
        for article in bundle.articles {
            summary.questions += article.questions.count
            let existing = try fetchArticle(slug: article.slug, in: db)
            if existing == article { continue }
            if existing == nil { summary.articlesAdded += 1 } else { summary.articlesChanged += 1 }
            // Aliases are unique across articles: one that moves to this article leaves its old one.
            try ArticleAliasRecord.filter(keys: article.aliases).deleteAll(db)
            try ArticleRecord.deleteOne(db, key: article.slug)
            try insert(article, modifiedAt: now, in: db)
        }
        if prune {
            let keep = Set(bundle.articles.map(\.slug))
            let stored = try String.fetchAll(db, sql: "SELECT id FROM article")
            for slug in stored where !keep.contains(slug) {
                try ArticleRecord.deleteOne(db, key: slug)
                summary.articlesRemoved += 1
            }
        }
        summary.articles = bundle.articles.count
        summary.authors = bundle.authors.count
        summary.topics = bundle.topics.count
        summary.images = bundle.images.count
        if summary.changedAnything {
            try db.execute(sql: "UPDATE contentVersion SET version = version + 1 WHERE id = 1")
        }
        return summary
    }

    private static func insert(_ article: Article, modifiedAt: Date, in db: Database) throws {
        do {
            try ArticleRecord(article, modifiedAt: modifiedAt).insert(db)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw StoreError.inconsistentContent("article '\(article.slug)' names an author or reviewer that is not stored")
        }
        for (position, topic) in article.topics.enumerated() {
            try ArticleTopicRecord(articleId: article.slug, position: position, name: topic, slug: Slug.make(from: topic)).insert(db)
        }
        for (position, reference) in article.references.enumerated() {
            try ArticleReferenceRecord(articleId: article.slug, position: position, title: reference.title,
                                       publisher: reference.publisher, url: reference.url,
                                       accessed: reference.accessed?.description).insert(db)
        }
        for alias in article.aliases {
            try ArticleAliasRecord(id: alias, articleId: article.slug).upsert(db)
        }
        for (position, section) in article.sections.enumerated() {
            try ArticleSectionRecord(articleId: article.slug, position: position, kind: section.kind.rawValue,
                                     heading: section.heading, headingSource: section.headingSource,
                                     anchor: section.anchor, body: section.body).insert(db)
        }
    }

    // MARK: - Reading

    public func article(slug: String) async throws -> Article? {
        try await writer.read { db in try Self.fetchArticle(slug: slug, in: db) }
    }

    private static func fetchArticle(slug: String, in db: Database) throws -> Article? {
        guard let record = try ArticleRecord.fetchOne(db, key: slug) else { return nil }
        let child = Column("articleId") == slug
        return record.model(
            topics: try ArticleTopicRecord.filter(child).fetchAll(db),
            references: try ArticleReferenceRecord.filter(child).fetchAll(db),
            aliases: try ArticleAliasRecord.filter(child).fetchAll(db),
            sections: try ArticleSectionRecord.filter(child).fetchAll(db)
        )
    }

    public func articleSlug(forAlias alias: String) async throws -> String? {
        try await writer.read { db in try ArticleAliasRecord.fetchOne(db, key: alias)?.articleId }
    }

    public func articleSummaries() async throws -> [ArticleSummary] {
        try await writer.read { db in
            let topics = Dictionary(grouping: try ArticleTopicRecord.fetchAll(db), by: \.articleId)
            let questions = Dictionary(grouping: try ArticleSectionRecord.fetchAll(db, sql: """
                SELECT articleId, position, kind, heading, '' AS headingSource, anchor, '' AS body
                FROM articleSection WHERE kind = 'question'
                """), by: \.articleId)
            return try ArticleRecord.order(Column("id")).fetchAll(db).map { record in
                ArticleSummary(record.model(topics: topics[record.id] ?? [], references: [], aliases: [],
                                            sections: questions[record.id] ?? []))
            }
        }
    }

    public func authors() async throws -> [Author] {
        try await writer.read { db in try AuthorRecord.order(Column("id")).fetchAll(db).map(\.model) }
    }

    public func topics() async throws -> [TopicDescription] {
        try await writer.read { db in try TopicRecord.order(Column("id")).fetchAll(db).map(\.model) }
    }

    public func image(named name: String) async throws -> ImageAsset? {
        try await writer.read { db in try ImageRecord.fetchOne(db, key: name)?.model }
    }

    public func imageHashes() async throws -> [String: String] {
        try await writer.read { db in
            var hashes: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, hash FROM image") { hashes[row["id"]] = row["hash"] }
            return hashes
        }
    }

    public func exportAll() async throws -> ContentBundle {
        try await writer.read { db in
            let topics = Dictionary(grouping: try ArticleTopicRecord.fetchAll(db), by: \.articleId)
            let references = Dictionary(grouping: try ArticleReferenceRecord.fetchAll(db), by: \.articleId)
            let aliases = Dictionary(grouping: try ArticleAliasRecord.fetchAll(db), by: \.articleId)
            let sections = Dictionary(grouping: try ArticleSectionRecord.fetchAll(db), by: \.articleId)
            let articles = try ArticleRecord.order(Column("id")).fetchAll(db).map { record in
                record.model(topics: topics[record.id] ?? [], references: references[record.id] ?? [],
                             aliases: aliases[record.id] ?? [], sections: sections[record.id] ?? [])
            }
            return ContentBundle(
                articles: articles,
                authors: try AuthorRecord.order(Column("id")).fetchAll(db).map(\.model),
                topics: try TopicRecord.order(Column("id")).fetchAll(db).map(\.model),
                images: try ImageRecord.order(Column("id")).fetchAll(db).map(\.model)
            )
        }
    }

    public func changeToken() async throws -> Int64 {
        try await writer.read { db in try Int64.fetchOne(db, sql: "SELECT version FROM contentVersion WHERE id = 1") ?? 0 }
    }
}
