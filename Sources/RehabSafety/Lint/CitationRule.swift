import RehabContent
import Foundation

/// `dangling-citation`: citation markers with nothing to point to, and reference-list leftovers.
///
/// Markers are `[2]`, `[1, 3]`, `[2–4]`, superscript digits (`²`, `<sup>2</sup>`) and footnotes
/// (`[^note]`). A number is matched when the article lists at least that many sources (front matter
/// `references:` plus the items of a "References" or "Sources" section in the body); a footnote when
/// a `[^note]:` line defines it. Author–year citations ("(Roe et al., 2021)") dangle when the article
/// lists no source at all. Button text copied from a web page ("Show references") and a
/// "References" heading or label with nothing under it are reported too.
enum CitationRule {
    static func check(_ document: LintDocument) -> [LintFinding] {
        var findings: [LintFinding] = []
        func report(_ line: Int, _ message: String) {
            findings.append(LintFinding(file: document.path, line: line, rule: .danglingCitation, severity: .error, message: message))
        }
        // Reference sections in the body: a heading or a lone label such as "Sources:".
        var referenceBlocks = Set<Int>()
        var bodyReferenceCount = 0
        for (start, end, line, label) in referenceSections(in: document) {
            let items = document.units.filter { $0.firstBlock > start && $0.firstBlock < end }
            let other = (start + 1..<end).contains { [.table, .htmlBlock, .codeBlock].contains(document.blocks[$0].kind) }
            referenceBlocks.formUnion(start..<end)
            if items.isEmpty, !other {
                report(line, "\"\(label)\" has nothing under it: list the sources under 'references:' in the front matter, and remove this \(document.blocks[start].headingLevel == nil ? "label" : "heading")")
            }
            bodyReferenceCount += items.count
        }
        let sourceCount = document.frontMatterReferenceCount + bodyReferenceCount
        let definedFootnotes = Set(document.units.compactMap { footnoteDefinition(in: $0.text) })

        for (index, block) in document.blocks.enumerated() where !referenceBlocks.contains(index) {
            guard [.paragraph, .table].contains(block.kind) || block.headingLevel != nil else { continue }
            let text = block.text
            if footnoteDefinition(in: text) != nil { continue }
            let lowered = text.lowercased()
            let reportedBefore = findings.count
            defer {
                // Button text ("Show 4 sources", "Trusted Source"), unless a dangling marker already covers it.
                let markerReported = findings.count > reportedBefore
                if let phrase = LintVocabulary.referenceButtonPhrases.first(where: lowered.includes) ?? (isButtonText(lowered) ? lowered : nil),
                   !(markerReported && phrase == "trusted source") {
                    let line = document.line(containing: matchingCase(of: phrase, in: text), from: block.startLine, through: block.endLine)
                    report(line, "\"\(matchingCase(of: phrase, in: text))\" is button text left from the page it was copied from: remove it, and list the sources under 'references:' in the front matter")
                }
            }
            var markers = numberedMarkers(in: text)
            for superscript in block.superscripts {
                let digits = superscript.filter { $0.isNumber || $0 == "," || $0 == "-" || $0 == "–" }
                let numbers = numbers(in: digits)
                if !numbers.isEmpty { markers.append((marker: "<sup>\(superscript)</sup>", search: "<sup>", numbers: numbers)) }
            }
            for marker in markers {
                let missing = marker.numbers.filter { $0 < 1 || $0 > sourceCount }
                guard !missing.isEmpty else { continue }
                let line = document.line(containing: marker.search, from: block.startLine, through: block.endLine)
                if sourceCount == 0 {
                    report(line, "citation \(marker.marker) points to no source: the article lists none; add the source under 'references:' in the front matter, or remove the marker")
                } else {
                    let listed = sourceCount == 1 ? "1 source is" : "\(sourceCount) sources are"
                    report(line, "citation \(marker.marker) has no matching source: only \(listed) listed; add the missing source under 'references:', or fix the number")
                }
            }
            for label in footnoteMarkers(in: text) where !definedFootnotes.contains(label) {
                let line = document.line(containing: "[^\(label)]", from: block.startLine, through: block.endLine)
                report(line, "footnote [^\(label)] is never defined: add the source under 'references:' in the front matter, or remove the marker")
            }
            if sourceCount == 0, let citation = authorYearCitation(in: text) {
                let line = document.line(containing: String(citation.prefix(12)), from: block.startLine, through: block.endLine)
                report(line, "citation \(citation) points to no source: add it under 'references:' in the front matter, or remove it")
            }
        }
        return findings
    }

