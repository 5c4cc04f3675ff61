public import Foundation
public import RehabCore
internal import Yams

/// Writes content back as files in the RehabFAQs format, so that importing them again gives the same content.
public enum ContentExporter {
    /// The text of an article file: front matter, introduction and sections.
    public static func articleFile(for article: Article) throws -> String {
        var fields: [(String, Node)] = [
            ("title", scalar(article.title)),
            ("slug", scalar(article.slug)),
            ("author", scalar(article.author)),
        ]
        if let reviewer = article.reviewer { fields.append(("reviewer", scalar(reviewer))) }
        fields.append(("published", scalar(article.published.description)))
        if let updated = article.updated { fields.append(("updated", scalar(updated.description))) }
        if let reviewed = article.reviewed { fields.append(("reviewed", scalar(reviewed.description))) }
        if article.draft { fields.append(("draft", Node("true", Tag(.bool)))) }
        if !article.topics.isEmpty { fields.append(("topics", list(article.topics))) }
        if let index = article.index { fields.append(("index", scalar(index))) }
        if !article.audience.isEmpty { fields.append(("audience", list(article.audience))) }
        if !article.aliases.isEmpty { fields.append(("aliases", list(article.aliases))) }
        fields.append(("summary", scalar(article.summary)))
        if !article.references.isEmpty {
            fields.append(("references", Node(article.references.map { reference in
                var entry: [(String, Node)] = [("title", scalar(reference.title))]
                if let publisher = reference.publisher { entry.append(("publisher", scalar(publisher))) }
                if let url = reference.url { entry.append(("url", scalar(url))) }
                if let accessed = reference.accessed { entry.append(("accessed", scalar(accessed.description))) }
                return mapping(entry)
            })))
        }
        var body: [String] = []
        if !article.intro.isEmpty { body.append(article.intro) }
        for section in article.sections {
            body.append(section.body.isEmpty ? "## \(section.headingSource)" : "## \(section.headingSource)\n\n\(section.body)")
        }
        return try frontMatter(fields) + body.joined(separator: "\n\n") + "\n"
    }

    /// The text of an author file.
    public static func authorFile(for author: Author) throws -> String {
        var fields: [(String, Node)] = [("name", scalar(author.name))]
        if author.kind != .person { fields.append(("kind", scalar(author.kind.rawValue))) }
        if !author.credentials.isEmpty { fields.append(("credentials", scalar(author.credentials))) }
        if let url = author.url { fields.append(("url", scalar(url))) }
        return try frontMatter(fields) + (author.bio.isEmpty ? "" : author.bio + "\n")
    }

    /// The text of a topic file.
    public static func topicFile(for topic: TopicDescription) throws -> String {
        try frontMatter([("name", scalar(topic.name))]) + (topic.description.isEmpty ? "" : topic.description + "\n")
    }

    /// Writes a bundle below `directory` as `articles/`, `authors/`, `topics/` and `images/`.
    ///
    /// - Returns: The number of files written.
    @discardableResult
    public static func write(_ bundle: ContentBundle, to directory: URL) throws -> Int {
        let manager = FileManager.default
        var written = 0
        func save(_ data: Data, _ relative: String) throws {
            let url = directory.appendingPathComponent(relative)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
            written += 1
        }
        for article in bundle.articles { try save(Data(try articleFile(for: article).utf8), "articles/\(article.slug).md") }
        for author in bundle.authors { try save(Data(try authorFile(for: author).utf8), "authors/\(author.slug).md") }
        for topic in bundle.topics { try save(Data(try topicFile(for: topic).utf8), "topics/\(topic.slug).md") }
        for image in bundle.images {
            // Names come from the store, which only holds names read from below an images/ folder.
            guard !image.name.split(separator: "/").contains("..") else { continue }
            try save(Data(image.data), "images/\(image.name)")
        }
        return written
    }

    // MARK: - YAML

    private static func scalar(_ text: String) -> Node { Node(text, Tag(.str)) }
    private static func list(_ items: [String]) -> Node { Node(items.map(scalar), Tag(.seq), .flow) }
    private static func mapping(_ pairs: [(String, Node)]) -> Node {
        Node(pairs.map { (Node($0.0), $0.1) }, Tag(.map))
    }

    private static func frontMatter(_ fields: [(String, Node)]) throws -> String {
        let yaml = try Yams.serialize(node: mapping(fields), width: -1, allowUnicode: true)
        return "---\n" + yaml + "---\n\n"
    }
}
