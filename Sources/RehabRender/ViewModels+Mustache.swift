internal import Mustache

/// A view model whose properties the templates read through a table of key paths rather than
/// `Mirror`: Mustache looks up every name through ``child(named:)``, and reflection made template
/// rendering most of the cost of a page (a static export renders thousands).
///
/// The table must name every stored property; in debug builds ``PageRenderer`` checks each page it
/// renders against `Mirror`, so a property added without its entry fails the tests.
protocol MustacheFields: MustacheParent {
    static var fields: [String: any PartialKeyPath<Self> & Sendable] { get }
}

extension MustacheFields {
    /// The property's value, or what an optional property holds (nothing when it is `nil`), as
    /// Mustache's own reflection hands it over.
    func child(named name: String) -> Any? {
        guard let path = Self.fields[name] else { return nil }
        let value = self[keyPath: path]
        if let optional = value as? any OptionalValue { return optional.wrappedValue }
        return value
    }
}

private protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    var wrappedValue: Any? { map { $0 } }
}

enum MustacheFieldsCheck {
    /// The stored properties of `value`, and of the view models inside it, missing from their
    /// types' tables, as `Type.property`.
    static func missing(in value: Any) -> [String] {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            return mirror.children.first.map { Self.missing(in: $0.value) } ?? []
        }
        var missing: [String] = []
        if let fielded = value as? any MustacheFields {
            let known = Set(type(of: fielded).fieldNames)
            for case let (label?, _) in mirror.children where !known.contains(label) {
                missing.append("\(type(of: value)).\(label)")
            }
        }
        for child in mirror.children { missing += Self.missing(in: child.value) }
        return missing
    }
}

extension MustacheFields {
    static var fieldNames: [String] { Array(fields.keys) }
}

// One table per view model in ViewModels.swift, property for property.

extension LayoutView: MustacheFields {
    static let fields: [String: any PartialKeyPath<LayoutView> & Sendable] = [
        "title": \LayoutView.title,
        "description": \LayoutView.description,
        "canonical": \LayoutView.canonical,
        "openGraphType": \LayoutView.openGraphType,
        "structuredData": \LayoutView.structuredData,
        "siteName": \LayoutView.siteName,
        "stylesheet": \LayoutView.stylesheet,
        "icon": \LayoutView.icon,
        "links": \LayoutView.links,
        "emergencyNumber": \LayoutView.emergencyNumber,
        "urgentHelp": \LayoutView.urgentHelp,
        "isHome": \LayoutView.isHome,
        "isArticles": \LayoutView.isArticles,
        "isIndex": \LayoutView.isIndex,
        "isTopics": \LayoutView.isTopics,
    ]
}

extension LayoutLinks: MustacheFields {
    static let fields: [String: any PartialKeyPath<LayoutLinks> & Sendable] = [
        "home": \LayoutLinks.home,
        "articles": \LayoutLinks.articles,
        "index": \LayoutLinks.index,
        "topics": \LayoutLinks.topics,
        "hasSearch": \LayoutLinks.hasSearch,
    ]
}

extension DateView: MustacheFields {
    static let fields: [String: any PartialKeyPath<DateView> & Sendable] = [
        "iso": \DateView.iso,
        "long": \DateView.long,
        "relative": \DateView.relative,
    ]
}

extension ArticleCard: MustacheFields {
    static let fields: [String: any PartialKeyPath<ArticleCard> & Sendable] = [
        "title": \ArticleCard.title,
        "url": \ArticleCard.url,
        "summary": \ArticleCard.summary,
        "published": \ArticleCard.published,
        "updated": \ArticleCard.updated,
        "questionCount": \ArticleCard.questionCount,
        "questionCountText": \ArticleCard.questionCountText,
    ]
}

extension TopicLink: MustacheFields {
    static let fields: [String: any PartialKeyPath<TopicLink> & Sendable] = [
        "name": \TopicLink.name,
        "url": \TopicLink.url,
        "count": \TopicLink.count,
        "countText": \TopicLink.countText,
    ]
}

extension LetterLink: MustacheFields {
    static let fields: [String: any PartialKeyPath<LetterLink> & Sendable] = [
        "label": \LetterLink.label,
        "url": \LetterLink.url,
        "isCurrent": \LetterLink.isCurrent,
        "accessibleLabel": \LetterLink.accessibleLabel,
    ]
}

