import Foundation
internal import GRDB
import RehabCore

// One record type per table. They stay internal: the store speaks RehabCore's model types.

struct AuthorRecord: Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "author"
    var id: String
    var name: String
    var kind: String
    var credentials: String
    var url: String?
    var bio: String

    init(_ author: Author) {
        id = author.slug
        name = author.name
        kind = author.kind.rawValue
        credentials = author.credentials
        url = author.url
        bio = author.bio
    }

    var model: Author {
        Author(slug: id, name: name, kind: AuthorKind(rawValue: kind) ?? .person, credentials: credentials, url: url, bio: bio)
    }
}

struct TopicRecord: Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "topic"
    var id: String
    var name: String
    var description: String

    init(_ topic: TopicDescription) {
        id = topic.slug
        name = topic.name
        description = topic.description
    }

    var model: TopicDescription { TopicDescription(slug: id, name: name, description: description) }
}

struct ArticleRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "article"
    var id: String
    var title: String
    var authorId: String
    var reviewerId: String?
    var published: String
    var updated: String?
    var reviewed: String?
    var indexTerm: String?
    /// A JSON array of strings.
    var audience: String
    var summary: String
    var intro: String
    var draft: Bool
    var modifiedAt: Date

    init(_ article: Article, modifiedAt: Date) {
        id = article.slug
        title = article.title
        authorId = article.author
        reviewerId = article.reviewer
        published = article.published.description
        updated = article.updated?.description
        reviewed = article.reviewed?.description
        indexTerm = article.index
        audience = (try? String(data: JSONEncoder().encode(article.audience), encoding: .utf8)) ?? "[]"
        summary = article.summary
        intro = article.intro
        draft = article.draft
        self.modifiedAt = modifiedAt
    }

    var audienceList: [String] { (try? JSONDecoder().decode([String].self, from: Data(audience.utf8))) ?? [] }

    /// The article with its child rows, which the caller fetched.
    func model(topics: [ArticleTopicRecord], references: [ArticleReferenceRecord], aliases: [ArticleAliasRecord], sections: [ArticleSectionRecord]) -> Article {
        Article(
            slug: id, title: title, author: authorId, reviewer: reviewerId,
            published: CalendarDate(published) ?? CalendarDate(year: 1970, month: 1, day: 1)!,
            updated: updated.flatMap(CalendarDate.init), reviewed: reviewed.flatMap(CalendarDate.init),
            topics: topics.sorted { $0.position < $1.position }.map(\.name),
            index: indexTerm, audience: audienceList, summary: summary,
            references: references.sorted { $0.position < $1.position }.map(\.model),
            aliases: aliases.map(\.id).sorted(), draft: draft, intro: intro,
            sections: sections.sorted { $0.position < $1.position }.map(\.model)
        )
    }
}

struct ArticleTopicRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "articleTopic"
    var articleId: String
    var position: Int
    var name: String
    var slug: String
}

struct ArticleReferenceRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "articleReference"
    var articleId: String
    var position: Int
    var title: String
    var publisher: String?
    var url: String?
    var accessed: String?

    var model: Reference {
        Reference(title: title, publisher: publisher, url: url, accessed: accessed.flatMap(CalendarDate.init))
    }
}

struct ArticleAliasRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "articleAlias"
    var id: String
    var articleId: String
}

struct ArticleSectionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "articleSection"
    var articleId: String
    var position: Int
    var kind: String
    var heading: String
    var headingSource: String
    var anchor: String
    var body: String

    var model: ArticleSection {
        ArticleSection(kind: ArticleSection.Kind(rawValue: kind) ?? .section, heading: heading,
                       headingSource: headingSource, anchor: anchor, body: body)
    }
}

struct ImageRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "image"
    var id: String
    var contentType: String
    var hash: String
    var data: Data
    var modifiedAt: Date

    var model: ImageAsset { ImageAsset(name: id, contentType: contentType, data: Array(data)) }
}
