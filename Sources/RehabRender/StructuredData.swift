import RehabContent
import RehabCore

/// A JSON value whose object keys keep the order they were written in, so JSON-LD reads as it was
/// built.
enum JSONValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case array([JSONValue])
    case object([Member])

    struct Member: Sendable, Equatable {
        var key: String
        var value: JSONValue
    }

    /// An object from key–value pairs; `nil` values are left out.
    static func object(_ pairs: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(pairs.compactMap { key, value in value.map { Member(key: key, value: $0) } })
    }

    /// A reference to a node of the same graph by its `@id`.
    static func reference(_ id: String) -> JSONValue { .object(["@id": .string(id)]) }

    /// Compact JSON that is safe inside an HTML `<script>` element: `<`, `>` and `&` are written as
    /// `\u003c`, `\u003e` and `\u0026`, so no value can end the element or start a comment. Line
    /// and paragraph separators are escaped too, for old JavaScript parsers.
    var scriptSafeText: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .string(let text):
            Self.writeString(text, to: &output)
        case .integer(let number):
            output += String(number)
        case .array(let values):
            output += "["
            for (position, value) in values.enumerated() {
                if position > 0 { output += "," }
                value.write(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (position, member) in members.enumerated() {
                if position > 0 { output += "," }
                Self.writeString(member.key, to: &output)
                output += ":"
                member.value.write(to: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        var text = text
        text.withUTF8 { bytes in
            // Copy runs of plain bytes whole; escape the few that need it.
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let escape: String?
                var width = 1
                switch bytes[index] {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x00...0x1F, 0x7F, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                    let hex = String(bytes[index], radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    // U+2028 and U+2029, the line and paragraph separators.
                    escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default:
                    escape = nil
                }
                if let escape {
                    output += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self)
                    output += escape
                    index += width
                    runStart = index
                } else {
                    index += 1
                }
            }
            output += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]), as: UTF8.self)
        }
        output += "\""
    }
}

/// schema.org structured data (JSON-LD) for pages, built only from what each page shows, so that
/// search engines and readers' tools see the same facts as readers: no review claimed that the page
/// does not state, an editorial team named as an organization, not a person.
struct StructuredData {
    let configuration: SiteConfiguration
    let paths: SitePaths
    /// The absolute URL of the site's logo (its icon).
    let logo: String

    /// One breadcrumb step: the visible name and the site path it links to.
    struct Crumb {
        var name: String
        var path: String
    }

    private var home: String { configuration.absoluteURL(paths.home) }
    private var websiteID: String { home + "#website" }
    private var publisherID: String { home + "#publisher" }

    /// The graph for the home page: the web site and who publishes it.
    func homePage() -> JSONValue {
        graph([website(), publisher()])
    }

    /// The graph for a page that lists articles (a topic): a collection page with its breadcrumbs.
    func collectionPage(path: String, name: String, description: String, crumbs: [Crumb]) -> JSONValue {
        let url = configuration.absoluteURL(path)
        return graph([
            .object([
                "@type": .string("CollectionPage"),
                "@id": .string(url),
                "url": .string(url),
                "name": .string(name),
                "description": .string(description),
                "inLanguage": .string("en"),
                "isPartOf": .reference(websiteID),
                "breadcrumb": .reference(url + "#breadcrumb"),
            ]),
            breadcrumbList(crumbs, pageURL: url),
            website(),
            publisher(),
        ])
    }

