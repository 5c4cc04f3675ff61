import Foundation
import RehabSearch
import Synchronization

/// One warning sign found in the reader's words.
public struct TriageFlag: Sendable, Hashable {
    public let rule: TriageRule
    /// The reader's words that matched, joined with " + " when the rule needs several.
    public let matched: String

    public var id: String { rule.id }
    public var level: TriageLevel { rule.level }
}

/// What the reader's words call for: the most urgent level found and every warning sign behind it.
public struct TriageResult: Sendable, Hashable {
    /// Most urgent first.
    public let flags: [TriageFlag]

    public var level: TriageLevel { flags.first?.level ?? .none }
    /// Whether the reader should get care now or today (`emergency` or `urgent`).
    public var isUrgent: Bool { level >= .urgent }
}

/// Finds warning signs in what a reader writes, so that they are told, plainly and first, to get
/// care at the right urgency.
///
/// Matching uses the search analyser's stems, forgives misspellings that are not real English
/// words, and leaves alone words that are negated ("no fever"), in a resolved past ("had sciatica
/// last year, fine now") or only asked about ("what is cauda equina?"). Pure: no I/O after loading.
public struct Triage: Sendable {
    public let rules: TriageRules
    /// Real English words, which are never read as misspellings of a rule's word ("fewer" is not "fever").
    private let englishWords: Set<String>
    /// Every word of four letters or more in the rules' phrases: the words a misspelling may stand for.
    private let spellableRuleWords: [String]
    /// The answers of ``ruleWords(misspeltAs:)``, shared by every check: a site's vocabulary is small.
    private let misspellings = MisspellingCache()
    private let analyzer = Analyzer()

    public init(rules: TriageRules, englishWords: Set<String>) {
        self.rules = rules
        self.englishWords = englishWords
        var phrases = rules.contexts.values.flatMap { $0 }
        for rule in rules.rules {
            phrases += rule.exceptions
            phrases += rule.alternatives.flatMap { $0.flatMap(\.phrases) }
        }
        spellableRuleWords = Set(phrases.flatMap(\.words)).filter { $0.utf8.count >= 4 }.sorted()
    }

    /// The bundled rules and word list, read once per process.
    public static func bundled() throws -> Triage { try loadedBundle.get() }

    private static let loadedBundle: Result<Triage, any Error> = Result {
        guard let url = Bundle.module.url(forResource: "english-words", withExtension: "txt") else {
            throw TriageRulesError(line: 0, message: "the bundled english-words.txt is missing")
        }
        let words = String(decoding: try Data(contentsOf: url), as: UTF8.self).split(separator: "\n").map(String.init)
        // The list has few plurals: "radiators" is a word, not a misspelt "radiates".
        return Triage(rules: try .bundled(), englishWords: Set(words + words.map { $0 + "s" } + words.map { $0 + "es" }))
    }

    /// Checks a reader's words (a search query or a message).
    ///
    /// - Parameters:
    ///   - text: What the reader wrote.
    ///   - contexts: Contexts known from elsewhere, such as `pregnancy` on a pregnancy article.
    public func assess(_ text: String, contexts: Set<String> = []) -> TriageResult {
        let reader = ReaderText(text, analyzer: analyzer, readerMode: true)
        guard !reader.isOnlyAQuestionAboutTerms else { return TriageResult(flags: []) }
        return assess(checked(reader), contexts: contexts)
    }

    /// The warning signs an article describes, for the care cards on its page. Unlike a reader's
    /// message, an article's questions and past tenses still count. Each paragraph or list item is
    /// checked on its own, so that words from two different signs do not combine into a third.
    public func signsDiscussed(in articleText: String, contexts: Set<String> = []) -> TriageResult {
        var flags: [String: TriageFlag] = [:]
        for block in articleText.split(whereSeparator: \.isNewline) where !block.allSatisfy(\.isWhitespace) {
            let reader = ReaderText(String(block), analyzer: analyzer, readerMode: false)
            for flag in assess(checked(reader), contexts: contexts).flags where flags[flag.id] == nil {
                flags[flag.id] = flag
            }
        }
        return TriageResult(flags: ordered(Array(flags.values)))
    }

    /// Most urgent first; within a level, in the order of the rules file; without flags another one supersedes.
    private func ordered(_ flags: [TriageFlag]) -> [TriageFlag] {
        let superseded = Set(flags.flatMap(\.rule.supersedes))
        let order = Dictionary(uniqueKeysWithValues: rules.rules.enumerated().map { ($1.id, $0) })
        return flags.filter { !superseded.contains($0.id) }
            .sorted { $0.level != $1.level ? $0.level > $1.level : order[$0.id, default: 0] < order[$1.id, default: 0] }
    }

