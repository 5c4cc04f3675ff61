import RehabContent
import Foundation
import RehabCore

/// Where internal links may point: every article's slug and aliases, with its anchors.
struct LinkDirectory {
    private var anchorsBySlug: [String: Set<String>] = [:]

    init(documents: [LintDocument], known: [LinkTarget]) {
        for target in known { add(slug: target.slug, aliases: target.aliases, anchors: target.anchors) }
        for document in documents { add(slug: document.slug, aliases: document.aliases, anchors: document.anchors) }
    }

    private mutating func add(slug: String, aliases: [String], anchors: Set<String>) {
        for name in [slug] + aliases { anchorsBySlug[name, default: []].formUnion(anchors) }
    }

    /// The anchors of the article at `slug`, or `nil` when there is no such article.
    func anchors(of slug: String) -> Set<String>? { anchorsBySlug[slug] }
}

/// `broken-link` and `missing-alt-text`.
enum LinkRules {
    /// `broken-link`: a link to `/articles/{slug}`, `{slug}.md` or `#anchor` whose article or anchor
    /// does not exist among the files linted and the known articles. Links to other sites are not
    /// fetched.
    static func brokenLinks(_ document: LintDocument, directory: LinkDirectory) -> [LintFinding] {
        var findings: [LintFinding] = []
        for block in document.blocks where block.kind != .codeBlock {
            for link in block.links where !link.isImage {
                guard let target = internalTarget(of: link.destination) else { continue }
                let problem: String?
                switch target {
                case let .anchor(anchor):
                    problem = document.anchors.contains(anchor) ? nil
                        : "this article has no question or section with the anchor '\(anchor)'\(suggestion(for: anchor, among: document.anchors))"
                case let .sitePath(path):
                    problem = "the site has no page at \(path)"
                case let .relative(path):
                    problem = "'\(path)' is not an article file (other-article.md) or a site address (/articles/slug), so it leads nowhere on this site"
                case let .article(slug, anchor):
                    if !Slug.isValid(slug) {
                        problem = "'\(slug)' is not an article slug (lowercase letters, digits and hyphens)"
                    } else if let anchors = directory.anchors(of: slug) {
                        problem = anchor.flatMap { anchors.contains($0) ? nil : "the article '\(slug)' has no question or section with the anchor '\($0)'\(suggestion(for: $0, among: anchors))" }
                    } else {
                        problem = "there is no article with the slug '\(slug)'"
                    }
                }
                if let problem {
                    findings.append(LintFinding(
                        file: document.path, line: link.line, rule: .brokenLink, severity: .error,
                        message: "the link to \(link.destination) is broken: \(problem); fix the link or remove it"
                    ))
                }
            }
        }
        return findings
    }

    enum InternalTarget: Equatable {
        case anchor(String)
        case article(slug: String, anchor: String?)
        /// A root-relative address that is not one of the site's pages.
        case sitePath(String)
        /// A relative address that the site cannot resolve.
        case relative(String)
    }

    /// The site's own pages besides articles (see the web addresses in the design brief).
    private static let sitePages: [String] = ["/a-z", "/topics", "/authors/", "/search", "/api/", "/images/", "/assets/", "/sitemap.xml",
                                              "/feed.atom", "/robots.txt", "/healthz", "/articles"]

