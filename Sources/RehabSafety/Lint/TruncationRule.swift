import RehabContent
import Foundation

/// `truncated-answer`: prose that stops mid-sentence.
///
/// A paragraph must end in `.`, `!`, `?`, `:` or `;` (closing quotes, brackets and citation markers
/// aside) unless it is a short label or the lead-in to a list. Any paragraph or list item is cut off
/// when it ends in "..." or "…", on "Read more", on a word that needs something after it ("and",
/// "the", "to"), or with a bracket or quote left open. A list item without a full stop is cut off
/// when it holds sentences that do, or when every other item of its list ends in one. A question
/// with no answer at all is reported too.
enum TruncationRule {
    static func check(_ document: LintDocument) -> [LintFinding] {
        var findings: [LintFinding] = []
        func report(_ line: Int, _ message: String) {
            findings.append(LintFinding(file: document.path, line: line, rule: .truncatedAnswer, severity: .error, message: message))
        }
        for question in document.questions {
            let blocks = question.answerBlocks.map { document.blocks[$0] }.filter { $0.kind != .thematicBreak }
            if blocks.isEmpty || blocks.allSatisfy({ $0.kind == .htmlBlock && $0.text.hasPrefix("<!--") }) {
                report(question.line, "the question \"\(question.heading)\" has no answer: write one, or remove the question")
            } else if blocks.allSatisfy({ $0.kind == .htmlBlock }) {
                report(question.line, "the answer to \"\(question.heading)\" is raw HTML, which readers never see: write the answer in Markdown")
            }
        }
        let listsEndingInFullStops = listsWhoseItemsEndInFullStops(document.units)
        // The last paragraph of an answer cannot be a label: it must end like a sentence.
        let lastOfAnswer = Set(document.questions.compactMap { question in
            document.units.last { question.answerBlocks.contains($0.firstBlock) }?.firstBlock
        })
        // Bylines and "Show references" are reported by their own rules, not as cut-off sentences.
        for unit in document.units where !isInsideReferenceList(unit, document) && !OffTopicRule.isBylineText(unit.text)
            && !CitationRule.isReferenceLeftover(unit.text) {
            guard let problem = problem(with: unit, listsEndingInFullStops: listsEndingInFullStops, endsAnswer: lastOfAnswer.contains(unit.firstBlock))
                    ?? missingList(after: unit, in: document) else { continue }
            let what = unit.kind == .listItem ? "list item" : "text"
            let owner = document.questions.first { $0.answerBlocks.contains(unit.firstBlock) }
            let place = owner.map { " in the answer to \"\($0.heading)\"" } ?? ""
            report(unit.endLine, "the \(what)\(place) \(problem) at \"\(tail(of: unit.text))\": finish the sentence, or cut it back to the last full sentence")
        }
        if let summary = document.frontMatter.text("summary"), let line = document.frontMatter.line(of: "summary"),
           let problem = problem(with: summary, isListItem: false, leadsIntoList: false, listRequiresStop: false) {
            report(line, "the summary \(problem) at \"\(tail(of: summary))\": finish the sentence")
        }
        return findings
    }

    /// A unit that ends in ":" with nothing after it before the next heading: its list was lost.
    private static func missingList(after unit: TextUnit, in document: LintDocument) -> String? {
        let core = strippingTrailingMarks(LintText.trimmed(unit.text))
        guard core.hasSuffix(":"), !unit.leadsIntoList else { return nil }
        let next = document.blocks.indices.first { $0 > unit.lastBlock && document.blocks[$0].kind != .thematicBreak }
        if let next, document.blocks[next].headingLevel == nil { return nil }
        return "ends with \":\" but nothing follows it"
    }

    /// Why `unit` looks cut off, or `nil`.
    private static func problem(with unit: TextUnit, listsEndingInFullStops: Set<Int>, endsAnswer: Bool) -> String? {
        if let item = unit.listItem, item.index < item.count - 1,
           let last = unit.text.last(where: { !$0.isWhitespace }), last == "," {
            // "- swelling," between items is a style, not a cut.
            return nil
        }
        let requiresStop = unit.listItem.map { listsEndingInFullStops.contains($0.list) } ?? false
        return problem(with: unit.text, isListItem: unit.kind == .listItem, leadsIntoList: unit.leadsIntoList, listRequiresStop: requiresStop,
                       endsAnswer: endsAnswer)
    }

