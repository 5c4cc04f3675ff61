// Plain values the templates read. Stored properties only: Mustache finds them by reflection.

enum NavigationItem { case home, articles, index, topics, none }

struct LayoutView {
    var title: String
    var description: String
    var canonical: String?
    /// Open Graph: `article` for article pages, `website` for the rest.
    var openGraphType: String
    /// JSON-LD for a `<script type="application/ld+json">` element, already safe to insert raw.
    var structuredData: String?
    var siteName: String
    var stylesheet: String
    var icon: String
    var links: LayoutLinks
    var emergencyNumber: String
    var urgentHelp: String
    var isHome: Bool
    var isArticles: Bool
    var isIndex: Bool
    var isTopics: Bool
}

/// The addresses every page links to, in the renderer's ``SitePaths`` style.
struct LayoutLinks {
    var home: String
    var articles: String
    var index: String
    var topics: String
    /// False in a static export, which has no server to answer a search.
    var hasSearch: Bool
}

struct DateView {
    /// `2025-03-10`, for `<time datetime>`.
    var iso: String
    /// `10 March 2025`.
    var long: String
    /// `8 months ago`.
    var relative: String
}

struct ArticleCard {
    var title: String
    var url: String
    var summary: String
    var published: DateView
    var updated: DateView?
    var questionCount: Int
    /// "1 question", "8 questions".
    var questionCountText: String
}

struct TopicLink {
    var name: String
    var url: String
    var count: Int
    /// "1 article", "3 articles".
    var countText: String

    init(name: String, url: String, count: Int) {
        self.name = name
        self.url = url
        self.count = count
        countText = "\(count) article\(count == 1 ? "" : "s")"
    }
}

struct LetterLink {
    var label: String
    var url: String?
    var isCurrent: Bool
    var accessibleLabel: String
}

struct QuestionLinkView {
    var heading: String
    var url: String
}

struct SectionView {
    var heading: String
    var anchor: String
    var isQuestion: Bool
    var permalink: String
    var html: String
}

struct ReferenceView {
    var title: String
    var publisher: String?
    var url: String?
    var accessed: DateView?
}

struct IndexEntryView {
    var term: String
    var url: String
    var isTopic: Bool
    var questions: [QuestionLinkView]
    var hasQuestions: Bool
}

struct LetterGroup {
    var label: String
    var id: String
    var entries: [IndexEntryView]
    var isEmpty: Bool
}

struct HomePage {
    var layout: LayoutView
    var newest: [ArticleCard]
    var updated: [ArticleCard]
    var hasUpdated: Bool
    var topics: [TopicLink]
    var articleCount: Int
    var letters: [LetterLink]
}

struct ArticlePage {
    var layout: LayoutView
    var title: String
    var summary: String
    var authorName: String
    var authorURL: String
    var published: DateView
    var updated: DateView?
    var reviewerName: String?
    var reviewerURL: String?
    var reviewed: DateView?
    var reviewDue: DateView?
    var reviewOverdue: Bool
    var audience: String
    var hasAudience: Bool
    var topics: [TopicLink]
    var hasTopics: Bool
    var questions: [SectionView]
    var hasQuestions: Bool
    var introHTML: String
    var sections: [SectionView]
    var references: [ReferenceView]
    var hasReferences: Bool
    var related: [ArticleCard]
    var hasRelated: Bool
    var emergencyNumber: String
    var careGroups: [CareGroupView]
    var hasCareCards: Bool
}

/// An article's care cards, one per level, each listing the warning signs the article discusses.
struct CareGroupView {
    var anchor: String
    var level: String
    var heading: String
    var levelLabel: String
    var isEmergency: Bool
    var isUrgent: Bool
    var isSoon: Bool
    var signs: [CareCardView]

    /// Groups cards (most urgent first) by level.
    static func groups(of cards: [CareCardView]) -> [CareGroupView] {
        var groups: [CareGroupView] = []
        for card in cards {
            if let last = groups.indices.last, groups[last].level == card.level {
                groups[last].signs.append(card)
            } else {
                groups.append(CareGroupView(anchor: "care-level-\(card.level)", level: card.level, heading: card.heading, levelLabel: card.levelLabel,
                                            isEmergency: card.isEmergency, isUrgent: card.isUrgent, isSoon: card.isSoon, signs: [card]))
            }
        }
        return groups
    }
}

struct ArticleListPage {
    var layout: LayoutView
    var articles: [ArticleCard]
    var total: Int
    var page: Int
    var pageCount: Int
    var hasPages: Bool
    var previousURL: String?
    var nextURL: String?
}

struct IndexPage {
    var layout: LayoutView
    var heading: String
    var letters: [LetterLink]
    var groups: [LetterGroup]
    var isSingleLetter: Bool
}

struct TopicListPage {
    var layout: LayoutView
    var topics: [TopicLink]
}

struct TopicPage {
    var layout: LayoutView
    var name: String
    var descriptionHTML: String
    var articles: [ArticleCard]
    var hasArticles: Bool
}

struct AuthorPage {
    var layout: LayoutView
    var name: String
    var credentials: String?
    var url: String?
    var bioHTML: String
    var written: [ArticleCard]
    var hasWritten: Bool
    var reviewed: [ArticleCard]
    var hasReviewed: Bool
}

struct ErrorPage {
    var layout: LayoutView
    var status: Int
    var title: String
    var message: String
}

struct SearchHitView {
    var question: String
    var url: String
    /// Escaped HTML with `<mark>`.
    var snippet: String
}

struct SearchGroupView {
    var id: String
    var title: String
    var url: String
    var hits: [SearchHitView]
}

struct SearchPage {
    var layout: LayoutView
    var careCards: [CareCardView]
    var hasCareCards: Bool
    var heading: String
    var query: String
    var correctedQuery: String?
    var resultText: String
    var groups: [SearchGroupView]
    var hasResults: Bool
    var noResults: Bool
    var topics: [TopicLink]
    var page: Int
    var hasPages: Bool
    var previousURL: String?
    var nextURL: String?
}

/// A care card, ready for the `care-cards` partial.
public struct CareCardView: Sendable, Hashable {
    /// `emergency`, `urgent` or `soon`: picks the card's colour and icon.
    public var level: String
    /// The level's call to action, such as "Call 999 or go to A&E now".
    public var heading: String
    /// The warning sign.
    public var title: String
    public var advice: String
    public var sourcePublisher: String
    public var sourceTitle: String
    public var sourceURL: String
    /// The card's element id, unique on the page.
    public var anchor: String

    public init(id: String, level: String, heading: String, title: String, advice: String, sourcePublisher: String, sourceTitle: String, sourceURL: String) {
        anchor = "care-\(id)"
        self.level = level
        levelLabel = switch level {
        case "emergency": "Emergency"
        case "urgent": "Urgent"
        default: "See a health professional"
        }
        isEmergency = level == "emergency"
        isUrgent = level == "urgent"
        isSoon = level == "soon"
        self.heading = heading
        self.title = title
        self.advice = advice
        self.sourcePublisher = sourcePublisher
        self.sourceTitle = sourceTitle
        self.sourceURL = sourceURL
    }

    /// The label read before the heading by screen readers. (Stored, as the templates only see stored properties.)
    var levelLabel: String
    var isEmergency: Bool
    var isUrgent: Bool
    var isSoon: Bool
}
