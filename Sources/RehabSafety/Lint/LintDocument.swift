import Foundation
import RehabContent
import RehabCore
import RehabSearch
import Yams

/// An article file prepared for the checks: its front matter read leniently (so that a file import
/// would refuse is still checked), its Markdown blocks with file line numbers, its prose, and its
/// questions with their answers.
struct LintDocument {
    let path: String
    /// The file's lines as written (BOM and CR removed), for finding where a piece of text sits.
    let lines: [String]
    /// The article as import reads it, or `nil` when import would refuse the file.
    let article: Article?
    /// Why import would refuse the file.
    let formatIssues: [ContentIssue]
    let frontMatter: LenientFrontMatter
    /// Blocks of the body, with lines counted in the whole file.
    let blocks: [Markdown.Block]
    /// Paragraphs and list items, in order.
    let units: [TextUnit]
    /// Questions with their answers, in order.
    let questions: [LintQuestion]
    /// Top-level level-2 headings with their anchors, as the site gives them.
    let anchors: Set<String>
    /// The file line of each top-level heading, by block index.
    let headingBlocks: [Int]

    var title: String { article?.title ?? frontMatter.text("title") ?? "" }
    var slug: String {
        if let article { return article.slug }
        if let slug = frontMatter.text("slug"), Slug.isValid(slug) { return slug }
        let fromTitle = Slug.make(from: title)
        return fromTitle.isEmpty ? Slug.make(from: (path as NSString).lastPathComponent.replacingOccurrences(of: ".md", with: "")) : fromTitle
    }
    var aliases: [String] { article?.aliases ?? frontMatter.list("aliases") }
    var topics: [String] { article?.topics ?? frontMatter.list("topics") }
    var summary: String { article?.summary ?? frontMatter.text("summary") ?? "" }
    /// The number of sources listed in the front matter.
    var frontMatterReferenceCount: Int { article?.references.count ?? frontMatter.itemCount("references") }

    init(source: LintSource) {
        path = source.path
        let text = Self.decode(source.bytes)
        do {
            article = try ContentParser.article(from: source.bytes, path: source.path)
            formatIssues = []
        } catch {
            article = nil
            formatIssues = error.issues
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        self.lines = lines.map(String.init)
        frontMatter = LenientFrontMatter(lines: lines)
        let body = lines[(frontMatter.bodyStartLine - 1)...].joined(separator: "\n")
        let offset = frontMatter.bodyStartLine - 1
        var blocks = Markdown.blocks(in: body).map { block in
            var moved = block
            moved.startLine += offset
            moved.endLine += offset
            moved.links = block.links.map { link in
                var movedLink = link
                movedLink.line += offset
                return movedLink
            }
            return moved
        }
        // A question written as a bold paragraph ("**Can I…?**") or as "Q: Can I…?" is read as a
        // question heading of its own level, so that its answer is checked too.
        for index in blocks.indices where blocks[index].kind == .paragraph && blocks[index].listItem == nil && !blocks[index].isInBlockQuote {
            if let question = Self.paragraphQuestion(blocks[index], lines: lines) {
                blocks[index].kind = .heading(level: Self.paragraphQuestionLevel)
                blocks[index].text = question
            }
        }
        self.blocks = blocks
        let units = TextUnit.units(of: blocks)
        self.units = units
        let headings = blocks.indices.filter { blocks[$0].headingLevel != nil && blocks[$0].listItem == nil && !blocks[$0].isInBlockQuote }
        headingBlocks = headings
        questions = LintQuestion.questions(in: blocks, headings: headings, units: units)
        if let article = self.article {
            anchors = Set(article.sections.map(\.anchor))
        } else {
            // The same anchors as import gives.
            var allocator = AnchorAllocator()
            anchors = Set(headings.filter { blocks[$0].headingLevel == 2 }.map { allocator.next(for: blocks[$0].text) })
        }
    }

    /// The heading level given to a question written as a paragraph: below every real heading.
    static let paragraphQuestionLevel = 7

    /// The question of a paragraph that is only a question in bold, or a "Q:" line.
    private static func paragraphQuestion(_ block: Markdown.Block, lines: [Substring]) -> String? {
        let text = LintText.trimmed(block.text)
        guard text.hasSuffix("?"), text.utf8.count <= 200, block.startLine >= 1, block.endLine <= lines.count else { return nil }
        for prefix in ["Q:", "Q.", "Question:"] where text.hasPrefix(prefix) {
            let question = LintText.trimmed(text.dropFirst(prefix.count))
            return QuestionShape.readsAsQuestion(question) ? question : nil
        }
        let source = LintText.trimmed(lines[(block.startLine - 1)..<block.endLine].joined(separator: " "))
        let isBold = (source.hasPrefix("**") && source.hasSuffix("**")) || (source.hasPrefix("__") && source.hasSuffix("__"))
        return isBold && QuestionShape.readsAsQuestion(text) ? text : nil
    }

    /// UTF-8 text without a byte-order mark and with `\n` line ends; invalid bytes become U+FFFD
    /// (import reports them; the rest of the file is still checked).
    static func decode(_ bytes: [UInt8]) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var text = String(decoding: body, as: UTF8.self)
        if body.contains(UInt8(ascii: "\r")) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return text
    }

