public import RehabCore
import RehabContent
import Synchronization
public import RehabRender
public import RehabSafety

/// Care cards for what readers type and for the warning signs articles discuss, in the site's region.
public struct CareAdvisor: Sendable {
    public let triage: Triage
    public let region: SiteConfiguration.Region
    /// Articles' cards, by slug and content hash: checking an article's advice is too slow to repeat on every page view.
    private let articleCards = ArticleCardCache()

    public init(triage: Triage, region: SiteConfiguration.Region) {
        self.triage = triage
        self.region = region
    }

    /// The longest text `/api/triage` and `rehabfaqs triage` accept, in characters.
    public static let maximumTextLength = 5_000

    /// The warning signs in a reader's words.
    public func assess(_ text: String) -> TriageResult { triage.assess(text) }

    /// Care cards for a reader's words, most urgent first.
    public func cards(for text: String) -> [CareCard] { CareCard.cards(for: assess(text), region: region) }

    /// Care cards for the warning signs an article discusses: those in its sections on when to get
    /// care, or in the whole article when it has no such section.
    public func cards(for article: Article) -> [CareCard] {
        let hash = article.hashValue
        if let cached = articleCards.cards(for: article.slug, hash: hash) { return cached }
        let cards = checkedCards(for: article)
        articleCards.store(cards, for: article.slug, hash: hash)
        return cards
    }

    private func checkedCards(for article: Article) -> [CareCard] {
        let advice = article.sections.filter { Self.isAboutGettingCare($0.heading) }
        let parts = advice.isEmpty ? [article.summary, article.intro] + article.sections.map(\.body) : advice.map(\.body)
        let text = parts.map(Markdown.plainText(from:)).joined(separator: "\n")
        let audience = (article.audience + article.topics + [article.title]).joined(separator: " ").lowercased()
        let contexts: Set<String> = ["pregnan", "antenatal", "prenatal", "expecting", "postnatal", "postpartum"].contains(where: audience.contains)
            ? ["pregnancy"] : []
        return CareCard.cards(for: triage.signsDiscussed(in: text, contexts: contexts), region: region)
    }

    /// Whether a heading introduces advice on when to get care ("When should I see a health care provider?").
    static func isAboutGettingCare(_ heading: String) -> Bool {
        let heading = Array(heading.lowercased().utf8)
        return careHeadingPhrases.contains { phrase in
            guard phrase.count <= heading.count else { return false }
            return (0...(heading.count - phrase.count)).contains { start in heading[start..<(start + phrase.count)].elementsEqual(phrase) }
        }
    }

    /// Words in a heading that introduce advice on getting care, as UTF-8 (compared byte by byte:
    /// this runs for every section of every article page rendered).
    private static let careHeadingPhrases: [[UInt8]] = [
        "when should i see", "when should you see", "when to see", "should i see a", "see a health care provider", "see a doctor",
        "see a gp", "get help", "get medical", "seek help", "seek medical", "warning sign", "emergency", "urgent", "red flag",
        "worried", "worry", "call 999", "call 911",
    ].map { Array($0.utf8) }

    /// A card as the templates show it.
    public static func view(_ card: CareCard) -> CareCardView {
        CareCardView(id: card.ruleID, level: card.level.rawValue, heading: card.heading, title: card.title, advice: card.advice,
                     sourcePublisher: card.source.publisher, sourceTitle: card.source.title, sourceURL: card.source.url)
    }
}

/// Care cards already worked out for articles, shared by every request: one entry per slug, valid
/// while the article's content hash is the same. Bounded: it starts again when full.
private final class ArticleCardCache: Sendable {
    private static let capacity = 20_000
    private let entries = Mutex<[String: (hash: Int, cards: [CareCard])]>([:])

    func cards(for slug: String, hash: Int) -> [CareCard]? {
        entries.withLock { entries in entries[slug].flatMap { $0.hash == hash ? $0.cards : nil } }
    }

    func store(_ cards: [CareCard], for slug: String, hash: Int) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[slug] = (hash, cards)
        }
    }
}

/// A care card in JSON (`careCards` of `/api/search` and `rehabfaqs search --json`).
public struct CareCardJSON: Codable, Sendable, Hashable {
    public struct Source: Codable, Sendable, Hashable {
        public var publisher: String
        public var title: String
        public var url: String
    }

    public var id: String
    public var level: String
    public var heading: String
    public var title: String
    public var advice: String
    public var source: Source

    public init(_ card: CareCard) {
        id = card.ruleID
        level = card.level.rawValue
        heading = card.heading
        title = card.title
        advice = card.advice
        source = Source(publisher: card.source.publisher, title: card.source.title, url: card.source.url)
    }
}

/// The JSON shape of `/api/triage` and `rehabfaqs triage --json` (DESIGN.md).
public struct TriageResponse: Codable, Sendable, Hashable {
    public struct Flag: Codable, Sendable, Hashable {
        public var id: String
        public var level: String
        /// The reader's words that matched.
        public var matched: String
        public var advice: String
    }

    /// Whether `level` is `emergency` or `urgent`.
    public var urgent: Bool
    public var level: String
    public var flags: [Flag]

    public init(_ result: TriageResult, region: SiteConfiguration.Region) {
        let services = CareServices(region: region)
        urgent = result.isUrgent
        level = result.level.rawValue
        flags = result.flags.map { Flag(id: $0.id, level: $0.level.rawValue, matched: $0.matched, advice: services.fill($0.rule.advice)) }
    }
}
