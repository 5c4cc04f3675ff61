import Foundation
public import RehabCore

extension Article {
    /// A small valid article; override what a test is about.
    public static func stub(
        slug: String = "ease-a-back-spasm",
        title: String = "How do I ease a back spasm?",
        author: String = "editorial-team",
        published: CalendarDate = CalendarDate(year: 2025, month: 3, day: 10)!,
        updated: CalendarDate? = nil,
        topics: [String] = ["Back"],
        index: String? = nil,
        summary: String = "Keep moving gently and use warmth.",
        aliases: [String] = [],
        draft: Bool = false,
        questions: [(String, String)] = [("How can I ease a spasm at home?", "Keep moving gently."),
                                         ("When should I see a health care provider?", "If you have a fever.")]
    ) -> Article {
        var anchors = Set<String>()
        let sections = questions.map { heading, body -> ArticleSection in
            var anchor = Slug.make(from: heading)
            var number = 2
            while anchors.contains(anchor) { anchor = "\(Slug.make(from: heading))-\(number)"; number += 1 }
            anchors.insert(anchor)
            return ArticleSection(kind: heading.hasSuffix("?") ? .question : .section, heading: heading, anchor: anchor, body: body)
        }
        return Article(slug: slug, title: title, author: author, published: published, updated: updated, topics: topics,
                       index: index, summary: summary,
                       references: [Reference(title: "Back pain", publisher: "NHS", url: "https://www.nhs.uk/conditions/back-pain/",
                                              accessed: CalendarDate(year: 2025, month: 11, day: 1))],
                       aliases: aliases, draft: draft, intro: "A short introduction.", sections: sections)
    }
}

extension Author {
    public static let editorialTeam = Author(slug: "editorial-team", name: "RehabFAQs Editorial Team", kind: .organization, credentials: "Editorial team",
                                         bio: "We write plain answers.")
}

extension ContentBundle {
    /// One author and the given articles.
    public static func stub(_ articles: [Article] = [.stub()]) -> ContentBundle {
        ContentBundle(articles: articles, authors: [.editorialTeam], topics: [TopicDescription(slug: "back", name: "Back", description: "Backs.")])
    }
}

/// A temporary folder of content files, removed when the value is released.
public final class ContentFolder: @unchecked Sendable {
    /// The folder's path.
    public let path: String

    public init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("rehabfaqs-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `relative` (folders created), returning the full path.
    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, bytes: Array(text.utf8))
    }

    /// Writes raw bytes to `relative`, returning the full path.
    @discardableResult
    public func write(_ relative: String, bytes: [UInt8]) throws -> String {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// A fresh path for a database file inside the folder.
    public var databasePath: String { (path as NSString).appendingPathComponent("test.sqlite") }

    /// A valid author file.
    public static let authorFile = """
        ---
        name: RehabFAQs Editorial Team
        credentials: Editorial team
        ---
        We write plain answers.
        """

    /// A valid article file with the given slug and title.
    public static func articleFile(slug: String, title: String = "How do I ease a back spasm?", author: String = "editorial-team", extra: String = "") -> String {
        """
        ---
        title: \(title)
        slug: \(slug)
        author: \(author)
        published: 2025-03-10
        topics: [Back, Pregnancy]
        summary: Keep moving gently and use warmth.
        \(extra)references:
          - title: Back pain
            publisher: NHS
            url: https://www.nhs.uk/conditions/back-pain/
            accessed: 2025-11-01
        ---
        An introduction.

        ## How can I ease a spasm at home?
        Keep moving gently.

        ## When should I see a health care provider?
        If you have a fever with back pain.
        """
    }
}
