public import RehabCore
import Foundation

/// Reads content files and folders into a ``ContentBundle``, collecting every problem instead of stopping at the first.
///
/// Files are classified by the folder they sit in: `authors/*.md` are authors, `topics/*.md` are topic
/// descriptions, anything under `images/` is an image, and every other `.md` file is an article.
/// Other files (a `README.txt`, `.DS_Store`) are not content and are skipped.
public struct ContentLoader: Sendable {
    /// A parsed file with the path it came from, so later checks can name it.
    public struct Loaded<Value: Sendable>: Sendable {
        public var value: Value
        public var path: String
        /// The line of each front matter key (articles only).
        public var keyLines: [String: Int] = [:]

        /// The line of `key`, or of the opening `---` when the key is absent.
        public func line(of key: String) -> Int { keyLines[key] ?? 1 }
    }

    /// The outcome of reading: everything that parsed, and every problem found.
    public struct Result: Sendable {
        public var articles: [Loaded<Article>] = []
        public var authors: [Loaded<Author>] = []
        public var topics: [Loaded<TopicDescription>] = []
        public var images: [Loaded<ImageAsset>] = []
        public var issues: [ContentIssue] = []

        public var bundle: ContentBundle {
            ContentBundle(articles: articles.map(\.value), authors: authors.map(\.value),
                          topics: topics.map(\.value), images: images.map(\.value))
        }
    }

    public init() {}

    /// Reads every content file at `paths` (files or folders, walked recursively in name order).
    ///
    /// - Parameters:
    ///   - paths: Files and folders.
    /// Files are parsed in parallel, in batches; the result keeps the files' order.
    ///
    /// - Parameters:
    ///   - paths: Files and folders.
    ///   - progress: Called as batches finish, with the number of files read so far and the total.
    public func load(paths: [String], progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) async -> Result {
        var result = Result()
        let found = foundFiles(at: paths, issues: &result.issues)
        let batchSize = 64
        let batches = stride(from: 0, to: found.count, by: batchSize).map { Array(found[$0..<min($0 + batchSize, found.count)]) }
        var parts = [Result?](repeating: nil, count: batches.count)
        await withTaskGroup(of: (Int, Result).self) { group in
            for (index, batch) in batches.enumerated() {
                group.addTask {
                    var part = Result()
                    for file in batch { read(file.path, into: &part) }
                    return (index, part)
                }
            }
            var done = 0
            for await (index, part) in group {
                parts[index] = part
                done += batches[index].count
                progress(done, found.count)
            }
        }
        for part in parts.compactMap({ $0 }) {
            result.articles += part.articles
            result.authors += part.authors
            result.topics += part.topics
            result.images += part.images
            result.issues += part.issues
        }
        return result
    }

    // MARK: - Walking

    /// The files that ``load(paths:progress:)`` would read at `paths`, in the order it reads them,
    /// each once, with a problem for each path that does not exist or cannot be listed.
    ///
    /// Folders are walked recursively in name order, skipping names that start with `.`. The list
    /// holds every file found; ``kind(ofPath:)`` tells which are content.
    public func contentFiles(at paths: [String]) -> (paths: [String], issues: [ContentIssue]) {
        var issues: [ContentIssue] = []
        let found = foundFiles(at: paths, issues: &issues)
        return (found.map(\.path), issues)
    }

    private struct FoundFile: Sendable {
        var path: String
        var standardized: String
    }

    private func foundFiles(at paths: [String], issues: inout [ContentIssue]) -> [FoundFile] {
        var seen = Set<String>()
        var found: [FoundFile] = []
        for path in paths {
            for file in files(at: path, issues: &issues) where seen.insert(file.standardized).inserted {
                found.append(file)
            }
        }
        return found
    }

