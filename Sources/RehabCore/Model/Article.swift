import Foundation

/// One article: front matter plus its Markdown body split into an introduction and level-2 sections.
///
/// The Markdown source is kept as written so that export reproduces it; HTML is rendered from it
/// when a page is built.
public struct Article: Sendable, Hashable, Codable {
    /// The URL name, unique among articles: `/articles/{slug}`.
    public var slug: String
    public var title: String
    /// The slug of the author, an ``Author``.
    public var author: String
    /// The slug of the clinical reviewer, when a real one exists.
    public var reviewer: String?
    public var published: CalendarDate
    public var updated: CalendarDate?
    public var reviewed: CalendarDate?
    /// Topic names as written; each topic's slug is ``Slug/make(from:)`` of its name.
    public var topics: [String]
    /// The A–Z entry as written in front matter, if any. See ``indexTerm``.
    public var index: String?
    public var audience: [String]
    /// The direct answer to the title, in one or two sentences of plain text.
    public var summary: String
    public var references: [Reference]
    /// Old slugs that redirect permanently to this article.
    public var aliases: [String]
    /// Drafts are stored but never shown to readers.
    public var draft: Bool
    /// Markdown before the first level-2 heading.
    public var intro: String
    /// Questions and other sections, in the order written.
    public var sections: [ArticleSection]

    public init(
        slug: String, title: String, author: String, reviewer: String? = nil,
        published: CalendarDate, updated: CalendarDate? = nil, reviewed: CalendarDate? = nil,
        topics: [String] = [], index: String? = nil, audience: [String] = [], summary: String,
        references: [Reference] = [], aliases: [String] = [], draft: Bool = false,
        intro: String = "", sections: [ArticleSection] = []
    ) {
        self.slug = slug
        self.title = title
        self.author = author
        self.reviewer = reviewer
        self.published = published
        self.updated = updated
        self.reviewed = reviewed
        self.topics = topics
        self.index = index
        self.audience = audience
        self.summary = summary
        self.references = references
        self.aliases = aliases
        self.draft = draft
        self.intro = intro
        self.sections = sections
    }

    /// The sections that are questions, in order.
    public var questions: [ArticleSection] { sections.filter { $0.kind == .question } }

    /// The term this article is listed under in the A–Z index: `index` when given, otherwise the
    /// title without leading question words.
    public var indexTerm: String { index ?? IndexTerm.derive(fromTitle: title) }

    /// Whether readers may see the article on `day`: not a draft, and published on or before that day.
    public func isVisible(on day: CalendarDate) -> Bool { !draft && published <= day }
}

/// A level-2 part of an article: a question with its answer, or an ordinary section.
public struct ArticleSection: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A heading that ends in `?`; its body is the answer.
        case question
        /// Any other level-2 heading.
        case section
    }

    public var kind: Kind
    /// The heading as plain text, without Markdown markup.
    public var heading: String
    /// The heading's Markdown source, as written after `## `.
    public var headingSource: String
    /// The fragment identifier, unique within the article: `#how-can-i-ease-a-spasm`.
    public var anchor: String
    /// The Markdown up to the next level-2 heading, without surrounding blank lines.
    public var body: String

    public init(kind: Kind, heading: String, headingSource: String? = nil, anchor: String, body: String) {
        self.kind = kind
        self.heading = heading
        self.headingSource = headingSource ?? heading
        self.anchor = anchor
        self.body = body
    }
}

/// A public source an article's facts come from.
public struct Reference: Sendable, Hashable, Codable {
    public var title: String
    public var publisher: String?
    public var url: String?
    public var accessed: CalendarDate?

    public init(title: String, publisher: String? = nil, url: String? = nil, accessed: CalendarDate? = nil) {
        self.title = title
        self.publisher = publisher
        self.url = url
        self.accessed = accessed
    }
}

/// Derives A–Z index terms from titles.
public enum IndexTerm {
    /// Leading phrases dropped from a title, longest first so that "how do i" wins over "how".
    static let leadingQuestionWords: [String] = [
        "how do i", "how do you", "how can i", "how should i", "how to", "how long does", "how long do",
        "what is the", "what are the", "what is", "what are", "what's", "what to do about", "what to do for",
        "when should i", "when to", "why do i", "why does", "why do", "why is", "why am i",
        "should i", "can i", "can you", "is it", "do i", "does", "is", "are", "can", "how",
    ]

    /// `"How to rehab a back spasm?"` becomes `"Rehab a back spasm"`.
    public static func derive(fromTitle title: String) -> String {
        var text = title.trimmingWhitespace
        let lowered = text.lowercased()
        for phrase in leadingQuestionWords where lowered.hasPrefix(phrase + " ") {
            text = String(text.dropFirst(phrase.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        while let last = text.last, last == "?" || last == "." || last == " " { text.removeLast() }
        guard let first = text.first else { return title }
        return first.uppercased() + text.dropFirst()
    }

    /// The A–Z bucket of a term: `"a"`…`"z"` for a leading letter (diacritics folded), otherwise `"0-9"`.
    public static func bucket(of term: String) -> String {
        let folded = sortKey(of: term)
        guard let first = folded.unicodeScalars.first(where: { !CharacterSet.whitespaces.contains($0) }),
              first.isASCII, CharacterSet.lowercaseLetters.contains(first)
        else { return "0-9" }
        return String(Character(first))
    }

    /// A key that sorts terms alphabetically regardless of case and diacritics.
    public static func sortKey(of term: String) -> String {
        // ASCII needs no accent folding; Foundation's folding is slow enough to matter at start-up.
        term.utf8.allSatisfy { $0 < 0x80 } ? term.lowercased() : term.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    }
}