    /// What an internal link points to; `nil` for other sites, e-mail, images and site pages other than articles.
    static func internalTarget(of destination: String) -> InternalTarget? {
        let trimmed = destination.trimmingCharacters(in: .whitespaces)
        let lowered = trimmed.lowercased()
        guard !trimmed.isEmpty, !trimmed.contains("://"), !["mailto:", "tel:", "sms:", "//"].contains(where: lowered.hasPrefix) else {
            return nil
        }
        let parts = trimmed.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var path = parts[0]
        let anchor = parts.count > 1 && !parts[1].isEmpty ? parts[1].removingPercentEncoding ?? parts[1] : nil
        if path.isEmpty { return anchor.map(InternalTarget.anchor) }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        if path.hasPrefix("/articles/") {
            var slug = String(path.dropFirst("/articles/".count))
            while slug.hasSuffix("/") { slug.removeLast() }
            return slug.isEmpty ? nil : .article(slug: slug, anchor: anchor)
        }
        if path.hasPrefix("/") {
            if path == "/" || sitePages.contains(where: { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") || path.hasPrefix($0 + "?") }) {
                return nil
            }
            return .sitePath(path)
        }
        if path.contains("images/") { return nil }
        guard path.lowercased().hasSuffix(".md") else {
            // A scheme such as "javascript:" is dropped when the page is rendered; anything else relative is lost.
            return path.contains(":") ? nil : .relative(path)
        }
        let slug = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return .article(slug: slug, anchor: anchor)
    }

    /// ", such as 'x'" for the anchor that shares the most words with `anchor`.
    private static func suggestion(for anchor: String, among anchors: Set<String>) -> String {
        let words = Set(anchor.split(separator: "-"))
        let best = anchors.map { candidate in (candidate, Set(candidate.split(separator: "-")).intersection(words).count) }
            .filter { $0.1 > 0 }
            .max { ($0.1, $1.0) < ($1.1, $0.0) }
        return best.map { " (did you mean '\($0.0)'?)" } ?? ""
    }

    /// `missing-alt-text`: a Markdown image with empty alt text, or alt text that describes nothing
    /// ("image", "photo", a file name); an HTML `<img>` without `alt`.
    static func missingAltText(_ document: LintDocument) -> [LintFinding] {
        var findings: [LintFinding] = []
        let placeholders: Set<String> = ["image", "img", "photo", "picture", "pic", "alt", "alt text", "graphic", "figure",
                                         "screenshot", "icon", "untitled", "placeholder", "diagram", "illustration", "thumbnail"]
        for block in document.blocks where block.kind != .codeBlock {
            for image in block.links where image.isImage {
                let alt = image.text.trimmingCharacters(in: .whitespacesAndNewlines)
                let file = ((image.destination as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
                let lowered = alt.lowercased()
                let problem: String?
                if alt.isEmpty {
                    problem = "has no alt text"
                } else if placeholders.contains(lowered) || lowered == file || lowered == (image.destination as NSString).lastPathComponent.lowercased()
                            || looksLikeFileName(lowered) || (!lowered.contains(" ") && file.split(separator: "-").contains(Substring(lowered))) {
                    problem = "has alt text (\"\(alt)\") that does not describe it"
                } else {
                    problem = nil
                }
                if let problem {
                    findings.append(LintFinding(
                        file: document.path, line: image.line, rule: .missingAltText, severity: .error,
                        message: "the image \(image.destination) \(problem): say what it shows in the brackets, as in ![A woman on all fours arching her back](\(image.destination))"
                    ))
                }
            }
            guard block.kind == .htmlBlock || block.kind == .paragraph else { continue }
            let upper = min(block.endLine, document.lines.count)
            for (offset, line) in document.lines[min(max(block.startLine - 1, 0), upper)..<upper].enumerated()
                where line.includes("<img") || line.includes("<IMG") {
                var rest = Substring(line)
                while let open = rest.range(of: "<img", options: .caseInsensitive) {
                    let tagEnd = rest[open.upperBound...].firstIndex(of: ">") ?? rest.endIndex
                    let tag = rest[open.lowerBound..<tagEnd].lowercased()
                    if !tag.contains(" alt=") || tag.contains("alt=\"\"") || tag.contains("alt=''") {
                        findings.append(LintFinding(
                            file: document.path, line: block.startLine + offset, rule: .missingAltText, severity: .error,
                            message: "an HTML <img> has no alt text (and raw HTML is not shown to readers): use Markdown, ![what the image shows](../images/name.png)"
                        ))
                    }
                    rest = rest[tagEnd...]
                }
            }
        }
        return findings
    }

    private static func looksLikeFileName(_ text: String) -> Bool {
        let extensions = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"]
        if extensions.contains(where: text.hasSuffix) { return true }
        let compact = text.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "")
        return (compact.hasPrefix("img") || compact.hasPrefix("dsc") || compact.hasPrefix("image")) && compact.dropFirst(3).contains(where: \.isNumber)
            && !text.contains(" ")
    }
}

/// `question-format`: question headings that are not written as questions.
///
/// A heading that reads as a question ("How can I ease…") without a final "?" (so the site does not
/// list it as a question); a heading that ends in "?" but opens with no question word ("Back pain?"),
/// unless it offers a choice ("Heat or ice?"); "??"; and, in an article made of questions, a level-2
/// heading that is neither a question nor an ordinary section such as "Key points" or "References".
enum QuestionFormatRule {
    static func check(_ document: LintDocument) -> [LintFinding] {
        var findings: [LintFinding] = []
        func report(_ line: Int, _ message: String) {
            findings.append(LintFinding(file: document.path, line: line, rule: .questionFormat, severity: .warning, message: message))
        }
        let questionBlocks = Set(document.questions.map(\.headingBlock))
        for question in document.questions where question.level == LintDocument.paragraphQuestionLevel {
            report(question.line, "\"\(question.heading)\" is written as a paragraph: make it a level-2 heading, \"## \(question.heading)\", so the site lists it as a question")
        }
        for question in document.questions where !question.hasQuestionMark {
            report(question.line, "\"\(question.heading)\" reads as a question but does not end in \"?\": add the question mark, so the site lists it as a question")
        }
        for question in document.questions where question.hasQuestionMark {
            let heading = question.heading.trimmingCharacters(in: .whitespaces)
            if heading.hasSuffix("??") || heading.hasSuffix("?!") || heading.hasSuffix("!?") {
                report(question.line, "\"\(heading)\" ends in more than one mark: end the question with a single \"?\"")
            } else if !QuestionShape.readsAsQuestion(heading), !QuestionShape.isByline(heading), !heading.lowercased().contains(" or ") {
                report(question.line, "\"\(heading)\" ends in \"?\" but is not worded as a question: start it with a question word, as in \"What…?\", \"How…?\" or \"Can I…?\"")
            }
        }
        for level in 2...4 {
            findings += sectionsAmongQuestions(level: level, in: document, questionBlocks: questionBlocks)
        }
        return findings
    }

    /// Headings of `level` that are not questions, in an article whose headings of that level mostly are.
    private static func sectionsAmongQuestions(level: Int, in document: LintDocument, questionBlocks: Set<Int>) -> [LintFinding] {
        var findings: [LintFinding] = []
        func report(_ line: Int, _ message: String) {
            findings.append(LintFinding(file: document.path, line: line, rule: .questionFormat, severity: .warning, message: message))
        }
        let atLevel = document.headingBlocks.filter { document.blocks[$0].headingLevel == level }
        let questionCount = atLevel.filter(questionBlocks.contains).count
        guard questionCount >= 3, Double(questionCount) >= 0.6 * Double(atLevel.count) else { return findings }
        for index in atLevel where !questionBlocks.contains(index) {
            let heading = document.blocks[index].text
            let normalised = heading.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " :.!"))
            guard !LintVocabulary.ordinarySectionHeadings.contains(normalised), !LintVocabulary.referenceHeadings.contains(normalised),
                  !normalised.hasSuffix("faq"), !normalised.hasSuffix("faqs"), !normalised.includes("questions"),
                  !QuestionShape.isProviderQuestion(heading), !QuestionShape.isByline(heading) else { continue }
            report(document.blocks[index].startLine, "\"\(heading)\" sits among questions but is not one: word it as the question readers ask, ending in \"?\" (such as \"What can I do about…?\"), or make it an ordinary section such as \"Key points\"")
        }
        return findings
    }
}
