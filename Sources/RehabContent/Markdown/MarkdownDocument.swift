internal import CCmarkGFM
import Foundation
import RehabCore

/// CommonMark with GitHub tables, autolinks, strikethrough and the tag filter, through cmark-gfm.
///
/// Rendering is always in cmark's safe mode: raw HTML in content is omitted and links with
/// `javascript:` and similar schemes are dropped, so content can never put markup in a reader's page.
public enum Markdown {
    /// A level-2 heading found at the top level of a document.
    public struct Heading: Sendable, Hashable {
        /// The heading as plain text.
        public var text: String
        /// The heading's Markdown source on one line, without the `##` marker.
        public var source: String
        /// First and last line of the heading in the parsed text, 1-based.
        public var startLine: Int
        public var endLine: Int
    }

    /// The top-level level-2 headings of `markdown`, taken from the syntax tree, so `## x?`
    /// inside a code fence or a quote is not a heading.
    public static func levelTwoHeadings(in markdown: String) -> [Heading] {
        levelTwoHeadings(in: markdown, lines: TextLines.split(markdown))
    }

    /// The same, for a caller that has already split the text into lines.
    static func levelTwoHeadings(in markdown: String, lines: [Substring]) -> [Heading] {
        withDocument(markdown) { root in
            var headings: [Heading] = []
            var node = cmark_node_first_child(root)
            while let current = node {
                if cmark_node_get_type(current) == CMARK_NODE_HEADING, cmark_node_get_heading_level(current) == 2 {
                    let start = Int(cmark_node_get_start_line(current))
                    let end = realEndLine(lines: lines, start: start, reported: Int(cmark_node_get_end_line(current)))
                    headings.append(Heading(
                        text: String(plainText(of: current).trimmedASCIISpace),
                        source: headingSource(lines: lines, start: start, end: end),
                        startLine: start,
                        endLine: end
                    ))
                }
                node = cmark_node_next(current)
            }
            return headings
        }
    }

    /// Renders Markdown to safe HTML.
    ///
    /// - Parameters:
    ///   - markdown: CommonMark with GitHub extensions.
    ///   - lowestHeadingLevel: Headings above this level are demoted to it, so content cannot add a
    ///     second `h1` or break the page's heading order.
    ///   - rewriteURL: Called for every link and image destination; return a replacement, or `nil` to keep it.
    public static func html(
        from markdown: String,
        lowestHeadingLevel: Int = 1,
        rewriteURL: (_ url: String, _ isImage: Bool) -> String? = { _, _ in nil }
    ) -> String {
        withDocument(markdown) { root in
            let iterator = cmark_iter_new(root)
            defer { cmark_iter_free(iterator) }
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                let type = cmark_node_get_type(node)
                if type == CMARK_NODE_HEADING, Int(cmark_node_get_heading_level(node)) < lowestHeadingLevel {
                    cmark_node_set_heading_level(node, Int32(lowestHeadingLevel))
                } else if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE,
                          let raw = cmark_node_get_url(node),
                          let replacement = rewriteURL(String(cString: raw), type == CMARK_NODE_IMAGE) {
                    cmark_node_set_url(node, replacement)
                }
            }
            guard let rendered = cmark_render_html(root, renderOptions, extensionList) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// Markdown reduced to plain text (for summaries, search snippets and meta descriptions).
    public static func plainText(from markdown: String) -> String {
        withDocument(markdown) { root in
            var pieces: [String] = []
            var node = cmark_node_first_child(root)
            while let block = node {
                pieces.append(plainText(of: block))
                node = cmark_node_next(block)
            }
            return pieces.map(\.trimmingWhitespace).filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    // MARK: - cmark plumbing

    private static let renderOptions = CMARK_OPT_DEFAULT | CMARK_OPT_SMART

    /// The extensions, registered once per process (cmark-gfm's registry is not thread-safe to set up).
    private nonisolated(unsafe) static let extensions: [OpaquePointer] = {
        cmark_gfm_core_extensions_ensure_registered()
        let names: [String] = ["table", "autolink", "strikethrough", "tagfilter"]
        return names.compactMap { cmark_find_syntax_extension($0) }
    }()

    /// A linked list of the extensions for the HTML renderer, built once and never freed.
    private nonisolated(unsafe) static let extensionList: UnsafeMutablePointer<cmark_llist>? = {
        var list: UnsafeMutablePointer<cmark_llist>? = nil
        for ext in extensions {
            list = cmark_llist_append(cmark_get_default_mem_allocator(), list, UnsafeMutableRawPointer(ext))
        }
        return list
    }()

    static func withDocument<T>(_ markdown: String, _ body: (OpaquePointer) -> T) -> T {
        let parser = cmark_parser_new(renderOptions)
        defer { cmark_parser_free(parser) }
        for ext in extensions { cmark_parser_attach_syntax_extension(parser, ext) }
        var text = markdown
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        let root = cmark_parser_finish(parser)!
        defer { cmark_node_free(root) }
        return body(root)
    }

    /// The text of a node's inline content: literals of text and code, breaks as spaces.
    static func plainText(of node: OpaquePointer) -> String {
        var result = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(current) {
                result += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                result += " "
            } else if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_ITEM, !result.isEmpty, result.last != " " {
                result += " "
            }
        }
        return result
    }

    /// cmark reports the line after a setext heading as its end; find the underline instead.
    ///
    /// - Parameter fallback: The line to answer when `start` is out of range or no setext underline
    ///   is found (by default cmark's `reported` line).
    static func realEndLine(lines: [Substring], start: Int, reported: Int, fallback: Int? = nil) -> Int {
        guard start >= 1, start <= lines.count else { return fallback ?? reported }
        if lines[start - 1].trimmedASCIISpace.hasPrefix("#") { return start }
        var line = start + 1
        while line <= min(reported, lines.count) {
            let text = lines[line - 1].trimmedASCIISpace
            if !text.isEmpty, text.allSatisfy({ $0 == "-" }) || text.allSatisfy({ $0 == "=" }) { return line }
            line += 1
        }
        return fallback ?? reported
    }

    /// The heading's own Markdown: an ATX line without its `#` markers, or the text lines of a setext heading.
    private static func headingSource(lines: [Substring], start: Int, end: Int) -> String {
        guard start >= 1, end <= lines.count, start <= end else { return "" }
        let first = lines[start - 1].trimmedASCIISpace
        if first.hasPrefix("#") {
            var text = first.drop { $0 == "#" }.trimmedASCIISpace
            // An optional closing sequence of #s, preceded by a space or tab.
            if text.allSatisfy({ $0 == "#" }) { return "" }
            let withoutHashes = text.reversed().drop { $0 == "#" }
            if withoutHashes.count < text.count, let before = withoutHashes.first, before == " " || before == "\t" {
                text = text.dropLast(text.count - withoutHashes.count).trimmedASCIISpace
            }
            return String(text)
        }
        // Setext: every line but the underline.
        return lines[(start - 1)..<(end - 1)].map { $0.trimmedASCIISpace }.joined(separator: " ")
    }
}
