internal import CCmarkGFM
import Foundation

extension Markdown {
    /// A leaf block of a document (a paragraph, heading, code block…), with its lines and its
    /// place in lists and quotes, for tools that check content block by block.
    public struct Block: Sendable, Hashable {
        /// What kind of block this is.
        public enum Kind: Sendable, Hashable {
            /// An ATX or setext heading of the given level (1–6).
            case heading(level: Int)
            /// A paragraph.
            case paragraph
            /// A fenced or indented code block; ``Block/text`` is its literal text.
            case codeBlock
            /// Raw HTML; ``Block/text`` is the HTML as written.
            case htmlBlock
            /// A GitHub table; ``Block/text`` is the text of its cells.
            case table
            /// A `---` line between blocks.
            case thematicBreak
        }

        /// What kind of block this is.
        public var kind: Kind
        /// The block's inline content as plain text: text and code spans, breaks as spaces. Images
        /// and the text inside `<sup>` HTML are left out (see ``links`` and ``superscripts``).
        public var text: String
        /// First and last line of the block in the parsed text, 1-based.
        public var startLine: Int
        /// The block's last line.
        public var endLine: Int
        /// The innermost list item that holds the block, or `nil` outside lists.
        public var listItem: ListItem?
        /// Whether the block sits inside a block quote.
        public var isInBlockQuote: Bool
        /// Links and images in the block, in order.
        public var links: [Link]
        /// The text of each `<sup>…</sup>` written as inline HTML in the block.
        public var superscripts: [String]

        /// Whether the block is a heading of any level.
        public var headingLevel: Int? {
            if case let .heading(level) = kind { return level }
            return nil
        }
    }

    /// Where a block sits in a list.
    public struct ListItem: Sendable, Hashable {
        /// Identifies the list among the lists of the document (in document order).
        public var list: Int
        /// The item's position in its list, from 0.
        public var index: Int
        /// The number of items in the list.
        public var count: Int
        /// 1 for a top-level list, 2 for a list inside a list item, and so on.
        public var depth: Int
        /// Whether the list is numbered.
        public var isOrdered: Bool
    }

    /// A link or an image inside a block.
    public struct Link: Sendable, Hashable {
        /// The destination as written.
        public var destination: String
        /// The link text, or an image's alt text, as plain text.
        public var text: String
        /// Whether this is an image (`![alt](src)`) rather than a link.
        public var isImage: Bool
        /// The line the destination is written on, 1-based in the parsed text.
        public var line: Int
    }

    /// The leaf blocks of `markdown` in document order, taken from the syntax tree.
    ///
    /// Containers (lists, items, quotes) are not blocks themselves; each block records the list
    /// item and quote it sits in. Link reference definitions are resolved and do not appear.
    public static func blocks(in markdown: String) -> [Block] {
        let lines = TextLines.split(markdown)
        return withDocument(markdown) { root in
            var walker = BlockWalker(lines: lines)
            walker.visitChildren(of: root, listItem: nil, inQuote: false, depth: 0)
            return walker.blocks
        }
    }
}

/// Walks the block structure of a cmark document, collecting leaf blocks.
private struct BlockWalker {
    let lines: [Substring]
    var blocks: [Markdown.Block] = []
    var listCount = 0

    init(lines: [Substring]) { self.lines = lines }

    mutating func visitChildren(of parent: OpaquePointer, listItem: Markdown.ListItem?, inQuote: Bool, depth: Int) {
        var child = cmark_node_first_child(parent)
        while let node = child {
            visit(node, listItem: listItem, inQuote: inQuote, depth: depth)
            child = cmark_node_next(node)
        }
    }