    /// The first line from `start` through `end` whose text contains `needle` (`start` when none does).
    func line(containing needle: String, from start: Int, through end: Int) -> Int {
        guard start >= 1, !needle.isEmpty else { return max(start, 1) }
        for line in start...max(start, min(end, lines.count)) where line <= lines.count && lines[line - 1].includes(needle) {
            return line
        }
        return start
    }

    /// The section a block belongs to: the nearest top-level heading before it.
    func heading(before block: Int) -> Int? { headingBlocks.last { $0 < block } }
}

/// Front matter read without judging it: every key with its line, whatever the values.
struct LenientFrontMatter {
    struct Field {
        var node: Node
        var line: Int
    }

    private(set) var fields: [String: Field] = [:]
    /// The file line where the Markdown body starts (1 when there is no front matter).
    private(set) var bodyStartLine = 1

    init(lines: [Substring]) {
        guard let first = lines.first, LintText.trimmed(first) == "---",
              let closing = lines.indices.dropFirst().first(where: {
                  let line = LintText.trimmed(lines[$0])
                  return line == "---" || line == "..."
              })
        else { return }
        bodyStartLine = closing + 2
        let yaml = lines[1..<closing].joined(separator: "\n")
        guard case let .mapping(mapping)? = try? Parser(yaml: yaml, resolver: .basic, encoding: .utf8).singleRoot() else {
            scan(lines[1..<closing])
            return
        }
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { continue }
            fields[name] = Field(node: value, line: (key.mark?.line ?? 1) + 1)
        }
    }

    /// Reads `key: value` lines one by one when the YAML does not parse (often a title with a ": "
    /// in it), so that the rest of the file can still be checked: text values, `[a, b]` lists, and
    /// the number of `- ` items under a key with no value.
    private mutating func scan(_ yamlLines: ArraySlice<Substring>) {
        var itemCounts: [String: Int] = [:]
        var currentKey: String?
        for (index, raw) in zip(yamlLines.indices, yamlLines) {
            let line = index + 1
            guard let first = raw.first, first != "#" else { continue }
            if first == " " || first == "\t" || first == "-" {
                let trimmed = LintText.trimmed(raw)
                if let key = currentKey, trimmed == "-" || trimmed.hasPrefix("- ") { itemCounts[key, default: 0] += 1 }
                continue
            }
            guard let colon = raw.firstIndex(of: ":") else { continue }
            let key = LintText.trimmed(raw[..<colon])
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { continue }
            var value = LintText.trimmed(raw[raw.index(after: colon)...])
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = String(value.dropFirst().dropLast())
            }
            currentKey = key
            let node: Node
            if value.hasPrefix("["), value.hasSuffix("]") {
                node = Node(value.dropFirst().dropLast().split(separator: ",").map { Node(LintText.trimmed($0)) })
            } else {
                node = Node(value)
            }
            fields[key] = Field(node: node, line: line)
        }
        for (key, count) in itemCounts where fields[key] != nil {
            fields[key]?.node = Node((0..<count).map { _ in Node("") })
        }
    }

    /// The line of `key`, if written.
    func line(of key: String) -> Int? { fields[key]?.line }

    /// A text value, trimmed; `nil` when absent, empty or not text.
    func text(_ key: String) -> String? {
        guard let node = fields[key]?.node, case .scalar = node, let value = node.string else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A list of texts (a single text counts as a list of one).
    func list(_ key: String) -> [String] {
        guard let node = fields[key]?.node else { return [] }
        switch node {
        case .scalar: return text(key).map { [$0] } ?? []
        case let .sequence(sequence): return sequence.compactMap(\.string).filter { !$0.isEmpty }
        default: return []
        }
    }

    /// The number of entries of a list value.
    func itemCount(_ key: String) -> Int {
        guard let node = fields[key]?.node else { return 0 }
        if case let .sequence(sequence) = node { return sequence.count }
        return 0
    }

    /// A `YYYY-MM-DD` date value.
    func date(_ key: String) -> CalendarDate? { text(key).flatMap(CalendarDate.init) }
}

/// A piece of prose checked as one: a paragraph, or a list item's own paragraphs.
struct TextUnit {
    enum Kind { case paragraph, listItem }

    var kind: Kind
    var text: String
    /// Indices of the first and last block of the unit.
    var firstBlock: Int
    var lastBlock: Int
    var startLine: Int
    var endLine: Int
    var listItem: Markdown.ListItem?
    /// Whether a list or a table follows directly, so that the unit may be a lead-in ("Causes include").
    var leadsIntoList: Bool