    /// The graph for an article page: a `MedicalWebPage` (and `FAQPage` when it has questions), the
    /// `Article`, its breadcrumbs, the site and the publisher.
    ///
    /// - Parameters:
    ///   - answers: The plain text of each question's answer, in the order of `article.questions`.
    ///   - imagePath: The site path of the first image the article shows, if any.
    func articlePage(_ article: Article, author: Author?, reviewer: Author?, answers: [String], imagePath: String?,
                     crumbs: [Crumb]) -> JSONValue {
        let url = configuration.absoluteURL(paths.article(article.slug))
        let questions = article.questions
        var types: [JSONValue] = [.string("MedicalWebPage")]
        if !questions.isEmpty { types.append(.string("FAQPage")) }
        var audiences: [JSONValue] = [.object(["@type": .string("MedicalAudience"), "audienceType": .string("Patient")])]
        audiences += article.audience.map { .object(["@type": .string("PeopleAudience"), "audienceType": .string($0)]) }
        let page = JSONValue.object([
            "@type": .array(types),
            "@id": .string(url),
            "url": .string(url),
            "name": .string(article.title),
            "description": .string(article.summary),
            "inLanguage": .string("en"),
            "isPartOf": .reference(websiteID),
            "breadcrumb": .reference(url + "#breadcrumb"),
            "about": .array(article.topics.map { topic in
                .object(["@type": .string("Thing"), "name": .string(topic),
                         "url": .string(configuration.absoluteURL(paths.topic(Slug.make(from: topic))))])
            }),
            "audience": .array(audiences),
            // A review is claimed only when the page names the reviewer, as the byline does.
            "reviewedBy": reviewer.map(person),
            "lastReviewed": reviewer == nil ? nil : article.reviewed.map { .string($0.description) },
            "mainEntity": questions.isEmpty ? nil : .array(zip(questions, answers).map { question, answer in
                .object([
                    "@type": .string("Question"),
                    "name": .string(question.heading),
                    "url": .string(configuration.absoluteURL(paths.article(article.slug, anchor: question.anchor))),
                    "acceptedAnswer": .object(["@type": .string("Answer"), "text": .string(answer)]),
                ])
            }),
        ])
        let articleNode = JSONValue.object([
            "@type": .string("Article"),
            "@id": .string(url + "#article"),
            "headline": .string(article.title),
            "description": .string(article.summary),
            "datePublished": .string(article.published.description),
            "dateModified": .string((article.updated ?? article.published).description),
            "inLanguage": .string("en"),
            "author": author.map(person) ?? .object(["@type": .string("Person"), "name": .string(article.author)]),
            "publisher": .reference(publisherID),
            "mainEntityOfPage": .reference(url),
            "image": imagePath.map { .string(configuration.absoluteURL($0)) },
        ])
        return graph([page, articleNode, breadcrumbList(crumbs, pageURL: url), website(), publisher()])
    }

    // MARK: - Nodes

    private func graph(_ nodes: [JSONValue]) -> JSONValue {
        .object(["@context": .string("https://schema.org"), "@graph": .array(nodes)])
    }

    private func website() -> JSONValue {
        .object([
            "@type": .string("WebSite"),
            "@id": .string(websiteID),
            "url": .string(home),
            "name": .string(configuration.siteName),
            "inLanguage": .string("en"),
            "publisher": .reference(publisherID),
        ])
    }

    private func publisher() -> JSONValue {
        .object([
            "@type": .string("Organization"),
            "@id": .string(publisherID),
            "name": .string(configuration.siteName),
            "url": .string(home),
            "logo": .object(["@type": .string("ImageObject"), "url": .string(logo)]),
        ])
    }

    /// An author or reviewer as a `Person` or an `Organization`, linked to their page on this site
    /// and, through `sameAs`, to their own address when they gave one.
    private func person(_ author: Author) -> JSONValue {
        .object([
            "@type": .string(author.kind == .organization ? "Organization" : "Person"),
            "name": .string(author.name),
            "url": .string(configuration.absoluteURL(paths.author(author.slug))),
            "sameAs": author.url.flatMap { WebAddress.isValid($0) ? .string($0) : nil },
        ])
    }

    private func breadcrumbList(_ crumbs: [Crumb], pageURL: String) -> JSONValue {
        .object([
            "@type": .string("BreadcrumbList"),
            "@id": .string(pageURL + "#breadcrumb"),
            "itemListElement": .array(crumbs.enumerated().map { position, crumb in
                .object([
                    "@type": .string("ListItem"),
                    "position": .integer(position + 1),
                    "name": .string(crumb.name),
                    "item": .string(configuration.absoluteURL(crumb.path)),
                ])
            }),
        ])
    }
}
