import Foundation
public import RehabCore

/// The site's files for machines: `sitemap.xml`, the Atom feed, `robots.txt` and `llms.txt`.
///
/// Pure functions of the catalogue and the site settings, so that `serve` and a static export
/// write the same bytes. Every address is absolute, from the configured base URL.
public struct SiteFeeds: Sendable {
    public let configuration: SiteConfiguration
    /// How the pages listed are addressed: as `serve` answers, or as a static export's folders.
    public let paths: SitePaths
    /// The most entries the feed carries, newest first.
    public var feedLength = 50

    public init(configuration: SiteConfiguration, paths: SitePaths = SitePaths()) {
        self.configuration = configuration
        self.paths = paths
    }

    /// Every page a search engine should know, with the day its content last changed
    /// (sitemaps.org protocol 0.9).
    public func sitemap(catalog: SiteCatalog) -> String {
        let newest = catalog.articles.map(\.lastChanged).max()
        var entries: [(path: String, lastModified: CalendarDate?)] = [(paths.home, newest), (paths.articles, newest), (paths.index, newest), (paths.topics, newest)]
        for letter in catalog.index.keys.sorted() where !(catalog.index[letter] ?? []).isEmpty {
            entries.append((paths.index(letter: letter), newest))
        }
        for topic in catalog.topics {
            let changed = topic.articleSlugs.compactMap { catalog.articlesBySlug[$0]?.lastChanged }.max()
            entries.append((paths.topic(topic.slug), changed))
        }
        for author in catalog.authorsBySlug.keys.sorted() {
            let changed = catalog.articles.filter { $0.author == author || $0.reviewer == author }.map(\.lastChanged).max()
            entries.append((paths.author(author), changed))
        }
        for article in catalog.articles {
            entries.append((paths.article(article.slug), article.lastChanged))
        }
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for entry in entries {
            xml += "  <url><loc>\(Self.escape(configuration.absoluteURL(entry.path)))</loc>"
            if let lastModified = entry.lastModified { xml += "<lastmod>\(lastModified.description)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// New and updated articles, newest change first (Atom, RFC 4287).
    public func atomFeed(catalog: SiteCatalog) -> String {
        let entries = catalog.articles.sorted { ($0.lastChanged, $0.slug) > ($1.lastChanged, $1.slug) }.prefix(feedLength)
        let updated = entries.first.map { Self.timestamp($0.lastChanged) } ?? Self.timestamp(catalog.day)
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
              <id>\(Self.escape(configuration.absoluteURL("/")))</id>
              <title>\(Self.escape(configuration.siteName))</title>
              <subtitle>New and updated answers to rehabilitation questions</subtitle>
              <link rel="self" type="application/atom+xml" href="\(Self.escape(configuration.absoluteURL("/feed.atom")))"/>
              <link rel="alternate" type="text/html" href="\(Self.escape(configuration.absoluteURL("/")))"/>
              <updated>\(updated)</updated>

            """
        for article in entries {
            let url = Self.escape(configuration.absoluteURL(paths.article(article.slug)))
            let author = catalog.authorsBySlug[article.author]?.name ?? article.author
            xml += """
                  <entry>
                    <id>\(url)</id>
                    <title>\(Self.escape(article.title))</title>
                    <link rel="alternate" type="text/html" href="\(url)"/>
                    <published>\(Self.timestamp(article.published))</published>
                    <updated>\(Self.timestamp(article.lastChanged))</updated>
                    <author><name>\(Self.escape(author))</name></author>
                    <summary>\(Self.escape(article.summary))</summary>
                  </entry>

                """
        }
        return xml + "</feed>\n"
    }

    /// Crawlers may read every page but search results and the JSON API.
    public func robots() -> String {
        """
        User-agent: *
        Allow: /
        Disallow: /search
        Disallow: /api/

        Sitemap: \(configuration.absoluteURL("/sitemap.xml"))

        """
    }

    /// What the site is and where its answers are, for AI assistants (llmstxt.org).
    public func llms(catalog: SiteCatalog) -> String {
        var text = """
            # \(configuration.siteName)

            > Plain-language answers to rehabilitation questions (back pain, sprains, pregnancy, \
            recovery after surgery and more). Each article gives the direct answer first, then the \
            questions people ask, the warning signs that need care, and its public sources.

            Notes for assistants:
            - General information only: not a diagnosis and not a substitute for a health care provider who knows the person.
            - Every article has a "When should I see a health care provider?" answer. Pass its warning signs on; in an emergency the reader should call \(configuration.region.emergencyNumber).
            - Articles show who wrote them, who reviewed them (or "not yet clinically reviewed"), their dates and references.

            ## Articles


            """
        for article in catalog.articles.sorted(by: { $0.title.localizedCaseInsensitiveCompare($1.title) == .orderedAscending }) {
            text += "- [\(Self.markdownLinkText(article.title))](\(configuration.absoluteURL(paths.article(article.slug)))): \(article.summary)\n"
        }
        text += """

            ## Optional

            - [A–Z index of questions](\(configuration.absoluteURL(paths.index)))
            - [Topics](\(configuration.absoluteURL(paths.topics)))
            - [Atom feed of new and updated articles](\(configuration.absoluteURL("/feed.atom")))

            """
        return text
    }

    /// Midnight UTC of `day`, as RFC 3339.
    static func timestamp(_ day: CalendarDate) -> String { "\(day.description)T00:00:00Z" }

    /// Text made safe for XML character data and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            // XML 1.0 allows no control characters but tab, line feed and carriage return.
            case _ where character.unicodeScalars.contains(where: { $0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value) }):
                continue
            default: escaped.append(character)
            }
        }
        return escaped
    }

    private static func markdownLinkText(_ text: String) -> String {
        text.replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")")
    }
}
