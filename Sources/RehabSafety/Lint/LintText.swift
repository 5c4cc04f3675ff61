import Foundation
import RehabSearch

/// Sentences, words and syllables of plain prose, for the reading-level and truncation checks.
///
/// Words come from RehabSearch's ``Analyzer``, so the linter and search agree on what a word is.
enum LintText {
    static let analyzer = Analyzer()

    /// Words that end a sentence only in appearance: "Dr. Smith", "e.g. Heat".
    private static let abbreviations: Set<String> = [
        "dr", "mr", "mrs", "ms", "prof", "st", "vs", "no", "fig", "approx", "cf", "e.g", "i.e", "eg", "ie", "inc", "ltd", "jr", "sr",
    ]

    /// The sentences of `text`: a sentence ends at `.`, `!`, `?` or `…` followed by a space and a word
    /// that does not start in lowercase, or at the end of the text. Decimals ("2.5"), "e.g." before a
    /// lowercase word and titles such as "Dr." do not end a sentence.
    static func sentences(in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return sentenceRanges(in: scalars).compactMap { range in
            let sentence = trimmed(String(String.UnicodeScalarView(scalars[range])))
            return sentence.isEmpty ? nil : sentence
        }
    }

    /// The ranges of the sentences of `scalars` (see ``sentences(in:)``), blank ones included.
    private static func sentenceRanges(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        func isTerminal(_ scalar: Unicode.Scalar) -> Bool { scalar == "." || scalar == "!" || scalar == "?" || scalar == "…" }
        func isClosing(_ scalar: Unicode.Scalar) -> Bool {
            isTerminal(scalar) || scalar == "\"" || scalar == "'" || scalar == "”" || scalar == "’" || scalar == ")" || scalar == "]"
                || scalar == "*" || scalar == "_"
        }
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? (scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r") : scalar.properties.isWhitespace
        }
        var ranges: [Range<Int>] = []
        var start = 0
        var index = 0
        let count = scalars.count
        while index < count {
            let scalar = scalars[index]
            guard isTerminal(scalar) else { index += 1; continue }
            // Take the whole run of closing punctuation: "?!", ".”", ".)".
            var end = index + 1
            while end < count, isClosing(scalars[end]) { end += 1 }
            guard end == count || isSpace(scalars[end]) else { index = end; continue }
            var next = end
            while next < count, isSpace(scalars[next]) { next += 1 }
            if next < count, scalars[next].properties.isLowercase { index = end; continue }
            if scalar == ".", isAbbreviation(before: index, in: scalars) { index = end; continue }
            ranges.append(start..<end)
            start = end
            index = end
        }
        if start < count { ranges.append(start..<count) }
        return ranges
    }

    private static func isAbbreviation(before dot: Int, in scalars: [Unicode.Scalar]) -> Bool {
        var start = dot
        while start > 0, scalars[start - 1].properties.isAlphabetic || scalars[start - 1] == "." { start -= 1 }
        guard start < dot else { return false }
        let word = String(String.UnicodeScalarView(scalars[start..<dot])).lowercased()
        if dot - start == 1, scalars[start].properties.isUppercase { return true } // an initial: "J. Smith"
        return abbreviations.contains(word)
    }

    /// The number of sentences in `text` that have at least one letter or digit.
    static func sentenceCount(in text: String) -> Int {
        let scalars = Array(text.unicodeScalars)
        return sentenceRanges(in: scalars).filter { range in
            scalars[range].contains { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        }.count
    }

    /// The folded words of `text`, stop words included (not stemmed).
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        analyzer.forEachWord(in: text) { word, _, _ in words.append(word) }
        return words
    }