    private func assess(_ reader: CheckedText, contexts: Set<String>) -> TriageResult {
        var activeContexts = contexts
        if reader.text.mentionsGestation { activeContexts.insert("pregnancy") }
        for (name, phrases) in rules.contexts where phrases.contains(where: { find($0, in: reader) != nil }) {
            activeContexts.insert(name)
        }
        var flags: [TriageFlag] = []
        for rule in rules.rules where rule.contexts.allSatisfy(activeContexts.contains) {
            guard !rule.exceptions.contains(where: { find($0, in: reader) != nil }) else { continue }
            for alternative in rule.alternatives {
                var spans: [String] = []
                for concept in alternative {
                    guard let span = find(concept, in: reader) else { break }
                    spans.append(span)
                }
                if spans.count == alternative.count {
                    flags.append(TriageFlag(rule: rule, matched: spans.joined(separator: " + ")))
                    break
                }
            }
        }
        return TriageResult(flags: ordered(flags))
    }

    // MARK: - Matching

    /// A text ready for matching: its words, the rule words each may be a misspelling of, and where
    /// each word, stem and misspelt rule word occurs, so that a phrase is looked for only where its
    /// first word can start rather than at every word.
    private struct CheckedText {
        let text: ReaderText
        /// By word index; empty for most words.
        let misspellingOf: [Set<String>]
        /// Word indices, ascending, by word, by stem and by the rule word a misspelling stands for.
        let positions: [String: [Int]]
        /// By ``TriageRules/startKeys`` number: whether a phrase starting with that word or stem may occur.
        let startable: [Bool]

        /// Whether the phrase may occur at all: one of its first word's keys is in the text.
        func mayContain(_ phrase: Phrase) -> Bool {
            phrase.startKeys.contains { startable[$0] }
        }

        /// Where a phrase whose first word is `word` (stem `stem`) may start, ascending.
        func starts(word: String, stem: String) -> [Int] {
            let byWord = positions[word] ?? [], byStem = word == stem ? [] : positions[stem] ?? []
            if byStem.isEmpty { return byWord }
            if byWord.isEmpty { return byStem }
            return Array(Set(byWord + byStem)).sorted()
        }
    }

    private func checked(_ reader: ReaderText) -> CheckedText {
        let misspellingOf = reader.words.map { word in
            // Most words are English words, which are never misspellings: no need for the shared cache.
            mayBeMisspelling(word.word) ? misspellings.ruleWords(misspeltAs: word.word, compute: ruleWords(misspeltAs:)) : []
        }
        var positions: [String: [Int]] = [:]
        var startable = [Bool](repeating: false, count: rules.startKeys.count)
        for (index, word) in reader.words.enumerated() {
            var keys: Set<String> = [word.word, word.stem]
            keys.formUnion(misspellingOf[index])
            for key in keys {
                positions[key, default: []].append(index)
                if let number = rules.startKeys[key] { startable[number] = true }
            }
        }
        return CheckedText(text: reader, misspellingOf: misspellingOf, positions: positions, startable: startable)
    }

    /// The rule words `word` is a misspelling of: it is no English word, has four letters or more
    /// (a–z only), and is one edit from the rule word (two for words of nine letters or more), or
    /// from its plural.
    private func ruleWords(misspeltAs word: String) -> Set<String> {
        guard mayBeMisspelling(word) else { return [] }
        var found: Set<String> = []
        for ruleWord in spellableRuleWords {
            let limit = ruleWord.utf8.count >= 9 ? 2 : 1
            guard abs(ruleWord.utf8.count - word.utf8.count) <= limit + 1 else { continue }
            if EditDistance.optimalStringAlignment(word, ruleWord, limit: limit) <= limit
                || EditDistance.optimalStringAlignment(word, ruleWord + "s", limit: limit) <= limit {
                found.insert(ruleWord)
            }
        }
        return found
    }

    /// Whether `word` can be a misspelling at all: four letters or more, a–z only, and no English word.
    private func mayBeMisspelling(_ word: String) -> Bool {
        word.utf8.count >= 4 && word.utf8.allSatisfy({ (0x61...0x7A).contains($0) }) && !englishWords.contains(word)
    }

    /// The reader's words for the first place the concept occurs, if it does.
    private func find(_ concept: Concept, in reader: CheckedText) -> String? {
        for phrase in concept.phrases {
            if let span = find(phrase, in: reader) { return span }
        }
        let words = reader.text.words
        if concept.includesDurations, let index = reader.text.durations.first(where: { !words[$0].isNegated && !words[$0].isPast }) {
            let unit = words[index], amount = words[index - 1]
            return text(of: amount.byteRange.lowerBound..<unit.byteRange.upperBound, in: reader.text)
        }
        return nil
    }

