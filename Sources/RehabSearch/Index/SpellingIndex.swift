/// Finds index words close to a misspelt one, by the symmetric-delete method: every word is stored
/// under the strings made by deleting one (or, for long words, two) of its letters, so a look-up
/// only generates deletions of the query word instead of comparing it with every word.
struct SpellingIndex: Sendable {
    private let words: [String]
    private let variants: [String: [Int32]]

    init(words: [String]) {
        let words = words.filter { $0.utf8.count >= 4 && $0.utf8.allSatisfy { (0x61...0x7A).contains($0) } }
        var variants: [String: [Int32]] = [:]
        for (index, word) in words.enumerated() {
            let id = Int32(index)
            let bytes = Array(word.utf8)
            for variant in Self.deletions(of: bytes, depth: bytes.count >= 8 ? 2 : 1) {
                variants[variant, default: []].append(id)
            }
            variants[word, default: []].append(id)
        }
        self.words = words
        self.variants = variants
    }

    /// The largest number of edits allowed for a word of this length: 1 from 5 letters, 2 from 9.
    static func allowedDistance(forLength length: Int) -> Int {
        length >= 9 ? 2 : length >= 5 ? 1 : 0
    }

    /// Index words within the allowed distance of `word`, closest first.
    func candidates(for word: String) -> [(word: String, distance: Int)] {
        let bytes = Array(word.utf8)
        let allowed = Self.allowedDistance(forLength: bytes.count)
        guard allowed > 0, bytes.allSatisfy({ (0x61...0x7A).contains($0) }) else { return [] }
        var seen = Set<Int32>()
        var found: [(String, Int)] = []
        for variant in Self.deletions(of: bytes, depth: allowed) + [word] {
            for id in variants[variant] ?? [] where seen.insert(id).inserted {
                let candidate = words[Int(id)]
                let distance = Self.distance(bytes, Array(candidate.utf8), limit: allowed)
                if distance <= allowed { found.append((candidate, distance)) }
            }
        }
        return found.sorted { $0.1 < $1.1 }
    }

    /// Every string made by deleting 1...depth letters.
    static func deletions(of bytes: [UInt8], depth: Int) -> Set<String> {
        var result = Set<String>()
        var frontier: [[UInt8]] = [bytes]
        for _ in 0..<depth {
            var next: [[UInt8]] = []
            for current in frontier where current.count > 1 {
                for index in current.indices {
                    var shorter = current
                    shorter.remove(at: index)
                    if result.insert(String(decoding: shorter, as: UTF8.self)).inserted { next.append(shorter) }
                }
            }
            frontier = next
        }
        return result
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions), stopping early past `limit`.
    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        let width = b.count + 1
        var previousPrevious = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1..<width {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

/// Edit distances between words.
public enum EditDistance {
    /// The optimal string alignment distance (Levenshtein plus adjacent transpositions) between the
    /// UTF-8 bytes of two words, or `limit + 1` when it is larger than `limit`.
    public static func optimalStringAlignment(_ a: String, _ b: String, limit: Int) -> Int {
        SpellingIndex.distance(Array(a.utf8), Array(b.utf8), limit: limit)
    }
}