    /// `text` without whitespace (spaces, tabs, line ends) at either end.
    static func trimmed(_ text: some StringProtocol) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(text[first...last])
    }

    /// The stems of `text` without stop words.
    static func stems(_ text: String) -> [String] { analyzer.terms(text) }

    /// The stem of one folded word.
    static func stem(_ word: String) -> String { Analyzer.term(for: word) }

    // MARK: - Reading level

    /// Words, sentences and syllables of a piece of prose.
    struct Counts: Equatable {
        var words = 0
        var sentences = 0
        var syllables = 0

        static func += (lhs: inout Counts, rhs: Counts) {
            lhs.words += rhs.words
            lhs.sentences += rhs.sentences
            lhs.syllables += rhs.syllables
        }

        /// Flesch–Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
        var grade: Double {
            guard words > 0, sentences > 0 else { return 0 }
            return 0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59
        }
    }

    /// The counts of one block of prose (a paragraph or a list item), which ends a sentence even without punctuation.
    static func counts(of text: String) -> Counts {
        var counts = Counts()
        analyzer.forEachWord(in: text) { word, _, _ in
            counts.words += 1
            counts.syllables += syllables(in: word)
        }
        if counts.words > 0 { counts.sentences = max(1, sentenceCount(in: text)) }
        return counts
    }

    /// An estimate of the syllables in one folded word: vowel groups, less a silent final "e",
    /// "-es" and "-ed", plus vowel pairs that are said apart ("ri-ot", "vi-de-o", "be-ing").
    static func syllables(in word: String) -> Int {
        if word.utf8.contains(where: { (0x30...0x39).contains($0) }) { return word.utf8.count > 2 ? 2 : 1 }
        // Folded words are lowercase; keep the ASCII letters.
        let letters = word.utf8.filter { (0x61...0x7A).contains($0) }
        let n = letters.count
        guard n > 3 else { return n == 0 ? 0 : 1 }
        func isPlainVowel(_ byte: UInt8) -> Bool {
            byte == 0x61 || byte == 0x65 || byte == 0x69 || byte == 0x6F || byte == 0x75
        }
        var vowel = [Bool](repeating: false, count: n)
        for index in 0..<n {
            // "y" is a vowel after a consonant ("gym", "pregnancy"), not at the start or after a vowel ("yes", "play").
            vowel[index] = isPlainVowel(letters[index]) || (letters[index] == 0x79 && index > 0 && !isPlainVowel(letters[index - 1]))
        }
        var count = 0
        for index in 0..<n where vowel[index] && (index == 0 || !vowel[index - 1]) { count += 1 }
        func consonant(_ index: Int) -> Bool { index >= 0 && index < n && !vowel[index] }
        func ends(with suffix: StaticString) -> Bool {
            let length = suffix.utf8CodeUnitCount
            guard n >= length else { return false }
            return suffix.withUTF8Buffer { bytes in (0..<length).allSatisfy { letters[n - length + $0] == bytes[$0] } }
        }
        func letter(_ index: Int) -> Character { Character(Unicode.Scalar(letters[index])) }
        // Silent endings: "make", "makes", "walked"; but "table", "muscles", "boxes", "wanted" keep theirs.
        if ends(with: "e"), consonant(n - 2), !(ends(with: "le") && consonant(n - 3)) {
            count -= 1
        } else if ends(with: "es"), consonant(n - 3), !"sxzcg".contains(letter(n - 3)), !ends(with: "ches"), !ends(with: "shes"),
                  !(ends(with: "les") && consonant(n - 4)) {
            count -= 1
        } else if ends(with: "ed"), consonant(n - 3), !"td".contains(letter(n - 3)) {
            count -= 1
        }
        // Vowel pairs said as two syllables: "tri-al", "ra-di-o", "vi-de-o", "ac-tu-al", "eas-i-er", "be-ing".
        for index in 0..<(n - 1) {
            let pair = (letter(index), letter(index + 1))
            let before: Character = index > 0 ? letter(index - 1) : " "
            let isIon = index + 2 < n && pair == ("i", "o") && letter(index + 2) == "n"
            switch pair {
            case ("i", "a"): if !"tcsx".contains(before) { count += 1 }
            case ("i", "o"): if !"tcx".contains(before), !isIon { count += 1 }
            case ("u", "a"), ("u", "o"): if before != "q", before != "g" { count += 1 }
            case ("e", "o"): if !(index + 2 < n && letter(index + 2) == "p"), !(index + 2 == n - 1 && letter(index + 2) == "n") { count += 1 }
            case ("i", "i"): count += 1
            default: break
            }
        }
        if ends(with: "ier") || ends(with: "iest") || ends(with: "ism") { count += 1 }
        if ends(with: "ing"), n > 4, vowel[n - 4] || letters[n - 4] == 0x79 { count += 1 }
        return max(1, count)
    }
}

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared byte for byte in UTF-8 (exact case), without
    /// bridging to Foundation's `NSString`, which is slow on Linux.
    func includes(_ needle: some StringProtocol) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { pattern in Self.search(pattern, in: haystack) }
        }
        if let found, let result = found { return result }
        return Self.search(Array(needle.utf8)[...], in: Array(utf8)[...])
    }

    private static func search<H: RandomAccessCollection<UInt8>, N: RandomAccessCollection<UInt8>>(_ pattern: N, in haystack: H) -> Bool
        where H.Index == Int, N.Index == Int {
        guard let first = pattern.first else { return true }
        let count = pattern.count
        guard haystack.count >= count else { return false }
        var start = haystack.startIndex
        let last = haystack.endIndex - count
        while start <= last {
            if haystack[start] == first {
                var offset = 1
                while offset < count, haystack[start + offset] == pattern[pattern.startIndex + offset] { offset += 1 }
                if offset == count { return true }
            }
            start += 1
        }
        return false
    }
}