    /// Paragraphs outside lists, and list items (their paragraphs joined), in document order.
    static func units(of blocks: [Markdown.Block]) -> [TextUnit] {
        var units: [TextUnit] = []
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            guard block.kind == .paragraph else { index += 1; continue }
            var last = index
            if let item = block.listItem {
                // The item's own paragraphs (nested lists belong to other items).
                var next = index + 1
                while next < blocks.count {
                    let candidate = blocks[next]
                    if candidate.listItem == item, candidate.kind == .paragraph { last = next; next += 1; continue }
                    if let nested = candidate.listItem, nested.depth > item.depth { next += 1; continue }
                    break
                }
                let own = (index...last).filter { blocks[$0].listItem == item && blocks[$0].kind == .paragraph }
                let text = own.map { blocks[$0].text }.joined(separator: " ")
                let lastOwn = own.last ?? index
                units.append(TextUnit(kind: .listItem, text: text, firstBlock: index, lastBlock: lastOwn,
                                      startLine: block.startLine, endLine: blocks[lastOwn].endLine, listItem: item,
                                      leadsIntoList: leadsIntoList(after: lastOwn, in: blocks, from: item)))
                index = lastOwn + 1
                continue
            }
            units.append(TextUnit(kind: .paragraph, text: block.text, firstBlock: index, lastBlock: index,
                                  startLine: block.startLine, endLine: block.endLine, listItem: nil,
                                  leadsIntoList: leadsIntoList(after: index, in: blocks, from: nil)))
            index += 1
        }
        return units
    }

    private static func leadsIntoList(after index: Int, in blocks: [Markdown.Block], from item: Markdown.ListItem?) -> Bool {
        guard index + 1 < blocks.count else { return false }
        let next = blocks[index + 1]
        if next.kind == .table { return true }
        guard let nextItem = next.listItem, nextItem.index == 0 else { return false }
        guard let item else { return true }
        return nextItem.depth > item.depth
    }
}

/// A question heading with its answer.
struct LintQuestion {
    /// The heading as plain text.
    var heading: String
    var level: Int
    /// The heading's file line.
    var line: Int
    /// Whether the heading ends in a question mark (otherwise it only reads like a question).
    var hasQuestionMark: Bool
    /// The heading's block index.
    var headingBlock: Int
    /// The blocks of the answer.
    var answerBlocks: Range<Int>
    /// The answer's paragraphs and list items, one per line.
    var answer: String
    /// The answer with its tables and sub-headings, for word matching.
    var answerWithTables: String
    /// The words of ``answerWithTables``, stop words included.
    var answerTokens: [Token]
    /// What the question asks for.
    var kind: QuestionKind
    /// What the question is compared by.
    var key: QuestionKey

    /// Headings of levels 2–4 that end in "?", and those that read as a question without one
    /// (at level 2, or beside headings of their level that are questions). An answer runs to the next
    /// heading of the same or a higher level, or to the next question.
    static func questions(in blocks: [Markdown.Block], headings: [Int], units: [TextUnit]) -> [LintQuestion] {
        let levels = headings.map { blocks[$0].headingLevel ?? 0 }
        let marked = headings.map { QuestionShape.endsWithQuestionMark(blocks[$0].text) }
        let levelsWithQuestions = Set(zip(levels, marked).filter(\.1).map(\.0))
        var isQuestion: [Bool] = []
        for (position, index) in headings.enumerated() {
            let level = levels[position]
            let text = blocks[index].text
            let question = ((2...4).contains(level) || level == LintDocument.paragraphQuestionLevel)
                && (marked[position] || (QuestionShape.readsAsQuestion(text) && (level == 2 || levelsWithQuestions.contains(level))))
            isQuestion.append(question)
        }
        var questions: [LintQuestion] = []
        for (position, index) in headings.enumerated() where isQuestion[position] {
            let level = levels[position]
            var end = blocks.count
            for later in (position + 1)..<headings.count where levels[later] <= level || isQuestion[later] {
                end = headings[later]
                break
            }
            let range = (index + 1)..<end
            let prose = units.filter { range.contains($0.firstBlock) }.map(\.text)
            let extra = range.filter { blocks[$0].kind == .table || blocks[$0].headingLevel != nil }.map { blocks[$0].text }
            let heading = blocks[index].text
            let answerWithTables = (prose + extra).joined(separator: "\n")
            questions.append(LintQuestion(
                heading: heading, level: level, line: blocks[index].startLine, hasQuestionMark: marked[position],
                headingBlock: index, answerBlocks: range, answer: prose.joined(separator: "\n"),
                answerWithTables: answerWithTables, answerTokens: LintText.analyzer.allTokens(answerWithTables),
                kind: QuestionShape.kind(of: heading), key: QuestionShape.comparisonKey(heading)
            ))
        }
        return questions
    }
}
