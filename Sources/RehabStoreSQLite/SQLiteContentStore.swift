public import Foundation
internal import GRDB
public import RehabCore

/// The embedded content store: one SQLite file in WAL mode, through GRDB.
///
/// Reads run concurrently with writes; every import is one `IMMEDIATE` transaction, so a second
/// process writing the same file waits its turn (up to the busy timeout) instead of failing.
public struct SQLiteContentStore: ContentStore {
    let writer: any DatabaseWriter

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
                    // A database migrated by a newer version: refuse rather than write to a schema we do not know.
                    if try writer.read({ db in try Migrations.migrator.hasBeenSuperseded(db) }) {
                        throw StoreError.unsupportedDatabase("this database was migrated by a newer version of rehabfaqs; run that version, or restore a backup made before the upgrade")
                    }
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
        let plan = try ContentWritePlan(
            bundle, prune: prune,
            storedAuthor: { try AuthorRecord.fetchOne(db, key: $0)?.model },
            storedTopic: { try TopicRecord.fetchOne(db, key: $0)?.model },
            storedImageHash: { try String.fetchOne(db, sql: "SELECT hash FROM image WHERE id = ?", arguments: [$0]) },
            storedArticle: { try fetchArticle(slug: $0, in: db) },
            storedSlugs: { try String.fetchAll(db, sql: "SELECT id FROM article") }
        )
        let now = Date()
        for author in plan.authors { try AuthorRecord(author).upsert(db) }
        for topic in plan.topics { try TopicRecord(topic).upsert(db) }
        for image in plan.images {
            try ImageRecord(id: image.name, contentType: image.contentType, hash: image.hash, data: Data(image.data), modifiedAt: now).upsert(db)
        }
        for (article, replaces) in plan.articles {
            // Aliases are unique across articles: one that moves to this article leaves its old one
            // (the insert below takes it over). Deleting the article removes its child rows.
            if replaces {
                try db.cachedStatement(sql: "DELETE FROM article WHERE id = ?").execute(arguments: [article.slug])
            }
            try insert(article, modifiedAt: now, in: db)
        }
        for slug in plan.removedSlugs { try ArticleRecord.deleteOne(db, key: slug) }
        if plan.summary.changedAnything {
            try db.execute(sql: "UPDATE contentVersion SET version = version + 1 WHERE id = 1")
        }
        return plan.summary
    }

    private static func insert(_ article: Article, modifiedAt: Date, in db: Database) throws {
        // Unknown authors and reviewers were refused by the write plan, before any row was written.
        let record = ArticleRecord(article, modifiedAt: modifiedAt)
        try db.cachedStatement(sql: """
            INSERT INTO article (id, title, authorId, reviewerId, published, updated, reviewed, indexTerm, audience, summary, intro, draft, modifiedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [record.id, record.title, record.authorId, record.reviewerId, record.published, record.updated,
                                     record.reviewed, record.indexTerm, record.audience, record.summary, record.intro, record.draft, record.modifiedAt])
        // Child rows go through cached statements: an import writes hundreds of thousands of them.
        let topic = try db.cachedStatement(sql: "INSERT INTO articleTopic (articleId, position, name, slug) VALUES (?, ?, ?, ?)")
        for (position, name) in article.topics.enumerated() {
            try topic.execute(arguments: [article.slug, position, name, Slug.make(from: name)])
        }
        let reference = try db.cachedStatement(sql: "INSERT INTO articleReference (articleId, position, title, publisher, url, accessed) VALUES (?, ?, ?, ?, ?, ?)")
        for (position, item) in article.references.enumerated() {
            try reference.execute(arguments: [article.slug, position, item.title, item.publisher, item.url, item.accessed?.description])
        }
        let alias = try db.cachedStatement(sql: "INSERT INTO articleAlias (id, articleId) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET articleId = excluded.articleId")
        for name in article.aliases {
            try alias.execute(arguments: [name, article.slug])
        }
        let section = try db.cachedStatement(sql: "INSERT INTO articleSection (articleId, position, kind, heading, headingSource, anchor, body) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (position, item) in article.sections.enumerated() {
            try section.execute(arguments: [article.slug, position, item.kind.rawValue, item.heading, item.headingSource, item.anchor, item.body])
        }
    }

    // MARK: - Reading

    public func article(slug: String) async throws -> Article? {
        try await writer.read { db in try Self.fetchArticle(slug: slug, in: db) }
    }

    private static func fetchArticle(slug: String, in db: Database) throws -> Article? {
        // Cached statements: import compares every article in a run with its stored version.
        let arguments: StatementArguments = [slug]
        guard let record = try ArticleRecord.fetchOne(try db.cachedStatement(sql: "SELECT * FROM article WHERE id = ?"), arguments: arguments) else { return nil }
        return record.model(
            topics: try ArticleTopicRecord.fetchAll(try db.cachedStatement(sql: "SELECT * FROM articleTopic WHERE articleId = ?"), arguments: arguments),
            references: try ArticleReferenceRecord.fetchAll(try db.cachedStatement(sql: "SELECT * FROM articleReference WHERE articleId = ?"), arguments: arguments),
            aliases: try ArticleAliasRecord.fetchAll(try db.cachedStatement(sql: "SELECT * FROM articleAlias WHERE articleId = ?"), arguments: arguments),
            sections: try ArticleSectionRecord.fetchAll(try db.cachedStatement(sql: "SELECT * FROM articleSection WHERE articleId = ?"), arguments: arguments)
        )
    }

    public func articleSlug(forAlias alias: String) async throws -> String? {
        try await writer.read { db in try ArticleAliasRecord.fetchOne(db, key: alias)?.articleId }
    }

    public func articleSummaries() async throws -> [ArticleSummary] {
        // Read row by row rather than through records: start-up reads every question heading.
        try await writer.read { db in
            var topics: [String: [String]] = [:]
            let topicRows = try Row.fetchCursor(db, sql: "SELECT articleId, name FROM articleTopic ORDER BY articleId, position")
            while let row = try topicRows.next() { topics[row[0], default: []].append(row[1]) }
            var questions: [String: [ArticleSummary.QuestionLink]] = [:]
            let questionRows = try Row.fetchCursor(db, sql: """
                SELECT articleId, heading, anchor FROM articleSection WHERE kind = 'question' ORDER BY articleId, position
                """)
            while let row = try questionRows.next() {
                questions[row[0], default: []].append(ArticleSummary.QuestionLink(heading: row[1], anchor: row[2]))
            }
            return try ArticleRecord.order(Column("id")).fetchAll(db).map { record in
                let title = record.title
                return ArticleSummary(
                    slug: record.id, title: title, author: record.authorId, reviewer: record.reviewerId,
                    published: CalendarDate(record.published) ?? CalendarDate(year: 1970, month: 1, day: 1)!,
                    updated: record.updated.flatMap(CalendarDate.init), reviewed: record.reviewed.flatMap(CalendarDate.init),
                    topics: topics[record.id] ?? [], indexTerm: record.indexTerm ?? IndexTerm.derive(fromTitle: title),
                    audience: record.audienceList, summary: record.summary, draft: record.draft,
                    questions: questions[record.id] ?? []
                )
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

    public func allArticles() async throws -> [Article] {
        try await writer.read { db in try Self.fetchAllArticles(db) }
    }

    private static func fetchAllArticles(_ db: Database) throws -> [Article] {
        let topics = Dictionary(grouping: try ArticleTopicRecord.fetchAll(db), by: \.articleId)
        let references = Dictionary(grouping: try ArticleReferenceRecord.fetchAll(db), by: \.articleId)
        let aliases = Dictionary(grouping: try ArticleAliasRecord.fetchAll(db), by: \.articleId)
        let sections = Dictionary(grouping: try ArticleSectionRecord.fetchAll(db), by: \.articleId)
        return try ArticleRecord.order(Column("id")).fetchAll(db).map { record in
            record.model(topics: topics[record.id] ?? [], references: references[record.id] ?? [],
                         aliases: aliases[record.id] ?? [], sections: sections[record.id] ?? [])
        }
    }

    public func exportAll() async throws -> ContentBundle {
        try await writer.read { db in
            ContentBundle(
                articles: try Self.fetchAllArticles(db),
                authors: try AuthorRecord.order(Column("id")).fetchAll(db).map(\.model),
                topics: try TopicRecord.order(Column("id")).fetchAll(db).map(\.model),
                images: try ImageRecord.order(Column("id")).fetchAll(db).map(\.model)
            )
        }
    }

    public func recordUnansweredSearch(_ query: String, at date: Date) async throws {
        let normalized = UnansweredSearch.normalize(query)
        guard !normalized.isEmpty else { return }
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO unansweredSearch (id, count, firstSeen, lastSeen) VALUES (?, 1, ?, ?)
                ON CONFLICT(id) DO UPDATE SET count = count + 1, lastSeen = excluded.lastSeen
                """, arguments: [normalized, date, date])
            try db.execute(sql: "DELETE FROM unansweredSearch WHERE lastSeen < ?", arguments: [UnansweredSearch.cutoff(at: date)])
        }
    }

    public func unansweredSearches(at now: Date) async throws -> [UnansweredSearch] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, count, firstSeen, lastSeen FROM unansweredSearch WHERE lastSeen >= ?
                ORDER BY count DESC, lastSeen DESC, id
                """, arguments: [UnansweredSearch.cutoff(at: now)]).map { row in
                UnansweredSearch(query: row["id"], count: row["count"], firstSeen: row["firstSeen"], lastSeen: row["lastSeen"])
            }
        }
    }

    public func changeSignals(interval: Duration) -> AsyncStream<Void> { pollingSignals(interval: interval) }

    public func changeToken() async throws -> Int64 {
        try await writer.read { db in try Int64.fetchOne(db, sql: "SELECT version FROM contentVersion WHERE id = 1") ?? 0 }
    }
}
