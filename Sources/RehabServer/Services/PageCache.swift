import Synchronization

/// Rendered pages of one content snapshot, by path: a page is rendered once per snapshot and then
/// served from memory, also while the database is out of reach.
///
/// Each snapshot has its own cache, so that a content change (a new snapshot) invalidates every
/// page at once and no page outlives the content it shows.
final class PageCache: Sendable {
    /// A rendered page and its validator.
    struct Page: Sendable {
        var html: String
    }

    /// The most pages kept; past it, pages are rendered per request until the next snapshot.
    let capacity: Int
    private let pages = Mutex<[String: Page]>([:])

    init(capacity: Int = 20_000) { self.capacity = capacity }

    subscript(path: String) -> Page? {
        pages.withLock { $0[path] }
    }

    /// Keeps `page` for `path` unless the cache is full.
    func store(_ page: Page, for path: String) {
        pages.withLock { pages in
            if pages.count < capacity || pages[path] != nil { pages[path] = page }
        }
    }

    var count: Int { pages.withLock { $0.count } }
}
