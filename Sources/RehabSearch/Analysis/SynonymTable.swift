/// Families of words and phrases readers use for the same thing ("spasm", "cramp", "charley horse").
///
/// Each family becomes one extra index term (`~7`), emitted wherever any of its members appears,
/// in documents and in queries alike; a query then matches documents that use another member.
/// Members are matched on stems, so "cramps" and "cramping" count as "cramp".
public struct SynonymTable: Sendable {
    /// Family id by the stem sequence of each member.
    private let families: [[String]: Int]
    /// Members by their first stem, longest first, so that matching costs one look-up per word.
    private let byFirstStem: [String: [(stems: [String], family: Int)]]
    /// The longest member, in words.
    private let longestMember: Int
    /// The members of each family as written, for display.
    public let members: [[String]]
    /// Every folded word that appears in a member, so that a misspelt synonym can be corrected
    /// even when no document uses that word.
    public let words: Set<String>

    /// An empty table.
    public init() {
        families = [:]
        byFirstStem = [:]
        longestMember = 0
        members = []
        words = []
    }

    /// Reads the synonym file format: one family per line, members separated by commas, `#` comments.
    ///
    /// - Throws: ``SynonymError`` naming the line of a family with fewer than two members.
    public init(text: String, analyzer: Analyzer = Analyzer()) throws {
        var families: [[String]: Int] = [:]
        var members: [[String]] = []
        var longest = 0
        var words = Set<String>()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let terms = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard terms.count >= 2 else { throw SynonymError(line: index + 1, message: "a family needs at least two members separated by commas") }
            let id = members.count
            members.append(terms)
            for term in terms {
                let tokens = analyzer.allTokens(term)
                for token in tokens where !token.isStopWord { words.insert(token.word) }
                let stems = tokens.map(\.term)
                guard !stems.isEmpty else { continue }
                // A member in two families keeps its first: the file is read top to bottom.
                if families[stems] == nil { families[stems] = id }
                longest = max(longest, stems.count)
            }
        }
        self.families = families
        var byFirstStem: [String: [(stems: [String], family: Int)]] = [:]
        for (stems, family) in families {
            byFirstStem[stems[0], default: []].append((stems, family))
        }
        self.byFirstStem = byFirstStem.mapValues { $0.sorted { $0.stems.count > $1.stems.count } }
        self.members = members
        self.words = words
        longestMember = longest
    }

    /// The index term that stands for family `id`.
    public static func familyTerm(_ id: Int) -> String { "~\(id)" }

    /// The families found in a token stream (stop words included), with the position of the first word of each match.
    public func matches(in tokens: [Token]) -> [(family: Int, position: Int, length: Int)] {
        guard longestMember > 0 else { return [] }
        var found: [(Int, Int, Int)] = []
        var index = 0
        next: while index < tokens.count {
            if let options = byFirstStem[tokens[index].term] {
                for option in options where index + option.stems.count <= tokens.count {
                    if option.stems.count == 1, tokens[index].isStopWord { continue }
                    var same = true
                    for offset in 1..<max(option.stems.count, 1) where tokens[index + offset].term != option.stems[offset] {
                        same = false
                        break
                    }
                    if same {
                        found.append((option.family, tokens[index].position, option.stems.count))
                        index += option.stems.count
                        continue next
                    }
                }
            }
            index += 1
        }
        return found
    }

    /// The members whose first stem is `stem`, longest first.
    func members(startingWith stem: String) -> [(stems: [String], family: Int)] { byFirstStem[stem] ?? [] }

    /// Whether a single word, as a stem, belongs to a family.
    public func contains(stem: String) -> Bool { families[[stem]] != nil }
}

/// A problem in the synonym file.
public struct SynonymError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "synonyms.txt:\(line): \(message)" }
}

import Foundation