    /// Why `text` looks cut off, or `nil`.
    static func problem(with raw: String, isListItem: Bool, leadsIntoList: Bool, listRequiresStop: Bool, endsAnswer: Bool = false) -> String? {
        let text = LintText.trimmed(raw)
        guard !text.isEmpty else { return nil }
        var lowered = Substring(text.lowercased())
        while let last = lowered.last, "→›»>-–—:. ".contains(last) { lowered = lowered.dropLast() }
        for phrase in LintVocabulary.readMorePhrases where lowered.hasSuffix(phrase) {
            // "Read more" on its own, not "…you can learn more".
            let before = lowered.dropLast(phrase.count)
            let start = text.index(text.startIndex, offsetBy: min(before.count, text.count - 1))
            let standsAlone = before.last(where: { !$0.isWhitespace }).map { ".!?…:|".contains($0) } ?? true
            if standsAlone || text[start].isUppercase || phrase.first?.isLetter != true {
                return "ends with \"\(phrase)\" left from the page it was copied from"
            }
        }
        let core = strippingTrailingMarks(text)
        if core.hasSuffix("...") || core.hasSuffix("…") || core.hasSuffix(". . .") {
            return "stops with \"…\""
        }
        if let bracket = unclosedBracket(in: text) {
            return "leaves \"\(bracket)\" open"
        }
        let words = LintText.words(core)
        guard let lastWord = words.last else { return nil }
        let endsInStop = core.last.map { ".!?:;".contains($0) } ?? false
        if endsInStop {
            if core.hasSuffix("."), LintVocabulary.neverFinal.contains(lastWord), words.count > 1 {
                return "ends on \"\(lastWord).\""
            }
            return nil
        }
        if core.last.map({ ",-–—/&(".contains($0) }) == true {
            return "ends on \"\(core.last.map(String.init) ?? "")\""
        }
        if leadsIntoList { return nil }
        if isURL(lastToken(of: core)) { return nil }
        if LintVocabulary.danglingWords.contains(lastWord), words.count > 1,
           !(LintVocabulary.ellipticalBefore[lastWord]?.contains(words[words.count - 2]) ?? false) {
            // "…, or" between list items is a style, not a cut.
            if isListItem, ["and", "or"].contains(lastWord), let before = core.dropLast(lastWord.count).last(where: { !$0.isWhitespace }), ",;".contains(before) {
                return nil
            }
            return "stops mid-sentence on \"\(lastWord)\""
        }
        if isListItem {
            let sentences = LintText.sentences(in: core)
            if sentences.count > 1 { return "stops mid-sentence" }
            if listRequiresStop, words.count >= 4 { return "stops without a full stop, unlike the rest of its list" }
            return nil
        }
        // A short label ("Sitting", "Step 2: lie down") is not a sentence, but nothing follows the last paragraph of an answer.
        if words.count < (endsAnswer ? 2 : 5) { return nil }
        return "stops mid-sentence"
    }

    /// Lists of three or more items in which every item but at most one ends in a full stop.
    private static func listsWhoseItemsEndInFullStops(_ units: [TextUnit]) -> Set<Int> {
        var totals: [Int: (items: Int, stopped: Int)] = [:]
        for unit in units where unit.kind == .listItem {
            guard let list = unit.listItem?.list else { continue }
            let core = strippingTrailingMarks(LintText.trimmed(unit.text))
            let stopped = core.last.map { ".!?".contains($0) } ?? false
            let current = totals[list] ?? (0, 0)
            totals[list] = (current.items + 1, current.stopped + (stopped ? 1 : 0))
        }
        return Set(totals.filter { $0.value.items >= 3 && $0.value.stopped >= $0.value.items - 1 }.keys)
    }

    /// Whether a list item lists a source (under a "References" heading), where full stops are optional.
    private static func isInsideReferenceList(_ unit: TextUnit, _ document: LintDocument) -> Bool {
        guard unit.kind == .listItem else { return false }
        let heading = document.headingBlocks.last { $0 < unit.firstBlock }
        guard let heading else { return false }
        return LintVocabulary.referenceHeadings.contains(document.blocks[heading].text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " :")))
    }

    /// The text without closing quotes, brackets, emphasis marks, citation markers and superscripts at its end.
    static func strippingTrailingMarks(_ text: String) -> String {
        var result = Substring(text)
        while true {
            let before = result.count
            while let last = result.last, "\"'”’)]*_¹²³⁴⁵⁶⁷⁸⁹⁰†‡ ".contains(last) {
                if last == ")" || last == "]", let open = matchingOpen(for: result) {
                    // A trailing "(NHS, 2024)" or "[2]": look at what comes before it.
                    let inner = result[result.index(after: open)..<result.index(before: result.endIndex)]
                    let beforeOpen = LintText.trimmed(result[..<open])
                    if last == "]" || (beforeOpen.last.map { ".!?".contains($0) } ?? false) || inner.allSatisfy({ $0.isNumber || ", -–".contains($0) }) {
                        result = Substring(beforeOpen)
                        continue
                    }
                }
                result = result.dropLast()
            }
            if result.count == before { break }
        }
        return String(result)
    }

    private static func matchingOpen(for text: Substring) -> Substring.Index? {
        guard let close = text.last else { return nil }
        let open: Character = close == ")" ? "(" : "["
        var depth = 0
        var index = text.endIndex
        while index > text.startIndex {
            index = text.index(before: index)
            if text[index] == close { depth += 1 }
            if text[index] == open {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    /// The first bracket or quote left open at the end of the text.
    private static func unclosedBracket(in text: String) -> String? {
        var stack: [Unicode.Scalar] = []
        var straightQuotes = 0
        for character in text.unicodeScalars {
            switch character {
            case "(", "[", "“": stack.append(character)
            case ")": if stack.last == "(" { stack.removeLast() }
            case "]": if stack.last == "[" { stack.removeLast() }
            case "”": if stack.last == "“" { stack.removeLast() }
            case "\"": straightQuotes += 1
            default: break
            }
        }
        if let open = stack.first { return String(Character(open)) }
        return straightQuotes % 2 == 1 ? "\"" : nil
    }

    private static func lastToken(of text: String) -> String {
        String(text.split(whereSeparator: \.isWhitespace).last ?? "")
    }

    private static func isURL(_ token: String) -> Bool {
        token.hasPrefix("http://") || token.hasPrefix("https://") || token.hasPrefix("www.")
    }

    /// The last few words of a text, to show where it stops.
    static func tail(of text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        let shown = words.suffix(6).joined(separator: " ")
        return words.count > 6 ? "…" + shown : shown
    }
}
