import Foundation
import RehabContent
import RehabCore
import RehabStoreSQLite
import RehabTestSupport
import Testing

@Suite("Importing content files")
struct ImportTests {
    private func makeStore(_ folder: ContentFolder) async throws -> SQLiteContentStore {
        let store = try SQLiteContentStore(path: folder.databasePath)
        try await store.migrate()
        return store
    }

    private func importIssues(_ store: some ContentStore, _ paths: [String]) async throws -> [ContentIssue] {
        do {
            _ = try await ContentImporter(store: store).importContent(paths: paths)
            return []
        } catch let error as ContentValidationError {
            return error.issues
        }
    }

    @Test func aFolderImportsArticlesAuthorsTopicsAndImages() async throws {
        let folder = try ContentFolder()
        try folder.write("content/authors/editorial-team.md", ContentFolder.authorFile)
        try folder.write("content/topics/back.md", "---\nname: Back\n---\nAbout backs.\n")
        try folder.write("content/articles/one.md", ContentFolder.articleFile(slug: "one"))
        try folder.write("content/articles/nested/two.md", ContentFolder.articleFile(slug: "two"))
        try folder.write("content/images/spine.png", bytes: [0x89, 0x50, 0x4E, 0x47])
        try folder.write("content/notes.txt", "not content")
        let store = try await makeStore(folder)
        let summary = try await ContentImporter(store: store).importContent(paths: [folder.path + "/content"])
        #expect(summary.line == "Imported 2 articles (2 new), 4 questions, 1 author, 1 topic, 1 image.")
        #expect(try await store.articleSummaries().map(\.slug) == ["one", "two"])
        #expect(try await store.image(named: "spine.png") != nil)
    }

    @Test func oneBadFileAmongGoodOnesWritesNothing() async throws {
        let folder = try ContentFolder()
        try folder.write("authors/editorial-team.md", ContentFolder.authorFile)
        try folder.write("articles/good.md", ContentFolder.articleFile(slug: "good"))
        let bad = try folder.write("articles/bad.md", ContentFolder.articleFile(slug: "bad").replacingOccurrences(of: "published: 2025-03-10", with: "published: 2025-13-45"))
        let store = try await makeStore(folder)
        let issues = try await importIssues(store, [folder.path])
        #expect(issues.map(\.description) == ["\(bad):5: 'published' is not a valid date: '2025-13-45' (write YYYY-MM-DD, a day that exists)"])
        #expect(try await store.exportAll() == ContentBundle())
        #expect(try await store.changeToken() == 0)
    }

    /// A kind of bad file, with its bytes and the words its message must contain.
    enum BadFile: String, CaseIterable, CustomTestStringConvertible {
        case missingTitle, badDate, noFrontMatter, malformedFrontMatter, unknownAuthor, unknownReviewer
        case duplicateSlug, invalidUTF8, overFiveMegabytes

        var testDescription: String { rawValue }

        var bytes: [UInt8] {
            switch self {
            case .missingTitle: Array(ContentFolder.articleFile(slug: "bad").replacingOccurrences(of: "title: How do I ease a back spasm?\n", with: "").utf8)
            case .badDate: Array(ContentFolder.articleFile(slug: "bad").replacingOccurrences(of: "2025-03-10", with: "2025-02-30").utf8)
            case .noFrontMatter: Array("# Just a heading\n\nText.\n".utf8)
            case .malformedFrontMatter: Array("---\ntitle: [unclosed\n---\n".utf8)
            case .unknownAuthor: Array(ContentFolder.articleFile(slug: "bad", author: "ghost").utf8)
            case .unknownReviewer: Array(ContentFolder.articleFile(slug: "bad", extra: "reviewer: ghost\n").utf8)
            case .duplicateSlug: Array(ContentFolder.articleFile(slug: "good").utf8)
            case .invalidUTF8: Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\n---\n".utf8)
            case .overFiveMegabytes: Array(ContentFolder.articleFile(slug: "bad").utf8) + [UInt8](repeating: 0x61, count: 5 * 1024 * 1024)
            }
        }

        var message: String {
            switch self {
            case .missingTitle: "missing required front matter key 'title'"
            case .badDate: "'published' is not a valid date"
            case .noFrontMatter: "no front matter"
            case .malformedFrontMatter: "not valid YAML"
            case .unknownAuthor: "unknown author 'ghost'"
            case .unknownReviewer: "unknown reviewer 'ghost'"
            case .duplicateSlug: "duplicate slug 'good'"
            case .invalidUTF8: "not valid UTF-8"
            case .overFiveMegabytes: "the limit is 5 MB"
            }
        }
    }

    /// Each kind of bad file, imported together with good ones, is reported and nothing is written.
    @Test(arguments: BadFile.allCases)
    func aBadFileIsReportedAndNothingIsWritten(_ kind: BadFile) async throws {
        let folder = try ContentFolder()
        try folder.write("authors/editorial-team.md", ContentFolder.authorFile)
        try folder.write("articles/a-good.md", ContentFolder.articleFile(slug: "good"))
        let bad = try folder.write("articles/z-bad.md", bytes: kind.bytes)
        let store = try await makeStore(folder)
        let issues = try await importIssues(store, [folder.path])
        #expect(issues.count == 1, "\(kind): \(issues)")
        #expect(issues.first?.path == bad, "\(kind)")
        #expect(issues.first?.message.contains(kind.message) == true, "\(kind): \(issues)")
        #expect(try await store.exportAll() == ContentBundle(), "\(kind): nothing written")
        #expect(try await store.changeToken() == 0)
    }

