public import Foundation
public import RehabCore
import RehabRender
import RehabSafety

/// Writes the whole site as files for a static host or CDN (`rehabfaqs build --out DIR`): every
/// page, the sitemap, the feed, robots.txt, llms.txt, the assets and the images.
///
/// Pages are addressed as folders (`/articles/back-spasm/` is `articles/back-spasm/index.html`), so
/// any static host serves each link straight from its file, with no redirect and no host settings.
/// The export is written to a new folder beside the target and moved into place when complete: a
/// failed build leaves the previous export as it was.
public struct StaticSite: Sendable {
    public let store: any ContentStore
    public let configuration: SiteConfiguration

    /// What a build wrote.
    public struct Summary: Sendable {
        public var pages: Int
        public var files: Int
        public var bytes: Int
    }

    /// A build that cannot go ahead, with the reason in plain words.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The file that marks a folder as one of our exports, so a rebuild may replace it.
    public static let markerName = ".rehabfaqs-export"

    public init(store: any ContentStore, configuration: SiteConfiguration) {
        self.store = store
        self.configuration = configuration
    }

    /// Builds the site into `folder`, replacing an earlier export there.
    ///
    /// - Throws: ``Failure`` when `folder` holds files that are not an earlier export; store and file errors.
    public func build(into folder: URL, now: Date = Date()) async throws -> Summary {
        let manager = FileManager.default
        let target = folder.standardizedFileURL
        try Self.checkReplaceable(target)
        let parent = target.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        do {
            let summary = try await write(into: staging, now: now)
            try Data().write(to: staging.appendingPathComponent(Self.markerName))
            if manager.fileExists(atPath: target.path) {
                let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(UUID().uuidString.prefix(8))")
                try manager.moveItem(at: target, to: old)
                try manager.moveItem(at: staging, to: target)
                try? manager.removeItem(at: old)
            } else {
                try manager.moveItem(at: staging, to: target)
            }
            return summary
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    /// A folder may be written if it is missing, empty, or an earlier export: never a folder of other files.
    static func checkReplaceable(_ folder: URL) throws {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw Failure(description: "\(folder.path): is a file, not a folder; choose a folder for the site")
        }
        let entries = try manager.contentsOfDirectory(atPath: folder.path)
        guard entries.isEmpty || entries.contains(markerName) else {
            throw Failure(description: "\(folder.path): holds files that are not a RehabFAQs export; choose an empty or new folder (nothing was changed)")
        }
    }

    private func write(into root: URL, now: Date) async throws -> Summary {
        let day = CalendarDate(containing: now)
        async let authorList = store.authors()
        async let topicList = store.topics()
        async let imageHashes = store.imageHashes()
        async let articleList = store.allArticles()
        let articles = try await articleList.filter { $0.isVisible(on: day) }
        let catalog = SiteCatalog(summaries: articles.map(ArticleSummary.init), authors: try await authorList,
                                  topics: try await topicList, imageHashes: try await imageHashes, day: day, builtAt: now)
        let paths = SitePaths(.folders)
        let renderer = try PageRenderer(configuration: configuration, assets: try AssetCatalog(), paths: paths)
        let feeds = SiteFeeds(configuration: configuration, paths: paths)
        let care = CareAdvisor(triage: try Triage.bundled(), region: configuration.region)
        let writer = FileWriter(root: root)

        // Every page is a job; the workers, one per core, take them in turn. The big listing pages
        // (the whole A–Z, an author's every article) go first so that no core is left with one at the end.
        var jobs: [PageJob] = [.index(nil)] + catalog.authorsBySlug.keys.sorted().map(PageJob.author)
        jobs += SiteCatalog.buckets.filter { !(catalog.index[$0] ?? []).isEmpty }.map(PageJob.index)
        jobs += articles.indices.map(PageJob.article)
        jobs += [.home, .topics] + (1...PageRenderer.articleListPageCount(catalog: catalog)).map(PageJob.articleList) + catalog.topics.map(\.slug).map(PageJob.topic)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let allJobs = jobs
        var count = try await withThrowingTaskGroup(of: FileWriter.Count.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var count = FileWriter.Count()
                    for position in stride(from: worker, to: allJobs.count, by: workers) {
                        let (address, html): (String, String?)
                        switch allJobs[position] {
                        case .article(let index):
                            let article = articles[index]
                            (address, html) = (paths.article(article.slug), try renderer.article(
                                article, catalog: catalog, careCards: care.cards(for: article).map(CareAdvisor.view)))
                        case .home: (address, html) = (paths.home, try renderer.home(catalog: catalog))
                        case .articleList(let page): (address, html) = (paths.articles(page: page), try renderer.articleList(catalog: catalog, page: page))
                        case .index(let letter):
                            (address, html) = (letter.map { paths.index(letter: $0) } ?? paths.index, try renderer.index(catalog: catalog, letter: letter))
                        case .topics: (address, html) = (paths.topics, try renderer.topicList(catalog: catalog))
                        case .topic(let slug):
                            (address, html) = (paths.topic(slug), try catalog.topicsBySlug[slug].map { try renderer.topic($0, catalog: catalog) })
                        case .author(let slug):
                            (address, html) = (paths.author(slug), try catalog.authorsBySlug[slug].map { try renderer.author($0, catalog: catalog) })
                        }
                        if let html { count += try writer.page(address, html) }
                    }
                    return count
                }
            }
            return try await group.reduce(into: FileWriter.Count()) { $0 += $1 }
        }
        // Most static hosts show `404.html` for a missing address.
        count += try writer.file("404.html", Array(try renderer.errorPage(
            status: 404, title: "Page not found",
            message: "We could not find a page at this address. It may have moved, or the link may have a typo."
        ).utf8))
        count += try writer.file("sitemap.xml", Array(feeds.sitemap(catalog: catalog).utf8))
        count += try writer.file("feed.atom", Array(feeds.atomFeed(catalog: catalog).utf8))
        count += try writer.file("robots.txt", Array(feeds.robots().utf8))
        count += try writer.file("llms.txt", Array(feeds.llms(catalog: catalog).utf8))
        for asset in renderer.assets.all {
            count += try writer.file("assets/\(asset.fingerprintedName)", asset.bytes)
        }
        for (name, hash) in catalog.imageHashes.sorted(by: { $0.key < $1.key }) {
            guard let image = try await store.image(named: name) else { continue }
            count += try writer.file("images/\(hash)/\(name)", image.data)
        }
        return Summary(pages: count.pages, files: count.files, bytes: count.bytes)
    }
}

/// One page of a static export.
private enum PageJob: Sendable {
    case article(Int)
    case home
    case articleList(Int)
    /// The whole A–Z (`nil`) or one letter.
    case index(String?)
    case topics
    case topic(String)
    case author(String)
}

/// Writes files below one folder, creating folders as needed, and counts what it wrote.
private struct FileWriter: Sendable {
    let root: URL

    struct Count: Sendable {
        var pages = 0
        var files = 0
        var bytes = 0

        static func += (left: inout Count, right: Count) {
            left.pages += right.pages
            left.files += right.files
            left.bytes += right.bytes
        }
    }

    /// Writes a page at its folder address (`/a-z/` → `a-z/index.html`).
    func page(_ address: String, _ html: String) throws -> Count {
        var count = try file(SitePaths.file(forFolderAddress: address), Array(html.utf8))
        count.pages = 1
        return count
    }

    func file(_ relative: String, _ bytes: [UInt8]) throws -> Count {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return Count(pages: 0, files: 1, bytes: bytes.count)
    }
}
