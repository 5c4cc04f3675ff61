import RehabCore
import Foundation
internal import Yams

/// A content file split into its YAML front matter and its Markdown body, with line numbers kept.
struct FrontMatterDocument {
    /// One front matter key with the line it is written on.
    struct Field {
        var node: Node
        var line: Int
    }

    var fields: [String: Field]
    /// The line of the opening `---` (always 1).
    var openingLine: Int
    /// The Markdown after the closing `---`.
    var body: String
    /// The file line of the body's first line.
    var bodyStartLine: Int

    /// Splits and parses a file's text, which must already be free of a BOM and of CR line ends.
    ///
    /// - Throws: A ``ContentIssue`` with the offending line when there is no front matter, it is
    ///   never closed, it is not valid YAML, or it is not a mapping of keys to values.
    static func parse(_ text: String, path: String) throws(ContentIssue) -> FrontMatterDocument {
        let lines = TextLines.split(text)
        guard let first = lines.first, first.trimmedASCIISpace == "---" else {
            throw ContentIssue(path: path, line: 1, message: "no front matter: the file must start with a line '---', then YAML keys such as 'title:', then '---'")
        }
        guard let closing = lines.dropFirst().firstIndex(where: { $0.trimmedASCIISpace == "---" || $0.trimmedASCIISpace == "..." }) else {
            throw ContentIssue(path: path, line: 1, message: "front matter is not closed: add a line '---' after the last key")
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n")
        let root: Node?
        do {
            // Every value is read as text and checked here, so YAML's implicit typing (dates,
            // numbers, booleans by regular expression) is skipped: the basic resolver is faster.
            root = try Parser(yaml: yaml, resolver: .basic, encoding: .utf8).singleRoot()
        } catch let error as YamlError {
            throw issue(for: error, path: path, yamlLines: Array(lines[1..<closing]))
        } catch {
            throw ContentIssue(path: path, line: 2, message: "front matter is not valid YAML: \(error)")
        }
        var fields: [String: Field] = [:]
        switch root {
        case nil:
            break
        case let .mapping(mapping)?:
            for (key, value) in mapping {
                let keyLine = (key.mark?.line ?? 1) + 1
                guard let name = key.scalar?.string else {
                    throw ContentIssue(path: path, line: keyLine, message: "front matter keys must be plain words such as 'title'")
                }
                fields[name] = Field(node: value, line: keyLine)
            }
        case let node?:
            throw ContentIssue(path: path, line: (node.mark?.line ?? 1) + 1, message: "front matter must be a list of 'key: value' lines")
        }
        return FrontMatterDocument(fields: fields, openingLine: 1, body: body, bodyStartLine: closing + 2)
    }

    private static func issue(for error: YamlError, path: String, yamlLines: [Substring]) -> ContentIssue {
        // Yams counts lines from 1 within the YAML; the file has the opening '---' before it.
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return ContentIssue(path: path, line: mark.line + 1, message: "front matter is not valid YAML: \(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            // Point at the second time the key is written at the top level.
            let key = duplicates.first ?? ""
            let uses = yamlLines.indices.filter { yamlLines[$0].hasPrefix(key + ":") }
            let line = uses.count > 1 ? uses[1] + 2 : context.mark.line + 1
            return ContentIssue(path: path, line: line, message: "front matter repeats the key '\(duplicates.joined(separator: "', '"))'")
        default:
            return ContentIssue(path: path, line: 2, message: "front matter is not valid YAML: \(error)")
        }
    }
}

/// Reads typed values out of front matter, collecting a ``ContentIssue`` for each bad or missing key.
struct FrontMatterReader {
    let document: FrontMatterDocument
    let path: String
    private(set) var issues: [ContentIssue] = []

    init(_ document: FrontMatterDocument, path: String) {
        self.document = document
        self.path = path
    }

    func line(of key: String) -> Int { document.fields[key]?.line ?? document.openingLine }

    mutating func report(_ key: String?, _ message: String) {
        issues.append(ContentIssue(path: path, line: key.map(line(of:)) ?? document.openingLine, message: message))
    }

    /// A required, non-empty text value.
    mutating func requiredText(_ key: String) -> String? {
        guard document.fields[key] != nil else {
            report(nil, "missing required front matter key '\(key)'")
            return nil
        }
        guard let value = text(key) else { return nil }
        if value.isEmpty { report(key, "'\(key)' is empty") ; return nil }
        return value
    }