    /// Whether a short text is a button that shows or hides sources: "Show 12 sources", "View all citations".
    static func isButtonText(_ lowered: String) -> Bool {
        let words = LintText.words(lowered)
        guard (2...5).contains(words.count), let first = words.first, let last = words.last else { return false }
        return ["show", "hide", "view", "see", "expand", "collapse", "toggle", "open", "close"].contains(first)
            && ["references", "sources", "citations", "reference", "source", "citation", "bibliography"].contains(last)
    }

    /// Whether a paragraph is reference-list furniture: "Show references", or a bare "Sources:" label.
    static func isReferenceLeftover(_ text: String) -> Bool {
        guard text.utf8.count < 300 else { return false }
        let lowered = text.lowercased()
        if LintVocabulary.referenceButtonPhrases.contains(where: lowered.includes) || isButtonText(lowered) { return true }
        return LintVocabulary.referenceHeadings.contains(lowered.trimmingCharacters(in: CharacterSet(charactersIn: " :*_\t")))
    }

    /// The number of sources an article lists in its body (items of its "References" sections).
    static func bodyReferenceCount(in document: LintDocument) -> Int {
        referenceSections(in: document).reduce(0) { total, section in
            total + document.units.filter { $0.firstBlock > section.start && $0.firstBlock < section.end }.count
        }
    }

    /// Sections that list sources: from a "References" heading (or a paragraph that says only
    /// "Sources:") to the next heading of the same or a higher level.
    static func referenceSections(in document: LintDocument) -> [(start: Int, end: Int, line: Int, label: String)] {
        var sections: [(Int, Int, Int, String)] = []
        for (index, block) in document.blocks.enumerated() where block.text.utf8.count < 40 {
            let label = block.text.trimmingCharacters(in: CharacterSet(charactersIn: " :*_\t"))
            guard LintVocabulary.referenceHeadings.contains(label.lowercased()) else { continue }
            let level: Int
            if let headingLevel = block.headingLevel {
                level = headingLevel
            } else if block.kind == .paragraph, block.listItem == nil {
                level = 7
            } else {
                continue
            }
            let end = document.blocks.indices.first { $0 > index && (document.blocks[$0].headingLevel ?? 99) <= min(level, 6) } ?? document.blocks.count
            sections.append((index, end, block.startLine, label))
        }
        return sections
    }