    @Test func anUnknownAuthorIsNamedWithItsLine() async throws {
        let folder = try ContentFolder()
        let path = try folder.write("articles/a.md", ContentFolder.articleFile(slug: "a", author: "nobody"))
        let store = try await makeStore(folder)
        let issues = try await importIssues(store, [path])
        #expect(issues.map(\.description) == ["\(path):4: unknown author 'nobody': add authors/nobody.md or use an existing author"])
        #expect(try await store.exportAll() == ContentBundle())
    }

    @Test func anAuthorAlreadyStoredIsKnown() async throws {
        let folder = try ContentFolder()
        let author = try folder.write("authors/editorial-team.md", ContentFolder.authorFile)
        let article = try folder.write("articles/a.md", ContentFolder.articleFile(slug: "a"))
        let store = try await makeStore(folder)
        _ = try await ContentImporter(store: store).importContent(paths: [author])
        let summary = try await ContentImporter(store: store).importContent(paths: [article])
        #expect(summary.articlesAdded == 1)
    }

    @Test func duplicateSlugsAreRejected() async throws {
        let folder = try ContentFolder()
        try folder.write("authors/editorial-team.md", ContentFolder.authorFile)
        let first = try folder.write("articles/a.md", ContentFolder.articleFile(slug: "same"))
        let second = try folder.write("articles/b.md", ContentFolder.articleFile(slug: "same"))
        let store = try await makeStore(folder)
        let issues = try await importIssues(store, [folder.path])
        #expect(issues.map(\.description) == ["\(second):3: duplicate slug 'same': \(first) has the same slug"])
        #expect(try await store.exportAll() == ContentBundle())
    }

    @Test func aMissingPathIsReported() async throws {
        let folder = try ContentFolder()
        let store = try await makeStore(folder)
        let issues = try await importIssues(store, [folder.path + "/nope"])
        #expect(issues.map(\.message) == ["no such file or folder"])
    }

    @Test func authorAndTopicFilesAreChecked() async throws {
        let folder = try ContentFolder()
        let author = try folder.write("authors/jo.md", "---\ncredentials: PT\nslug: joanne\n---\n")
        let topic = try folder.write("topics/knees.md", "---\nname: Knee\n---\n")
        let image = try folder.write("images/evil.svg", "<svg/>")
        let store = try await makeStore(folder)
        let issues = try await importIssues(store, [folder.path])
        #expect(issues.map(\.description).sorted() == [
            "\(author):1: missing required front matter key 'name'",
            "\(author):3: 'slug' is 'joanne' but the file is named 'jo.md'; they must match",
            "\(image): unsupported image type '.svg'; use one of avif, gif, jpeg, jpg, png, webp",
            "\(topic):2: topic 'Knee' has the slug 'knee', so the file must be named 'knee.md'",
        ].sorted())
    }

    @Test func reimportingTheSameFilesChangesNothing() async throws {
        let folder = try ContentFolder()
        try folder.write("authors/editorial-team.md", ContentFolder.authorFile)
        try folder.write("articles/a.md", ContentFolder.articleFile(slug: "a"))
        let store = try await makeStore(folder)
        _ = try await ContentImporter(store: store).importContent(paths: [folder.path])
        let before = try await store.exportAll()
        let token = try await store.changeToken()
        let summary = try await ContentImporter(store: store).importContent(paths: [folder.path])
        #expect(!summary.changedAnything)
        #expect(summary.line == "Imported 1 article (no changes), 2 questions, 1 author.")
        #expect(try await store.exportAll() == before)
        #expect(try await store.changeToken() == token)
    }

    @Test func exportThenImportGivesTheSameContent() async throws {
        let folder = try ContentFolder()
        try folder.write("in/authors/editorial-team.md", ContentFolder.authorFile)
        try folder.write("in/topics/back.md", "---\nname: Back\n---\nAbout backs.\n")
        try folder.write("in/articles/a.md", ContentFolder.articleFile(slug: "a", extra: "aliases: [old-a]\ndraft: true\nindex: \"Spasm: back\"\n"))
        try folder.write("in/articles/b.md", ContentFolder.articleFile(slug: "b", title: "Why does my back hurt?") + "\n\n## Why?\n\n```\n## not a heading?\n```\n")
        try folder.write("in/images/spine.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 1])
        let first = try await makeStore(folder)
        _ = try await ContentImporter(store: first).importContent(paths: [folder.path + "/in"])
        let exported = try await first.exportAll()
        try ContentExporter.write(exported, to: URL(fileURLWithPath: folder.path + "/out"))

        let second = try SQLiteContentStore.inMemory()
        try await second.migrate()
        _ = try await ContentImporter(store: second).importContent(paths: [folder.path + "/out"])
        #expect(try await second.exportAll() == exported)
        #expect(exported.articles.count == 2)
    }

    @Test func pruneRemovesArticlesWhoseFilesAreGone() async throws {
        let folder = try ContentFolder()
        try folder.write("authors/editorial-team.md", ContentFolder.authorFile)
        try folder.write("articles/a.md", ContentFolder.articleFile(slug: "a"))
        let gone = try folder.write("articles/b.md", ContentFolder.articleFile(slug: "b"))
        let store = try await makeStore(folder)
        _ = try await ContentImporter(store: store).importContent(paths: [folder.path])
        try FileManager.default.removeItem(atPath: gone)
        let summary = try await ContentImporter(store: store).importContent(paths: [folder.path], prune: true)
        #expect(summary.articlesRemoved == 1)
        #expect(try await store.articleSummaries().map(\.slug) == ["a"])
    }
}