extension QuestionLinkView: MustacheFields {
    static let fields: [String: any PartialKeyPath<QuestionLinkView> & Sendable] = [
        "heading": \QuestionLinkView.heading,
        "url": \QuestionLinkView.url,
    ]
}

extension SectionView: MustacheFields {
    static let fields: [String: any PartialKeyPath<SectionView> & Sendable] = [
        "heading": \SectionView.heading,
        "anchor": \SectionView.anchor,
        "isQuestion": \SectionView.isQuestion,
        "permalink": \SectionView.permalink,
        "html": \SectionView.html,
    ]
}

extension ReferenceView: MustacheFields {
    static let fields: [String: any PartialKeyPath<ReferenceView> & Sendable] = [
        "title": \ReferenceView.title,
        "publisher": \ReferenceView.publisher,
        "url": \ReferenceView.url,
        "accessed": \ReferenceView.accessed,
    ]
}

extension IndexEntryView: MustacheFields {
    static let fields: [String: any PartialKeyPath<IndexEntryView> & Sendable] = [
        "term": \IndexEntryView.term,
        "url": \IndexEntryView.url,
        "isTopic": \IndexEntryView.isTopic,
        "questions": \IndexEntryView.questions,
        "hasQuestions": \IndexEntryView.hasQuestions,
    ]
}

extension LetterGroup: MustacheFields {
    static let fields: [String: any PartialKeyPath<LetterGroup> & Sendable] = [
        "label": \LetterGroup.label,
        "id": \LetterGroup.id,
        "entries": \LetterGroup.entries,
        "isEmpty": \LetterGroup.isEmpty,
    ]
}

extension HomePage: MustacheFields {
    static let fields: [String: any PartialKeyPath<HomePage> & Sendable] = [
        "layout": \HomePage.layout,
        "newest": \HomePage.newest,
        "updated": \HomePage.updated,
        "hasUpdated": \HomePage.hasUpdated,
        "topics": \HomePage.topics,
        "articleCount": \HomePage.articleCount,
        "letters": \HomePage.letters,
    ]
}

extension ArticlePage: MustacheFields {
    static let fields: [String: any PartialKeyPath<ArticlePage> & Sendable] = [
        "layout": \ArticlePage.layout,
        "title": \ArticlePage.title,
        "summary": \ArticlePage.summary,
        "authorName": \ArticlePage.authorName,
        "authorURL": \ArticlePage.authorURL,
        "published": \ArticlePage.published,
        "updated": \ArticlePage.updated,
        "reviewerName": \ArticlePage.reviewerName,
        "reviewerURL": \ArticlePage.reviewerURL,
        "reviewed": \ArticlePage.reviewed,
        "reviewDue": \ArticlePage.reviewDue,
        "reviewOverdue": \ArticlePage.reviewOverdue,
        "audience": \ArticlePage.audience,
        "hasAudience": \ArticlePage.hasAudience,
        "topics": \ArticlePage.topics,
        "hasTopics": \ArticlePage.hasTopics,
        "questions": \ArticlePage.questions,
        "hasQuestions": \ArticlePage.hasQuestions,
        "introHTML": \ArticlePage.introHTML,
        "sections": \ArticlePage.sections,
        "references": \ArticlePage.references,
        "hasReferences": \ArticlePage.hasReferences,
        "related": \ArticlePage.related,
        "hasRelated": \ArticlePage.hasRelated,
        "emergencyNumber": \ArticlePage.emergencyNumber,
        "careGroups": \ArticlePage.careGroups,
        "hasCareCards": \ArticlePage.hasCareCards,
    ]
}

extension CareGroupView: MustacheFields {
    static let fields: [String: any PartialKeyPath<CareGroupView> & Sendable] = [
        "anchor": \CareGroupView.anchor,
        "level": \CareGroupView.level,
        "heading": \CareGroupView.heading,
        "levelLabel": \CareGroupView.levelLabel,
        "isEmergency": \CareGroupView.isEmergency,
        "isUrgent": \CareGroupView.isUrgent,
        "isSoon": \CareGroupView.isSoon,
        "signs": \CareGroupView.signs,
    ]
}