    private func files(at path: String, issues: inout [ContentIssue]) -> [FoundFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            issues.append(ContentIssue(path: path, line: nil, message: "no such file or folder"))
            return []
        }
        guard isDirectory.boolValue else {
            return [FoundFile(path: path, standardized: URL(fileURLWithPath: path).standardizedFileURL.path)]
        }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            issues.append(ContentIssue(path: path, line: nil, message: "folder cannot be read"))
            return []
        }
        var found: [FoundFile] = []
        while let relative = enumerator.nextObject() as? String {
            let components = relative.split(separator: "/")
            if components.contains(where: { $0.hasPrefix(".") }) { continue }
            let full = (path as NSString).appendingPathComponent(relative)
            var childIsDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &childIsDirectory), !childIsDirectory.boolValue else { continue }
            found.append(FoundFile(path: full, standardized: URL(fileURLWithPath: full).standardizedFileURL.path))
        }
        return found.sorted { $0.path < $1.path }
    }

    // MARK: - Reading one file

    /// What a file is, by the folder it sits in.
    public enum FileKind: Sendable, Hashable {
        /// Any `.md` file not directly in `authors/` or `topics/`.
        case article
        /// `authors/*.md`.
        case author
        /// `topics/*.md`.
        case topic
        /// Anything below an `images/` folder; `name` is its path below that folder.
        case image(name: String)
        /// Not content: skipped.
        case other
    }

    /// What the file at `path` is, by the folder it sits in and its extension.
    public static func kind(ofPath path: String) -> FileKind {
        let components = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        if let imagesIndex = components.dropLast().lastIndex(of: "images") {
            return .image(name: components[(imagesIndex + 1)...].joined(separator: "/"))
        }
        guard path.lowercased().hasSuffix(".md") else { return .other }
        switch components.dropLast().last {
        case "authors": return .author
        case "topics": return .topic
        default: return .article
        }
    }

    private func read(_ path: String, into result: inout Result) {
        let kind = Self.kind(ofPath: path)
        if case .other = kind { return }
        let bytes: [UInt8]
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > SourceText.maximumFileSize {
                let megabytes = (Double(size) / 1_048_576 * 10).rounded() / 10
                result.issues.append(ContentIssue(path: path, line: nil, message: "file is \(megabytes) MB; the limit is 5 MB"))
                return
            }
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            result.issues.append(ContentIssue(path: path, line: nil, message: "cannot be read: \(error.localizedDescription)"))
            return
        }
        let fileSlug = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        do throws(ContentValidationError) {
            switch kind {
            case .article:
                let parsed = try ContentParser.articleWithKeyLines(from: bytes, path: path)
                result.articles.append(Loaded(value: parsed.article, path: path, keyLines: parsed.keyLines))
            case .author:
                try requireSlugFileName(fileSlug, path: path)
                result.authors.append(Loaded(value: try ContentParser.author(from: bytes, path: path, fileSlug: fileSlug), path: path))
            case .topic:
                try requireSlugFileName(fileSlug, path: path)
                result.topics.append(Loaded(value: try ContentParser.topic(from: bytes, path: path, fileSlug: fileSlug), path: path))
            case let .image(name):
                result.images.append(Loaded(value: try image(named: name, bytes: bytes, path: path), path: path))
            case .other:
                break
            }
        } catch {
            result.issues.append(contentsOf: error.issues)
        }
    }

    private func requireSlugFileName(_ slug: String, path: String) throws(ContentValidationError) {
        guard Slug.isValid(slug) else {
            throw ContentValidationError(issues: [ContentIssue(path: path, line: nil,
                message: "file name must be a slug (lowercase letters, digits, hyphens), such as '\(Slug.make(from: slug)).md'")])
        }
    }

    private func image(named name: String, bytes: [UInt8], path: String) throws(ContentValidationError) -> ImageAsset {
        let ext = (name as NSString).pathExtension.lowercased()
        guard let type = ImageAsset.contentTypes[ext] else {
            let known = ImageAsset.contentTypes.keys.sorted().joined(separator: ", ")
            throw ContentValidationError(issues: [ContentIssue(path: path, line: nil, message: "unsupported image type '.\(ext)'; use one of \(known)")])
        }
        guard bytes.count <= SourceText.maximumFileSize else {
            throw ContentValidationError(issues: [ContentIssue(path: path, line: nil, message: "image is over the 5 MB limit")])
        }
        return ImageAsset(name: name, contentType: type, data: bytes)
    }
}