    /// An optional text value; `nil` when absent or empty.
    mutating func text(_ key: String) -> String? {
        guard let field = document.fields[key] else { return nil }
        if case .scalar = field.node, let value = field.node.string {
            let trimmed = value.trimmedASCIISpace
            return trimmed.isEmpty ? nil : String(trimmed)
        }
        report(key, "'\(key)' must be a single text value")
        return nil
    }

    /// A `YYYY-MM-DD` date, checked strictly as text.
    mutating func date(_ key: String, required: Bool) -> CalendarDate? {
        guard let raw = required ? requiredText(key) : text(key) else { return nil }
        guard let date = CalendarDate(raw) else {
            report(key, "'\(key)' is not a valid date: '\(raw)' (write YYYY-MM-DD, a day that exists)")
            return nil
        }
        return date
    }

    /// A list of texts; a single text counts as a list of one.
    mutating func textList(_ key: String) -> [String] {
        guard let field = document.fields[key] else { return [] }
        switch field.node {
        case .scalar:
            return text(key).map { [$0] } ?? []
        case let .sequence(sequence):
            var values: [String] = []
            for item in sequence {
                guard case .scalar = item, let value = item.string else {
                    report(key, "every item of '\(key)' must be a single text value")
                    return []
                }
                let trimmed = value.trimmedASCIISpace
                if !trimmed.isEmpty { values.append(String(trimmed)) }
            }
            return values
        default:
            report(key, "'\(key)' must be a list such as [a, b]")
            return []
        }
    }

    /// `true`/`false` (also `yes`/`no`); absent means `false`.
    mutating func flag(_ key: String) -> Bool {
        guard let field = document.fields[key] else { return false }
        guard let value = field.node.bool else {
            report(key, "'\(key)' must be true or false")
            return false
        }
        return value
    }

    /// A slug written by hand, checked for form.
    mutating func slug(_ key: String) -> String? {
        guard let value = text(key) else { return nil }
        guard Slug.isValid(value) else {
            report(key, "'\(key)' must be lowercase letters, digits and single hyphens, such as '\(Slug.make(from: value))'")
            return nil
        }
        return value
    }

    /// The `references` list: mappings with `title` and optional `publisher`, `url` and `accessed`.
    mutating func references() -> [Reference] {
        guard let field = document.fields["references"] else { return [] }
        guard case let .sequence(sequence) = field.node else {
            report("references", "'references' must be a list of entries, each with 'title', 'publisher', 'url' and 'accessed'")
            return []
        }
        var references: [Reference] = []
        for (index, item) in sequence.enumerated() {
            let itemLine = (item.mark?.line ?? 0) + 1
            func fail(_ message: String) { issues.append(ContentIssue(path: path, line: itemLine, message: "references[\(index + 1)]: \(message)")) }
            guard case let .mapping(mapping) = item else {
                fail("each reference must have 'title' and may have 'publisher', 'url' and 'accessed'")
                continue
            }
            func node(_ key: String) -> Node? { mapping.first(where: { $0.key.string == key })?.value }
            func fail(_ key: String, _ message: String) {
                let line = node(key)?.mark.map { $0.line + 1 } ?? itemLine
                issues.append(ContentIssue(path: path, line: line, message: "references[\(index + 1)]: \(message)"))
            }
            func value(_ key: String) -> String? {
                guard let node = node(key) else { return nil }
                guard case .scalar = node, let text = node.string else { fail(key, "'\(key)' must be a single text value"); return nil }
                let trimmed = text.trimmedASCIISpace
                return trimmed.isEmpty ? nil : String(trimmed)
            }
            guard let title = value("title") else {
                fail("missing 'title'")
                continue
            }
            let url = value("url")
            if let url, !WebAddress.isValid(url) {
                fail("url", "'url' must be a full http or https address, not '\(url)'")
            }
            var accessed: CalendarDate?
            if let raw = value("accessed") {
                accessed = CalendarDate(raw)
                if accessed == nil { fail("accessed", "'accessed' is not a valid date: '\(raw)' (write YYYY-MM-DD)") }
            }
            references.append(Reference(title: title, publisher: value("publisher"), url: url, accessed: accessed))
        }
        return references
    }
}

/// The one rule for links that content may carry to readers.
public enum WebAddress {
    /// Whether `text` is an absolute http or https URL with a host.
    public static func isValid(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }
}