    /// The reader's words where the phrase occurs: its words in order in one sentence, at most one
    /// other word between two of them, the first one neither negated nor in a resolved past.
    private func find(_ phrase: Phrase, in reader: CheckedText) -> String? {
        guard reader.mayContain(phrase) else { return nil }
        let words = reader.text.words
        for start in reader.starts(word: phrase.words[0], stem: phrase.stems[0]) {
            let first = words[start]
            guard !first.isNegated, !first.isPast, matches(start, in: reader, phrase.words[0], phrase.stems[0]) else { continue }
            var last = start
            var complete = true
            for position in 1..<max(phrase.words.count, 1) where phrase.words.count > 1 {
                let candidates = (last + 1)..<min(last + 3, words.count)
                guard let next = candidates.first(where: {
                    words[$0].sentence == first.sentence && matches($0, in: reader, phrase.words[position], phrase.stems[position])
                }) else {
                    complete = false
                    break
                }
                last = next
            }
            if complete { return text(of: first.byteRange.lowerBound..<words[last].byteRange.upperBound, in: reader.text) }
        }
        return nil
    }

    /// Whether the reader's word at `index` is the rule's word: the same word or stem in the right
    /// sense, or a misspelling of it that is not itself an English word.
    private func matches(_ index: Int, in reader: CheckedText, _ ruleWord: String, _ ruleStem: String) -> Bool {
        let word = reader.text.words[index]
        if word.word == ruleWord || word.stem == ruleStem { return isInSense(word) }
        return reader.misspellingOf[index].contains(ruleWord)
    }

    /// Words with an everyday sense that is not a symptom: "come back", "bottom of my foot",
    /// "room temperature", "fall asleep", "hot water bottle", "leaking breasts".
    private func isInSense(_ word: ReaderText.Word) -> Bool {
        switch word.stem {
        case "back":
            return !Self.notTheBackAfter.contains(word.next) && !Self.notTheBackBefore.contains(word.previous)
        case "bottom":
            return word.next != "of" && word.next != "line"
        case "temperatur", "temp", "hot":
            // "Room temperature", "the oven's temperature", "the shower goes hot and cold".
            return !Self.notAFeverBefore.contains(word.previous) && !word.clauseMentionsHouseholdHeat
        case "fever":
            return !["night", "hay", "cabin", "gold", "spring", "football", "cup"].contains(word.previous)
        case "fall", "fell", "fallen":
            return !["asleep", "pregnant", "apart", "behind", "out"].contains(word.next) && !["the", "this", "last", "next"].contains(word.previous)
        case "warm":
            return !["water", "bath", "shower", "pack", "tub", "drink", "weather", "compress", "bottle", "day", "days", "pad", "towel", "flannel"].contains(word.next)
        case "blood":
            // "High blood pressure", "a blood test", "blood sugar" are not bleeding.
            return !["pressure", "test", "tests", "sugar", "sugars", "thinners", "thinning", "flow", "supply", "cells", "count",
                     "vessels", "vessel", "group", "donor", "bank", "work"].contains(word.next)
        case "leak":
            return !["breast", "breasts", "nipple", "nipples", "milk", "colostrum", "tap", "roof"].contains(word.previous)
                && !["milk", "colostrum"].contains(word.next)
        default:
            return true
        }
    }

    static let notTheBackAfter: Set<String> = ["to", "then", "home", "on", "into", "up", "again", "from", "out", "off", "later", "soon",
                                               "after", "at", "when", "there", "here", "together", "in", "of", "garden", "yard", "door",
                                               "seat", "row", "office", "room", "road", "street", "lane"]
    static let notTheBackBefore: Set<String> = ["come", "came", "coming", "comes", "go", "going", "goes", "went", "get", "getting", "got",
                                                "gets", "bring", "brought", "give", "gave", "call", "called", "put", "moved", "way", "it's",
                                                "its", "be", "been", "is", "was", "are", "were", "fight", "look", "looking", "looked", "sit",
                                                "step", "cut", "hold", "held", "holding", "pay", "paid", "bounce", "bounced", "kick", "far",
                                                "set", "feedback", "laid", "lie", "lying", "lay", "straight", "turn", "turned", "text", "write", "wrote"]
    static let notAFeverBefore: Set<String> = ["room", "water", "bath", "what", "right", "ideal", "correct", "cold", "outside", "oven", "shower",
                                               "air", "freezing", "warm", "best", "the"]

    private func text(of range: Range<Int>, in reader: ReaderText) -> String {
        let bytes = Array(reader.text.utf8)
        return String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    }
}

/// The rule words each word is a misspelling of, kept across checks (bounded: it starts again when full).
private final class MisspellingCache: Sendable {
    private static let capacity = 200_000
    private let entries = Mutex<[String: Set<String>]>([:])

    func ruleWords(misspeltAs word: String, compute: (String) -> Set<String>) -> Set<String> {
        if let known = entries.withLock({ $0[word] }) { return known }
        let found = compute(word)
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[word] = found
        }
        return found
    }
}
