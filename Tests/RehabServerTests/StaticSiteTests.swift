import Foundation
import RehabCore
import RehabServer
import RehabStoreSQLite
import RehabTestSupport
import Testing

/// `rehabfaqs build --out DIR`: the whole site as files any static host serves.
@Suite("Static export")
struct StaticSiteTests {
    static let configuration = SiteConfiguration(baseURL: "https://rehab.example")

    static func store(_ bundle: ContentBundle) async throws -> SQLiteContentStore {
        let store = try SQLiteContentStore.inMemory()
        try await store.migrate()
        try await store.apply(bundle)
        return store
    }

    /// The sample site, with an image and a link from one article to another.
    static var bundle: ContentBundle {
        var bundle = SiteTests.sampleBundle
        bundle.articles[0].intro = "See [the back article](back-spasm.md#how-can-i-ease-a-spasm-at-home).\n\n![A brace](../images/knee/brace.png)"
        bundle.images = [ImageAsset(name: "knee/brace.png", contentType: "image/png", data: [0x89, 0x50, 0x4E, 0x47])]
        return bundle
    }

    /// Every file below `folder`, as paths relative to it.
    static func files(in folder: URL) -> Set<String> {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var files: Set<String> = []
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder), !isFolder.boolValue {
                files.insert(path)
            }
        }
        return files
    }

    /// The file a site address is served from: a folder address from its `index.html`.
    static func file(for address: String) -> String {
        let path = address.removingPercentEncoding ?? address
        return path.hasSuffix("/") ? String(path.dropFirst()) + "index.html" : String(path.dropFirst())
    }

    @Test func everyLinkOnEveryPageLeadsToAFileTheExportWrote() async throws {
        let folder = try ContentFolder()
        let out = URL(fileURLWithPath: folder.path).appendingPathComponent("public")
        let summary = try await StaticSite(store: try await Self.store(Self.bundle), configuration: Self.configuration).build(into: out)
        let files = Self.files(in: out)
        #expect(summary.files == files.count - 1, "every file counted but the export marker")

        // The pages a reader can reach, as folders with index.html; drafts and future articles are not there.
        for expected in ["index.html", "articles/index.html", "articles/back-spasm/index.html", "a-z/index.html", "a-z/a/index.html",
                         "topics/index.html", "topics/back/index.html", "authors/editorial-team/index.html", "404.html",
                         "sitemap.xml", "feed.atom", "robots.txt", "llms.txt", StaticSite.markerName] {
            #expect(files.contains(expected), "\(expected)")
        }
        #expect(!files.contains("articles/a-draft/index.html"))
        #expect(!files.contains("articles/future/index.html"))
        #expect(files.contains { $0.hasPrefix("images/") && $0.hasSuffix("/knee/brace.png") })

        var links = 0
        for page in files where page.hasSuffix(".html") {
            let html = try String(contentsOf: out.appendingPathComponent(page), encoding: .utf8)
            #expect(!html.contains("action=\"/search\""), "\(page): the export has no server to search")
            for match in html.matches(of: #/(?:href|src)="(/[^"#?]*)/#) {
                let address = String(match.output.1)
                #expect(files.contains(Self.file(for: address)), "\(page) links to \(address), which the export did not write")
                links += 1
            }
        }
        #expect(links > 100)

        // The article link written in Markdown points at the folder address, anchor kept.
        let first = try String(contentsOf: out.appendingPathComponent("articles/ankle-sprain/index.html"), encoding: .utf8)
        #expect(first.contains("href=\"/articles/back-spasm/#how-can-i-ease-a-spasm-at-home\""))

        // Canonical links, the sitemap and the feed name the same folder addresses, absolute.
        #expect(first.contains("<link rel=\"canonical\" href=\"https://rehab.example/articles/ankle-sprain/\">"))
        let sitemap = try String(contentsOf: out.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        for match in sitemap.matches(of: #/<loc>https://rehab\.example(/[^<]*)</loc>/#) {
            #expect(files.contains(Self.file(for: String(match.output.1))), "sitemap: \(match.output.1)")
        }
        #expect(sitemap.contains("<loc>https://rehab.example/articles/back-spasm/</loc>"))
    }

    @Test func aRebuildReplacesTheEarlierExportWhole() async throws {
        let folder = try ContentFolder()
        let out = URL(fileURLWithPath: folder.path).appendingPathComponent("public")
        let store = try await Self.store(Self.bundle)
        _ = try await StaticSite(store: store, configuration: Self.configuration).build(into: out)
        var smaller = Self.bundle
        smaller.articles.removeAll { $0.slug == "zebra" }
        try await store.apply(smaller, prune: true, onlyIfEmpty: false)
        _ = try await StaticSite(store: store, configuration: Self.configuration).build(into: out)
        let files = Self.files(in: out)
        #expect(!files.contains("articles/zebra/index.html"))
        #expect(files.contains("articles/back-spasm/index.html"))
        // Nothing of the staging or old folders is left beside the export.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("public") } == ["public"])
    }

    @Test func aFolderOfOtherFilesIsNeverReplaced() async throws {
        let folder = try ContentFolder()
        try folder.write("mine/notes.txt", "keep me")
        let out = URL(fileURLWithPath: folder.path).appendingPathComponent("mine")
        await #expect {
            _ = try await StaticSite(store: try await Self.store(Self.bundle), configuration: Self.configuration).build(into: out)
        } throws: { error in
            (error as? StaticSite.Failure)?.description.contains("not a RehabFAQs export") == true
        }
        #expect(Self.files(in: out) == ["notes.txt"])
    }
}
