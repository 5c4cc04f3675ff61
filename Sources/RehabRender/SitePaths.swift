/// The address of every page, written one of two ways: as `serve` answers them
/// (`/articles/back-spasm`), or as folders for a static export (`/articles/back-spasm/`, the file
/// `articles/back-spasm/index.html`), which every static host serves without a redirect.
///
/// Pages, feeds and structured data take every address from here, so a static export links to the
/// files it writes and nowhere else.
public struct SitePaths: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        /// Addresses as `serve` answers them, with no trailing slash.
        case server
        /// Folder addresses ending in `/`, for files named `index.html`.
        case folders
    }

    public var style: Style

    public init(_ style: Style = .server) {
        self.style = style
    }

    /// A page address in this style: `/a-z` stays as it is for the server and becomes `/a-z/` for folders.
    public func page(_ path: String) -> String {
        style == .folders && !path.hasSuffix("/") ? path + "/" : path
    }

    public var home: String { "/" }
    public var articles: String { page("/articles") }
    public var index: String { page("/a-z") }
    public var topics: String { page("/topics") }

    /// Page `number` of the article list; page 1 is ``articles``.
    public func articles(page number: Int) -> String {
        guard number > 1 else { return articles }
        return style == .server ? "/articles?page=\(number)" : "/articles/page/\(number)/"
    }

    public func article(_ slug: String) -> String { page("/articles/\(slug)") }
    public func article(_ slug: String, anchor: String) -> String { article(slug) + "#" + anchor }
    public func topic(_ slug: String) -> String { page("/topics/\(slug)") }
    public func author(_ slug: String) -> String { page("/authors/\(slug)") }
    /// One bucket of the A–Z index: `a`…`z` or `0-9`.
    public func index(letter: String) -> String { page("/a-z/\(letter)") }

    /// Whether pages offer the search form: a static export has no server to answer it.
    public var hasSearch: Bool { style == .server }

    /// The file below the export folder that a folder-style page address is written to:
    /// `/` → `index.html`, `/a-z/` → `a-z/index.html`.
    public static func file(forFolderAddress path: String) -> String {
        let trimmed = path.drop { $0 == "/" }
        return trimmed.isEmpty ? "index.html" : trimmed + (trimmed.hasSuffix("/") ? "" : "/") + "index.html"
    }
}