    mutating func visit(_ node: OpaquePointer, listItem: Markdown.ListItem?, inQuote: Bool, depth: Int) {
        let type = cmark_node_get_type(node)
        let start = Int(cmark_node_get_start_line(node))
        let end = max(start, Int(cmark_node_get_end_line(node)))
        func add(_ kind: Markdown.Block.Kind, _ content: InlineContent) {
            blocks.append(Markdown.Block(kind: kind, text: content.text, startLine: start, endLine: end, listItem: listItem,
                                         isInBlockQuote: inQuote, links: content.links, superscripts: content.superscripts))
        }
        switch type {
        case CMARK_NODE_LIST:
            let id = listCount
            listCount += 1
            var items: [OpaquePointer] = []
            var item = cmark_node_first_child(node)
            while let current = item {
                items.append(current)
                item = cmark_node_next(current)
            }
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            for (index, item) in items.enumerated() {
                let position = Markdown.ListItem(list: id, index: index, count: items.count, depth: depth + 1, isOrdered: ordered)
                visitChildren(of: item, listItem: position, inQuote: inQuote, depth: depth + 1)
            }
        case CMARK_NODE_BLOCK_QUOTE:
            visitChildren(of: node, listItem: listItem, inQuote: true, depth: depth)
        case CMARK_NODE_ITEM:
            visitChildren(of: node, listItem: listItem, inQuote: inQuote, depth: depth)
        case CMARK_NODE_PARAGRAPH:
            add(.paragraph, inlineContent(of: node, blockStart: start, blockEnd: end))
        case CMARK_NODE_HEADING:
            let level = Int(cmark_node_get_heading_level(node))
            // cmark reports the line after a setext underline as the end; the heading is at most two lines here.
            let content = inlineContent(of: node, blockStart: start, blockEnd: end)
            blocks.append(Markdown.Block(kind: .heading(level: level), text: content.text.trimmingCharacters(in: .whitespaces),
                                         startLine: start, endLine: Markdown.realEndLine(lines: lines, start: start, reported: end, fallback: start), listItem: listItem,
                                         isInBlockQuote: inQuote, links: content.links, superscripts: content.superscripts))
        case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            add(type == CMARK_NODE_CODE_BLOCK ? .codeBlock : .htmlBlock, InlineContent(text: literal))
        case CMARK_NODE_THEMATIC_BREAK:
            add(.thematicBreak, InlineContent(text: ""))
        default:
            if let name = cmark_node_get_type_string(node), String(cString: name) == "table" {
                add(.table, inlineContent(of: node, blockStart: start, blockEnd: end, separateCells: true))
            } else if cmark_node_first_child(node) != nil {
                visitChildren(of: node, listItem: listItem, inQuote: inQuote, depth: depth)
            }
        }
    }

    struct InlineContent {
        var text: String
        var links: [Markdown.Link] = []
        var superscripts: [String] = []
    }

    /// The text, links, images and `<sup>` contents of a block's inlines.
    private func inlineContent(of block: OpaquePointer, blockStart: Int, blockEnd: Int, separateCells: Bool = false) -> InlineContent {
        var content = InlineContent(text: "")
        var skipping: OpaquePointer?
        var superscript: String?
        let iterator = cmark_iter_new(block)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if let skipped = skipping {
                if event == CMARK_EVENT_EXIT, skipped == node { skipping = nil }
                continue
            }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_EXIT {
                if separateCells, let name = cmark_node_get_type_string(node), String(cString: name) == "table_cell" {
                    content.text += " "
                }
                continue
            }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                if let partial = superscript { superscript = partial + literal } else { content.text += literal }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if superscript == nil { content.text += " " }
            case CMARK_NODE_HTML_INLINE:
                let html = (cmark_node_get_literal(node).map { String(cString: $0) } ?? "").lowercased()
                if html.hasPrefix("<sup") {
                    superscript = ""
                } else if html.hasPrefix("</sup"), let finished = superscript {
                    content.superscripts.append(finished)
                    superscript = nil
                }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let isImage = type == CMARK_NODE_IMAGE
                content.links.append(Markdown.Link(destination: destination, text: Markdown.plainText(of: node),
                                                   isImage: isImage, line: line(of: destination, from: blockStart, to: blockEnd)))
                if isImage { skipping = node }
            default:
                break
            }
        }
        if let unfinished = superscript { content.text += unfinished }
        return content
    }

    /// The line of the block on which `destination` is written (the block's first line if not found).
    private func line(of destination: String, from start: Int, to end: Int) -> Int {
        guard !destination.isEmpty, start >= 1, start <= lines.count else { return max(start, 1) }
        for line in start...min(max(start, end), lines.count) where lines[line - 1].contains(destination) {
            return line
        }
        return start
    }
}