    /// `[2]`, `[1, 3]`, `[2-4]` and runs of superscript digits, with the numbers they cite.
    static func numberedMarkers(in text: String) -> [(marker: String, search: String, numbers: [Int])] {
        // Most text has neither "[" nor a superscript digit (U+00B2, U+00B3, U+00B9, U+2070…U+2079).
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "(") || $0 == 0xC2 || $0 == 0xE2 }) else { return [] }
        var markers: [(String, String, [Int])] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "[" {
                var end = index + 1
                while end < characters.count, characters[end].isNumber || ", -–—".contains(characters[end]) { end += 1 }
                if end < characters.count, characters[end] == "]", end > index + 1, characters[index + 1].isNumber {
                    let inner = String(characters[(index + 1)..<end])
                    let numbers = numbers(in: inner)
                    if !numbers.isEmpty {
                        let marker = "[" + inner + "]"
                        markers.append((marker, marker, numbers))
                    }
                    index = end + 1
                    continue
                }
            }
            if character == "(" {
                // "(2)", "(1, 3)" and "(4Trusted Source)", as scraped health pages cite.
                var end = index + 1
                while end < characters.count, end - index < 60, characters[end] != ")", characters[end] != "(" { end += 1 }
                if end < characters.count, characters[end] == ")", end > index + 1, characters[index + 1].isNumber {
                    let inner = String(characters[(index + 1)..<end])
                    let digits = inner.replacingOccurrences(of: "Trusted Source", with: "")
                    if digits.allSatisfy({ $0.isNumber || ", -–".contains($0) }), digits.count <= 12 {
                        // "(2021)" is a year, not a citation.
                        let numbers = numbers(in: digits).filter { $0 < 200 }
                        if !numbers.isEmpty {
                            let marker = "(" + inner + ")"
                            markers.append((marker, marker, numbers))
                        }
                    }
                }
            }
            if superscriptDigits[character] != nil {
                var end = index
                var digits = ""
                while end < characters.count, let digit = superscriptDigits[characters[end]] ?? (characters[end] == "˒" || characters[end] == "," ? "," : nil) {
                    digits.append(digit)
                    end += 1
                }
                // "m²" and "cm³" are units, not citations.
                let before = index > 0 ? characters[index - 1] : " "
                let beforeTwo = index > 1 ? String(characters[(index - 2)..<index]) : ""
                let isUnit = before == "m" && (index < 2 || !characters[index - 2].isLetter || ["cm", "mm", "km"].contains(beforeTwo))
                if !isUnit {
                    var marker = String(characters[index..<end])
                    while marker.last == "," || marker.last == "˒" { marker.removeLast() }
                    markers.append((marker, marker, numbers(in: digits)))
                }
                index = end
                continue
            }
            index += 1
        }
        return markers
    }

    private static let superscriptDigits: [Character: Character] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
    ]

    /// The numbers of "1, 3" or "2–4" (ranges spelled out, at most 50 long).
    static func numbers(in text: String) -> [Int] {
        var numbers: [Int] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(whereSeparator: { "-–—".contains($0) }).compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if bounds.count == 2, bounds[0] <= bounds[1], bounds[1] - bounds[0] <= 50 {
                numbers.append(contentsOf: bounds[0]...bounds[1])
            } else if bounds.count == 1 {
                numbers.append(bounds[0])
            }
        }
        return numbers
    }

    /// The labels of `[^label]` markers that are not definitions.
    static func footnoteMarkers(in text: String) -> [String] {
        var labels: [String] = []
        guard text.utf8.contains(UInt8(ascii: "^")) else { return labels }
        var rest = Substring(text)
        while let open = rest.range(of: "[^") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "]") else { break }
            let label = String(after[..<close])
            let next = after.index(after: close)
            if !label.isEmpty, !label.contains(" "), label.count <= 20, !(next < after.endIndex && after[next] == ":") {
                labels.append(label)
            }
            rest = after[next...]
        }
        return labels
    }

    /// The label of a `[^label]: …` footnote definition.
    static func footnoteDefinition(in text: String) -> String? {
        guard text.hasPrefix("[^"), let close = text.firstIndex(of: "]") else { return nil }
        let next = text.index(after: close)
        guard next < text.endIndex, text[next] == ":" else { return nil }
        return String(text[text.index(text.startIndex, offsetBy: 2)..<close])
    }

    /// An author–year citation such as "(Roe et al., 2021)" or "(NHS, 2023)".
    static func authorYearCitation(in text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "(")) else { return nil }
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "(") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: ")") else { break }
            let inner = after[..<close]
            let words = inner.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" })
            if let last = words.last, last.count == 4 || (last.count == 5 && last.last?.isLetter == true),
               let year = Int(last.prefix(4)), (1900...2099).contains(year),
               let first = words.first, first.first?.isUppercase == true, words.count >= 2, words.count <= 6 {
                return "(" + inner + ")"
            }
            rest = after[after.index(after: close)...]
        }
        return nil
    }

    /// The phrase as written in `text` (which contains it, ignoring case).
    private static func matchingCase(of phrase: String, in text: String) -> String {
        guard let range = text.range(of: phrase, options: .caseInsensitive) else { return phrase }
        return String(text[range])
    }
}
