import Foundation
import Yams

/// How soon a reader should get care.
public enum TriageLevel: String, Sendable, Codable, CaseIterable, Comparable {
    /// No warning sign in the reader's words.
    case none
    /// Book an appointment with a GP, midwife or physiotherapist.
    case soon
    /// Contact a GP, the same-day service or the maternity unit today.
    case urgent
    /// Call the emergency number or go to the emergency department now.
    case emergency

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: TriageLevel, rhs: TriageLevel) -> Bool { lhs.rank < rhs.rank }
}

/// The public source a rule follows.
public struct TriageSource: Sendable, Hashable, Codable {
    public var publisher: String
    public var title: String
    public var url: String
}

/// One warning-sign rule, as written in the rules file.
public struct TriageRule: Sendable, Hashable {
    public let id: String
    public let level: TriageLevel
    /// What the warning sign is, in the reader's terms: the care card's heading.
    public let title: String
    /// What to do, with region placeholders (see ``CareServices``).
    public let advice: String
    public let source: TriageSource
    /// Contexts the rule needs, such as `pregnancy`.
    public let contexts: [String]
    /// Alternatives; each is a list of concepts that must all be present.
    let alternatives: [[Concept]]
    /// Phrases that, when present, mean the rule does not apply.
    let exceptions: [Phrase]
    /// Rules whose cards this one makes redundant when both apply.
    public let supersedes: [String]
}

/// A named list of phrases, any of which stands for the concept.
struct Concept: Sendable, Hashable {
    let name: String
    let phrases: [Phrase]
    /// Whether written durations ("for 3 weeks") also count (the `long-time` concept).
    let includesDurations: Bool
}

/// A phrase as its content words: folded words and their stems.
struct Phrase: Sendable, Hashable {
    let text: String
    let words: [String]
    let stems: [String]
    /// Numbers for its first word and first stem in ``TriageRules/startKeys``: a text is searched
    /// for the phrase only when one of them occurs in it.
    var startKeys: [Int] = []
}

/// The warning-sign rules: read from the YAML rules file that clinical editors review.
public struct TriageRules: Sendable {
    public let rules: [TriageRule]
    /// Phrases that put the reader in a context, by context name.
    let contexts: [String: [Phrase]]
    /// A number for each word and stem a phrase starts with.
    let startKeys: [String: Int]

    /// The rules bundled with RehabFAQs.
    public static func bundled() throws -> TriageRules {
        guard let url = Bundle.module.url(forResource: "triage-rules", withExtension: "yaml") else {
            throw TriageRulesError(line: 0, message: "the bundled triage-rules.yaml is missing")
        }
        return try TriageRules(yaml: String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }

    /// Reads and checks a rules file.
    ///
    /// - Throws: ``TriageRulesError`` for malformed YAML, an unknown level or context, a rule with
    ///   no conditions, or a duplicate id.
    public init(yaml: String) throws {
        let file: RulesFile
        do {
            file = try YAMLDecoder().decode(RulesFile.self, from: yaml)
        } catch let error as YamlError {
            throw TriageRulesError(line: 0, message: "the rules file is not valid YAML: \(error)")
        } catch {
            throw TriageRulesError(line: 0, message: "the rules file does not have the expected shape: \(error)")
        }
        let analyzer = PhraseAnalyzer()
        var concepts: [String: Concept] = [:]
        for (name, phrases) in file.concepts {
            concepts[name] = Concept(name: name, phrases: phrases.compactMap(analyzer.phrase), includesDurations: name == "long-time")
        }
        let contexts = file.contexts.mapValues { $0.compactMap(analyzer.phrase) }
        var seen = Set<String>()
        var rules: [TriageRule] = []
        for entry in file.rules {
            let line = Self.line(of: "- id: \(entry.id)", in: yaml)
            guard seen.insert(entry.id).inserted else { throw TriageRulesError(line: line, message: "rule id \(entry.id) is used twice") }
            guard let level = TriageLevel(rawValue: entry.level), level != .none else {
                throw TriageRulesError(line: line, message: "rule \(entry.id) has level \(entry.level); use emergency, urgent or soon")
            }
            for context in entry.contexts ?? [] where contexts[context] == nil {
                throw TriageRulesError(line: line, message: "rule \(entry.id) needs context \(context), which the file does not define")
            }
            guard !entry.when.isEmpty, entry.when.allSatisfy({ !$0.isEmpty }) else {
                throw TriageRulesError(line: line, message: "rule \(entry.id) needs at least one condition under `when`")
            }
            let alternatives = entry.when.map { items in
                items.map { item in
                    concepts[item] ?? Concept(name: item, phrases: item.components(separatedBy: "|").compactMap(analyzer.phrase), includesDurations: false)
                }
            }
            rules.append(TriageRule(id: entry.id, level: level, title: entry.title, advice: entry.advice, source: entry.source,
                                    contexts: entry.contexts ?? [], alternatives: alternatives,
                                    exceptions: (entry.unless ?? []).flatMap { $0.components(separatedBy: "|") }.compactMap(analyzer.phrase),
                                    supersedes: entry.supersedes ?? []))
        }
        let ids = Set(rules.map(\.id))
        for rule in rules {
            for other in rule.supersedes where !ids.contains(other) {
                throw TriageRulesError(line: Self.line(of: "- id: \(rule.id)", in: yaml), message: "rule \(rule.id) supersedes \(other), which is not a rule")
            }
        }
        // Number the words and stems that phrases start with, and tell each phrase its numbers.
        var startKeys: [String: Int] = [:]
        func numbered(_ phrase: Phrase) -> Phrase {
            var phrase = phrase
            phrase.startKeys = Array(Set([phrase.words[0], phrase.stems[0]])).sorted().map { key in
                if let number = startKeys[key] { return number }
                startKeys[key] = startKeys.count
                return startKeys.count - 1
            }
            return phrase
        }
        self.rules = rules.map { rule in
            TriageRule(id: rule.id, level: rule.level, title: rule.title, advice: rule.advice, source: rule.source, contexts: rule.contexts,
                       alternatives: rule.alternatives.map { $0.map { Concept(name: $0.name, phrases: $0.phrases.map(numbered),
                                                                              includesDurations: $0.includesDurations) } },
                       exceptions: rule.exceptions.map(numbered), supersedes: rule.supersedes)
        }
        self.contexts = contexts.mapValues { $0.map(numbered) }
        self.startKeys = startKeys
    }

    /// The 1-based line where `text` first appears, for error messages.
    private static func line(of text: String, in yaml: String) -> Int {
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(text) {
            return index + 1
        }
        return 0
    }

    private struct RulesFile: Decodable {
        var contexts: [String: [String]]
        var concepts: [String: [String]]
        var rules: [RuleEntry]
    }

    private struct RuleEntry: Decodable {
        var id: String
        var level: String
        var title: String
        var advice: String
        var source: TriageSource
        var contexts: [String]?
        var unless: [String]?
        var supersedes: [String]?
        var when: [[String]]
    }
}

/// A problem in the triage rules file.
public struct TriageRulesError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "triage-rules.yaml:\(line): \(message)" }
}
