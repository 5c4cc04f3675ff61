import Foundation
internal import Mustache
import RehabContent
public import RehabCore

/// Builds every reader-facing page as an HTML string from the bundled Mustache templates.
///
/// Every value is HTML-escaped by the templates; the only raw HTML inserted is what
/// ``RehabContent/Markdown`` rendered in safe mode from content.
public struct PageRenderer: Sendable {
    public let configuration: SiteConfiguration
    public let assets: AssetCatalog
    /// How pages address each other: as `serve` answers, or as folders for a static export.
    public let paths: SitePaths
    private let library: MustacheLibrary
    private let structuredData: StructuredData

    /// Articles per page on `/articles`.
    public static let articlesPerPage = 20

    public init(configuration: SiteConfiguration, assets: AssetCatalog, paths: SitePaths = SitePaths()) throws {
        self.configuration = configuration
        self.assets = assets
        self.paths = paths
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw RenderError.missingResource("Templates")
        }
        var library = MustacheLibrary()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
        structuredData = StructuredData(configuration: configuration, paths: paths,
                                        logo: configuration.absoluteURL(assets.url(for: "icon.svg") ?? "/"))
    }

    // MARK: - Pages

    /// `/`: what the site is, newest and recently updated articles, topics.
    public func home(catalog: SiteCatalog) throws -> String {
        try render("home", HomePage(
            layout: layout(title: configuration.siteName + ": plain answers to rehab questions",
                           description: "Clear, safe answers to common rehabilitation questions, from back spasms in pregnancy to sprained ankles, with sources and warning signs.",
                           path: paths.home, current: .home, structuredData: structuredData.homePage()),
            newest: catalog.articles.prefix(6).map { card($0, catalog: catalog) },
            updated: catalog.recentlyUpdated.prefix(6).map { card($0, catalog: catalog) },
            hasUpdated: !catalog.recentlyUpdated.isEmpty,
            topics: catalog.topics.filter { !$0.articleSlugs.isEmpty }.map(topicLink),
            articleCount: catalog.articles.count,
            letters: letters(catalog: catalog, current: nil)
        ))
    }

    /// `/articles/{slug}`: the whole article with its questions, sources and related reading.
    ///
    /// - Parameter careCards: Care cards for the warning signs the article discusses, most urgent first.
    public func article(_ article: Article, catalog: SiteCatalog, careCards: [CareCardView] = []) throws -> String {
        let today = catalog.day
        let summary = ArticleSummary(article)
        let author = catalog.authorsBySlug[article.author]
        let reviewer = article.reviewer.flatMap { catalog.authorsBySlug[$0] }
        let path = paths.article(article.slug)
        let sections = article.sections.map { section in
            SectionView(
                heading: section.heading, anchor: section.anchor, isQuestion: section.kind == .question,
                permalink: "\(path)#\(section.anchor)",
                html: html(section.body, lowestHeadingLevel: 3, catalog: catalog)
            )
        }
        let introHTML = html(article.intro, lowestHeadingLevel: 2, catalog: catalog)
        let related = catalog.related(to: summary)
        let linkedData = structuredData.articlePage(
            article, author: author, reviewer: reviewer,
            answers: article.questions.map { Markdown.plainText(from: $0.body) },
            imagePath: Self.firstImagePath(in: [introHTML] + sections.map(\.html)),
            crumbs: [.init(name: "Home", path: paths.home), .init(name: "Articles", path: paths.articles), .init(name: article.title, path: path)]
        )
        let page = ArticlePage(
            layout: layout(title: "\(article.title) | \(configuration.siteName)", description: article.summary, path: path, current: .articles,
                           isArticle: true, structuredData: linkedData),
            title: article.title,
            summary: article.summary,
            authorName: author?.name ?? article.author,
            authorURL: paths.author(article.author),
            published: dateView(article.published, today: today),
            updated: article.updated.map { dateView($0, today: today) },
            reviewerName: reviewer?.name,
            reviewerURL: reviewer.map { paths.author($0.slug) },
            reviewed: article.reviewed.map { dateView($0, today: today) },
            reviewDue: article.reviewed.map { dateView($0.adding(months: configuration.reviewIntervalMonths), today: today) },
            reviewOverdue: article.reviewed.map { $0.adding(months: configuration.reviewIntervalMonths) < today } ?? false,
            audience: article.audience.joined(separator: ", "),
            hasAudience: !article.audience.isEmpty,
            topics: article.topics.map { TopicLink(name: $0, url: paths.topic(Slug.make(from: $0)), count: 0) },
            hasTopics: !article.topics.isEmpty,
            questions: sections.filter(\.isQuestion),
            hasQuestions: sections.contains(where: \.isQuestion),
            introHTML: introHTML,
            sections: sections,
            references: article.references.map { reference in
                ReferenceView(title: reference.title, publisher: reference.publisher,
                              url: reference.url.flatMap { WebAddress.isValid($0) ? $0 : nil },
                              accessed: reference.accessed.map { dateView($0, today: today) })
            },
            hasReferences: !article.references.isEmpty,
            related: related.map { card($0, catalog: catalog) },
            hasRelated: !related.isEmpty,
            emergencyNumber: configuration.region.emergencyNumber,
            careGroups: CareGroupView.groups(of: careCards),
            hasCareCards: !careCards.isEmpty
        )
        return try render("article", page)
    }

    /// `/articles?page=N`: every visible article, newest first.
    /// - Returns: `nil` when `page` is past the last page.
    public func articleList(catalog: SiteCatalog, page: Int) throws -> String? {
        let perPage = Self.articlesPerPage
        let pageCount = Self.articleListPageCount(catalog: catalog)
        guard (1...pageCount).contains(page) else { return nil }
        let items = catalog.articles.dropFirst((page - 1) * perPage).prefix(perPage)
        let path = paths.articles(page: page)
        return try render("articles", ArticleListPage(
            layout: layout(title: page == 1 ? "All articles | \(configuration.siteName)" : "All articles, page \(page) | \(configuration.siteName)",
                           description: "Every \(configuration.siteName) article, newest first.", path: path, current: .articles),
            articles: items.map { card($0, catalog: catalog) },
            total: catalog.articles.count,
            page: page, pageCount: pageCount, hasPages: pageCount > 1,
            previousURL: page > 1 ? paths.articles(page: page - 1) : nil,
            nextURL: page < pageCount ? paths.articles(page: page + 1) : nil
        ))
    }

    /// How many pages `/articles` has (one, even with no articles).
    public static func articleListPageCount(catalog: SiteCatalog) -> Int {
        max(1, (catalog.articles.count + articlesPerPage - 1) / articlesPerPage)
    }

    /// `/a-z` (every letter) or `/a-z/{letter}` (one bucket: `a`…`z` or `0-9`).
    /// - Returns: `nil` for an unknown letter.
    public func index(catalog: SiteCatalog, letter: String?) throws -> String? {
        if let letter, !SiteCatalog.buckets.contains(letter) { return nil }
        let shown = letter.map { [$0] } ?? SiteCatalog.buckets
        let groups: [LetterGroup] = shown.compactMap { bucket in
            let entries = catalog.index[bucket] ?? []
            if letter == nil, entries.isEmpty { return nil }
            return LetterGroup(
                label: bucket == "0-9" ? "0–9" : bucket.uppercased(), id: "letter_\(bucket)",
                entries: entries.map { indexEntry($0, catalog: catalog) }, isEmpty: entries.isEmpty
            )
        }
        let label = letter.map { $0 == "0-9" ? "0–9" : $0.uppercased() }
        let path = letter.map { paths.index(letter: $0) } ?? paths.index
        return try render("az", IndexPage(
            layout: layout(title: label.map { "A–Z: \($0) | \(configuration.siteName)" } ?? "A–Z index | \(configuration.siteName)",
                           description: "Every rehab question and topic on \(configuration.siteName), from A to Z.", path: path, current: .index),
            heading: label.map { "A–Z index: \($0)" } ?? "A–Z index",
            letters: letters(catalog: catalog, current: letter),
            groups: groups,
            isSingleLetter: letter != nil
        ))
    }

    /// `/topics`: every topic with its article count.
    public func topicList(catalog: SiteCatalog) throws -> String {
        try render("topics", TopicListPage(
            layout: layout(title: "Topics | \(configuration.siteName)", description: "Browse \(configuration.siteName) articles by topic.", path: paths.topics, current: .topics),
            topics: catalog.topics.map(topicLink)
        ))
    }

    /// `/topics/{slug}`: a topic's description and its articles.
    public func topic(_ topic: SiteCatalog.Topic, catalog: SiteCatalog) throws -> String {
        let description = topic.description.isEmpty ? "Articles about \(topic.name.lowercased()) on \(configuration.siteName)." : Markdown.plainText(from: topic.description)
        let path = paths.topic(topic.slug)
        let linkedData = structuredData.collectionPage(
            path: path, name: topic.name, description: description,
            crumbs: [.init(name: "Home", path: paths.home), .init(name: "Topics", path: paths.topics), .init(name: topic.name, path: path)]
        )
        return try render("topic", TopicPage(
            layout: layout(title: "\(topic.name) | \(configuration.siteName)", description: description, path: path, current: .topics,
                           structuredData: linkedData),
            name: topic.name,
            descriptionHTML: html(topic.description, lowestHeadingLevel: 2, catalog: catalog),
            articles: topic.articleSlugs.compactMap { catalog.articlesBySlug[$0] }.map { card($0, catalog: catalog) },
            hasArticles: !topic.articleSlugs.isEmpty
        ))
    }

    /// `/authors/{slug}`: who the author is and what they wrote or reviewed.
    public func author(_ author: Author, catalog: SiteCatalog) throws -> String {
        let written = catalog.articles.filter { $0.author == author.slug }
        let reviewed = catalog.articles.filter { $0.reviewer == author.slug }
        return try render("author", AuthorPage(
            layout: layout(title: "\(author.name) | \(configuration.siteName)", description: "Articles by \(author.name) on \(configuration.siteName).", path: paths.author(author.slug), current: .none),
            name: author.name,
            credentials: author.credentials.isEmpty ? nil : author.credentials,
            url: author.url.flatMap { WebAddress.isValid($0) ? $0 : nil },
            bioHTML: html(author.bio, lowestHeadingLevel: 2, catalog: catalog),
            written: written.map { card($0, catalog: catalog) }, hasWritten: !written.isEmpty,
            reviewed: reviewed.map { card($0, catalog: catalog) }, hasReviewed: !reviewed.isEmpty
        ))
    }

    /// One search result for ``search(query:hits:total:correctedQuery:page:perPage:catalog:)``.
    public struct SearchResultItem: Sendable {
        public var article: String
        public var articleTitle: String
        public var question: String
        public var anchor: String
        /// Escaped HTML with matches in `<mark>`.
        public var snippet: String

        public init(article: String, articleTitle: String, question: String, anchor: String, snippet: String) {
            self.article = article
            self.articleTitle = articleTitle
            self.question = question
            self.anchor = anchor
            self.snippet = snippet
        }
    }

    /// `/search?q=`: results grouped by article, a corrected-query line, or a page that offers browsing.
    ///
    /// - Parameter careCards: Care cards for warning signs in the query, shown above the results.
    public func search(query: String, hits: [SearchResultItem], total: Int, correctedQuery: String?, page: Int, perPage: Int,
                       catalog: SiteCatalog, careCards: [CareCardView] = []) throws -> String {
        // One group per article, in the order of each article's best answer, so an article shows once.
        var groups: [SearchGroupView] = []
        var groupOfArticle: [String: Int] = [:]
        for hit in hits {
            let view = SearchHitView(question: hit.question, url: paths.article(hit.article, anchor: hit.anchor), snippet: hit.snippet)
            if let position = groupOfArticle[hit.article] {
                groups[position].hits.append(view)
            } else {
                groupOfArticle[hit.article] = groups.count
                groups.append(SearchGroupView(id: "result_\(groups.count + 1)", title: hit.articleTitle, url: paths.article(hit.article), hits: [view]))
            }
        }
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        return try render("search", SearchPage(
            layout: layout(title: trimmed.isEmpty ? "Search | \(configuration.siteName)" : "Search: \(trimmed) | \(configuration.siteName)",
                           description: "Search \(configuration.siteName) for answers to rehab questions.", path: nil, current: .none),
            careCards: careCards, hasCareCards: !careCards.isEmpty,
            heading: trimmed.isEmpty ? "Search the answers" : "Search results",
            query: trimmed, correctedQuery: correctedQuery,
            resultText: "\(total) answer\(total == 1 ? "" : "s") found.",
            groups: groups, hasResults: !hits.isEmpty, noResults: hits.isEmpty && !trimmed.isEmpty,
            topics: catalog.topics.filter { !$0.articleSlugs.isEmpty }.map(topicLink),
            page: page, hasPages: total > perPage,
            previousURL: page > 1 ? "/search?q=\(encoded)&page=\(page - 1)" : nil,
            nextURL: page * perPage < total ? "/search?q=\(encoded)&page=\(page + 1)" : nil
        ))
    }

    /// A page for an error: 404 and other client errors.
    public func errorPage(status: Int, title: String, message: String) throws -> String {
        try render("error", ErrorPage(
            layout: layout(title: "\(title) | \(configuration.siteName)", description: message, path: nil, current: .none),
            status: status, title: title, message: message
        ))
    }

    // MARK: - Pieces

    private func render(_ template: String, _ page: Any) throws -> String {
        assert(MustacheFieldsCheck.missing(in: page).isEmpty, "view model properties missing from their tables: \(MustacheFieldsCheck.missing(in: page))")
        guard let html = library.render(page, withTemplate: template) else { throw RenderError.templateFailed(template) }
        return html
    }

    private func layout(title: String, description: String, path: String?, current: NavigationItem, isArticle: Bool = false,
                        structuredData: JSONValue? = nil) -> LayoutView {
        LayoutView(
            title: title, description: description,
            canonical: path.map(configuration.absoluteURL),
            openGraphType: isArticle ? "article" : "website",
            structuredData: structuredData?.scriptSafeText,
            siteName: configuration.siteName,
            stylesheet: assets.url(for: "style.css") ?? "",
            icon: assets.url(for: "icon.svg") ?? "",
            links: LayoutLinks(home: paths.home, articles: paths.articles, index: paths.index, topics: paths.topics,
                               hasSearch: paths.hasSearch),
            emergencyNumber: configuration.region.emergencyNumber,
            urgentHelp: configuration.region == .uk ? "NHS 111" : "your doctor or a nurse advice line",
            isHome: current == .home, isArticles: current == .articles, isIndex: current == .index, isTopics: current == .topics
        )
    }

    private func card(_ article: ArticleSummary, catalog: SiteCatalog) -> ArticleCard {
        ArticleCard(title: article.title, url: paths.article(article.slug), summary: article.summary,
                    published: dateView(article.published, today: catalog.day),
                    updated: article.updated.map { dateView($0, today: catalog.day) },
                    questionCount: article.questions.count,
                    questionCountText: "\(article.questions.count) question\(article.questions.count == 1 ? "" : "s")")
    }

    private func topicLink(_ topic: SiteCatalog.Topic) -> TopicLink {
        TopicLink(name: topic.name, url: paths.topic(topic.slug), count: topic.articleSlugs.count)
    }

    private func indexEntry(_ entry: SiteCatalog.IndexEntry, catalog: SiteCatalog) -> IndexEntryView {
        switch entry.kind {
        case .article:
            let questions = catalog.articlesBySlug[entry.slug]?.questions ?? []
            return IndexEntryView(term: entry.term, url: paths.article(entry.slug), isTopic: false,
                                  questions: questions.map { QuestionLinkView(heading: $0.heading, url: paths.article(entry.slug, anchor: $0.anchor)) },
                                  hasQuestions: !questions.isEmpty)
        case .topic:
            return IndexEntryView(term: entry.term, url: paths.topic(entry.slug), isTopic: true, questions: [], hasQuestions: false)
        }
    }

    private func letters(catalog: SiteCatalog, current: String?) -> [LetterLink] {
        SiteCatalog.buckets.map { bucket in
            let hasEntries = !(catalog.index[bucket] ?? []).isEmpty
            return LetterLink(label: bucket == "0-9" ? "0–9" : bucket.uppercased(),
                              url: hasEntries ? paths.index(letter: bucket) : nil,
                              isCurrent: bucket == current,
                              accessibleLabel: bucket == "0-9" ? "Numbers 0 to 9" : "Letter \(bucket.uppercased())")
        }
    }

    private func dateView(_ date: CalendarDate, today: CalendarDate) -> DateView {
        DateView(iso: date.description, long: DateText.long(date), relative: DateText.relative(date, today: today))
    }

    /// The site path of the first image in rendered HTML, for structured data's `image`.
    static func firstImagePath(in fragments: [String]) -> String? {
        for fragment in fragments {
            guard let start = fragment.range(of: "<img src=\"/images/") else { continue }
            let rest = fragment[fragment.index(start.upperBound, offsetBy: -"/images/".count)...]
            guard let end = rest.firstIndex(of: "\"") else { continue }
            return String(rest[..<end])
        }
        return nil
    }

    /// Safe HTML for content Markdown, with links to other article files and to images rewritten to site URLs.
    func html(_ markdown: String, lowestHeadingLevel: Int, catalog: SiteCatalog) -> String {
        guard !markdown.isEmpty else { return "" }
        return Markdown.html(from: markdown, lowestHeadingLevel: lowestHeadingLevel) { url, isImage in
            Self.rewrite(url, isImage: isImage, imageHashes: catalog.imageHashes, paths: paths)
        }
    }

    /// Maps content-relative destinations to site URLs: `../images/x.png` to its hashed image URL,
    /// `other-article.md#anchor` to the article's address with the anchor. Others are left alone.
    static func rewrite(_ url: String, isImage: Bool, imageHashes: [String: String], paths: SitePaths) -> String? {
        guard !url.contains("://"), !url.hasPrefix("/"), !url.hasPrefix("#"), !url.lowercased().hasPrefix("mailto:") else { return nil }
        let (path, fragment) = url.split(separator: "#", maxSplits: 1).map(String.init).splitFirst()
        if let range = path.range(of: "images/", options: .backwards) {
            let name = String(path[range.upperBound...])
            guard let hash = imageHashes[name],
                  let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) else { return nil }
            return "/images/\(hash)/\(encoded)"
        }
        guard !isImage, path.lowercased().hasSuffix(".md") else { return nil }
        let slug = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard Slug.isValid(slug) else { return nil }
        return paths.article(slug) + (fragment.map { "#\($0)" } ?? "")
    }
}

private extension Array where Element == String {
    /// `(first, second)` of a one- or two-element split.
    func splitFirst() -> (String, String?) { (first ?? "", count > 1 ? self[1] : nil) }
}