extension ArticleListPage: MustacheFields {
    static let fields: [String: any PartialKeyPath<ArticleListPage> & Sendable] = [
        "layout": \ArticleListPage.layout,
        "articles": \ArticleListPage.articles,
        "total": \ArticleListPage.total,
        "page": \ArticleListPage.page,
        "pageCount": \ArticleListPage.pageCount,
        "hasPages": \ArticleListPage.hasPages,
        "previousURL": \ArticleListPage.previousURL,
        "nextURL": \ArticleListPage.nextURL,
    ]
}

extension IndexPage: MustacheFields {
    static let fields: [String: any PartialKeyPath<IndexPage> & Sendable] = [
        "layout": \IndexPage.layout,
        "heading": \IndexPage.heading,
        "letters": \IndexPage.letters,
        "groups": \IndexPage.groups,
        "isSingleLetter": \IndexPage.isSingleLetter,
    ]
}

extension TopicListPage: MustacheFields {
    static let fields: [String: any PartialKeyPath<TopicListPage> & Sendable] = [
        "layout": \TopicListPage.layout,
        "topics": \TopicListPage.topics,
    ]
}

extension TopicPage: MustacheFields {
    static let fields: [String: any PartialKeyPath<TopicPage> & Sendable] = [
        "layout": \TopicPage.layout,
        "name": \TopicPage.name,
        "descriptionHTML": \TopicPage.descriptionHTML,
        "articles": \TopicPage.articles,
        "hasArticles": \TopicPage.hasArticles,
    ]
}

extension AuthorPage: MustacheFields {
    static let fields: [String: any PartialKeyPath<AuthorPage> & Sendable] = [
        "layout": \AuthorPage.layout,
        "name": \AuthorPage.name,
        "credentials": \AuthorPage.credentials,
        "url": \AuthorPage.url,
        "bioHTML": \AuthorPage.bioHTML,
        "written": \AuthorPage.written,
        "hasWritten": \AuthorPage.hasWritten,
        "reviewed": \AuthorPage.reviewed,
        "hasReviewed": \AuthorPage.hasReviewed,
    ]
}

extension ErrorPage: MustacheFields {
    static let fields: [String: any PartialKeyPath<ErrorPage> & Sendable] = [
        "layout": \ErrorPage.layout,
        "status": \ErrorPage.status,
        "title": \ErrorPage.title,
        "message": \ErrorPage.message,
    ]
}

extension SearchHitView: MustacheFields {
    static let fields: [String: any PartialKeyPath<SearchHitView> & Sendable] = [
        "question": \SearchHitView.question,
        "url": \SearchHitView.url,
        "snippet": \SearchHitView.snippet,
    ]
}

extension SearchGroupView: MustacheFields {
    static let fields: [String: any PartialKeyPath<SearchGroupView> & Sendable] = [
        "id": \SearchGroupView.id,
        "title": \SearchGroupView.title,
        "url": \SearchGroupView.url,
        "hits": \SearchGroupView.hits,
    ]
}

extension SearchPage: MustacheFields {
    static let fields: [String: any PartialKeyPath<SearchPage> & Sendable] = [
        "layout": \SearchPage.layout,
        "careCards": \SearchPage.careCards,
        "hasCareCards": \SearchPage.hasCareCards,
        "heading": \SearchPage.heading,
        "query": \SearchPage.query,
        "correctedQuery": \SearchPage.correctedQuery,
        "resultText": \SearchPage.resultText,
        "groups": \SearchPage.groups,
        "hasResults": \SearchPage.hasResults,
        "noResults": \SearchPage.noResults,
        "topics": \SearchPage.topics,
        "page": \SearchPage.page,
        "hasPages": \SearchPage.hasPages,
        "previousURL": \SearchPage.previousURL,
        "nextURL": \SearchPage.nextURL,
    ]
}

extension CareCardView: MustacheFields {
    static let fields: [String: any PartialKeyPath<CareCardView> & Sendable] = [
        "level": \CareCardView.level,
        "heading": \CareCardView.heading,
        "title": \CareCardView.title,
        "advice": \CareCardView.advice,
        "sourcePublisher": \CareCardView.sourcePublisher,
        "sourceTitle": \CareCardView.sourceTitle,
        "sourceURL": \CareCardView.sourceURL,
        "anchor": \CareCardView.anchor,
        "levelLabel": \CareCardView.levelLabel,
        "isEmergency": \CareCardView.isEmergency,
        "isUrgent": \CareCardView.isUrgent,
        "isSoon": \CareCardView.isSoon,
    ]
}
