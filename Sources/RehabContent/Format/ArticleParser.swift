public import RehabCore
import Foundation

/// Parses content files in the RehabFAQs format (see `docs/content-format.md`).
public enum ContentParser {
    /// Parses an article file.
    ///
    /// Level-2 headings at the top level of the Markdown become sections; those whose text ends
    /// in `?` are questions whose answer runs to the next level-2 heading. Each gets an anchor
    /// unique in the article (a repeated heading gets `-2`, `-3`).
    ///
    /// - Parameters:
    ///   - bytes: The file as stored.
    ///   - path: The path to name in errors.
    /// - Throws: ``ContentValidationError`` listing every problem, each with its line.
    public static func article(from bytes: [UInt8], path: String) throws(ContentValidationError) -> Article {
        try articleWithKeyLines(from: bytes, path: path).article
    }

    /// Parses an article and also returns the line of each front matter key, for checks across files.
    static func articleWithKeyLines(from bytes: [UInt8], path: String) throws(ContentValidationError) -> (article: Article, keyLines: [String: Int]) {
        let (document, reader) = try frontMatter(bytes, path: path)
        var fields = reader
        let title = fields.requiredText("title")
        let author = fields.slug("author")
        if fields.document.fields["author"] == nil { fields.report(nil, "missing required front matter key 'author'") }
        let published = fields.date("published", required: true)
        let summary = fields.requiredText("summary")
        let explicitSlug = fields.slug("slug")
        let article = Article(
            slug: explicitSlug ?? Slug.make(from: title ?? ""),
            title: title ?? "",
            author: author ?? "",
            reviewer: fields.slug("reviewer"),
            published: published ?? CalendarDate(year: 2000, month: 1, day: 1)!,
            updated: fields.date("updated", required: false),
            reviewed: fields.date("reviewed", required: false),
            topics: fields.textList("topics"),
            index: fields.text("index"),
            audience: fields.textList("audience"),
            summary: summary ?? "",
            references: fields.references(),
            aliases: aliases(&fields),
            draft: fields.flag("draft"),
            intro: "",
            sections: []
        )
        if title != nil, explicitSlug == nil, article.slug.isEmpty {
            fields.report("title", "cannot make a slug from this title; add a 'slug:' key")
        }
        if let updated = article.updated, let published, updated < published {
            fields.report("updated", "'updated' (\(updated)) is before 'published' (\(published))")
        }
        guard fields.issues.isEmpty else {
            throw ContentValidationError(issues: fields.issues.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        var result = article
        (result.intro, result.sections) = structure(of: document.body)
        return (result, document.fields.mapValues(\.line))
    }

    /// Parses an author file, `authors/{slug}.md`: `name`, optional `kind` (`person`, the default, or
    /// `organization`), `credentials`, `url` and `slug`; the body is the bio.
    public static func author(from bytes: [UInt8], path: String, fileSlug: String) throws(ContentValidationError) -> Author {
        let (document, reader) = try frontMatter(bytes, path: path)
        var fields = reader
        let name = fields.requiredText("name")
        var kind = AuthorKind.person
        if let raw = fields.text("kind") {
            if let known = AuthorKind(rawValue: raw.lowercased()) {
                kind = known
            } else {
                fields.report("kind", "'kind' is '\(raw)'; it must be 'person' or 'organization' (a team is an organization)")
            }
        }
        let url = fields.text("url")
        if let url, !WebAddress.isValid(url) { fields.report("url", "'url' must be a full http or https address") }
        if let slug = fields.slug("slug"), slug != fileSlug {
            fields.report("slug", "'slug' is '\(slug)' but the file is named '\(fileSlug).md'; they must match")
        }
        guard fields.issues.isEmpty, let name else { throw ContentValidationError(issues: fields.issues) }
        return Author(slug: fileSlug, name: name, kind: kind, credentials: fields.text("credentials") ?? "", url: url,
                      bio: trimBlankLines(document.body))
    }

    /// Parses a topic file, `topics/{slug}.md`: `name` (or `title`); the body is the description.
    public static func topic(from bytes: [UInt8], path: String, fileSlug: String) throws(ContentValidationError) -> TopicDescription {
        let (document, reader) = try frontMatter(bytes, path: path)
        var fields = reader
        let name = fields.document.fields["name"] == nil && fields.document.fields["title"] != nil
            ? fields.requiredText("title") : fields.requiredText("name")
        if let name, Slug.make(from: name) != fileSlug {
            fields.report(fields.document.fields["name"] == nil ? "title" : "name",
                          "topic '\(name)' has the slug '\(Slug.make(from: name))', so the file must be named '\(Slug.make(from: name)).md'")
        }
        guard fields.issues.isEmpty, let name else { throw ContentValidationError(issues: fields.issues) }
        return TopicDescription(slug: fileSlug, name: name, description: trimBlankLines(document.body))
    }

    // MARK: - Pieces

    private static func frontMatter(_ bytes: [UInt8], path: String) throws(ContentValidationError) -> (FrontMatterDocument, FrontMatterReader) {
        do {
            let text = try SourceText.decode(bytes, path: path)
            let document = try FrontMatterDocument.parse(text, path: path)
            return (document, FrontMatterReader(document, path: path))
        } catch {
            throw ContentValidationError(issues: [error])
        }
    }

    private static func aliases(_ fields: inout FrontMatterReader) -> [String] {
        let values = fields.textList("aliases")
        for value in values where !Slug.isValid(value) {
            fields.report("aliases", "alias '\(value)' must be lowercase letters, digits and single hyphens")
        }
        return values.filter(Slug.isValid)
    }

    /// Splits a Markdown body into its introduction and its level-2 sections.
    static func structure(of body: String) -> (intro: String, sections: [ArticleSection]) {
        let lines = TextLines.split(body)
        let headings = Markdown.levelTwoHeadings(in: body, lines: lines)
        func text(_ range: Range<Int>) -> String {
            let clamped = max(0, range.lowerBound)..<min(lines.count, max(range.lowerBound, range.upperBound))
            return trimBlankLines(lines[clamped].joined(separator: "\n"))
        }
        let intro = text(0..<((headings.first?.startLine ?? lines.count + 1) - 1))
        var anchors = AnchorAllocator()
        var sections: [ArticleSection] = []
        for (index, heading) in headings.enumerated() {
            let nextStart = index + 1 < headings.count ? headings[index + 1].startLine : lines.count + 1
            let isQuestion = heading.text.hasSuffix("?") || heading.text.hasSuffix("？")
            sections.append(ArticleSection(
                kind: isQuestion ? .question : .section,
                heading: heading.text,
                headingSource: heading.source,
                anchor: anchors.next(for: heading.text),
                body: text(heading.endLine..<(nextStart - 1))
            ))
        }
        return (intro, sections)
    }

    /// Removes whole blank lines at the start and end, keeping the indentation of the first line.
    static func trimBlankLines(_ text: String) -> String {
        let lines = TextLines.split(text)
        guard let first = lines.firstIndex(where: { !$0.isBlankLine }),
              let last = lines.lastIndex(where: { !$0.isBlankLine }) else { return "" }
        return lines[first...last].joined(separator: "\n")
    }
}

/// Hands out heading anchors that are unique within one article: a slug of the heading, then
/// `-2`, `-3` for repeats.
public struct AnchorAllocator: Sendable {
    private var used: Set<String> = []

    public init() {}

    /// The anchor for the next heading with this text.
    public mutating func next(for heading: String) -> String {
        let base = Slug.make(from: heading).isEmpty ? "section" : Slug.make(from: heading)
        var candidate = base
        var number = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(number)"
            number += 1
        }
        used.insert(candidate)
        return candidate
    }
}
