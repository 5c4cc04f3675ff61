import Foundation

/// One analysed word: its index term (the stem) and where it stood.
public struct Token: Sendable, Hashable {
    /// The stemmed, folded term that is indexed and matched.
    public var term: String
    /// The folded word before stemming (for typo correction and prefix completion).
    public var word: String
    /// The word's position among the words of the text, stop words included.
    public var position: Int
    /// The word's range in the UTF-8 bytes of the text that was analysed.
    public var byteRange: Range<Int>
    /// Whether the word is a stop word (kept in the stream for phrases such as "with child").
    public var isStopWord: Bool
}

/// Turns text into search terms: NFKC normalisation, case and diacritic folding, word
/// segmentation, possessives dropped, numbers kept, stop words removed (never negations), and the
/// Snowball English stemmer.
public struct Analyzer: Sendable {
    /// Words too common to help, as folded words. Negations (no, not, without, never, nor) are kept
    /// on purpose: "no fever" must not match "fever" as strongly as "fever".
    public static let stopWords: Set<String> = [
        "a", "about", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could",
        "did", "do", "does", "doing", "for", "from", "had", "has", "have", "having", "he", "her", "here",
        "hers", "him", "his", "how", "i", "i'm", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "my",
        "myself", "of", "on", "or", "our", "ours", "she", "should", "so", "some", "such", "than", "that",
        "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "to", "too",
        "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
        "will", "with", "would", "you", "your", "yours", "yourself", "im", "ive", "id", "get", "got",
        "any", "all", "also", "what's", "whats", "really", "please", "thing", "things", "tips", "tip", "advice", "way", "ways",
    ]

    /// Words that readers add to almost any question ("what helps?"): searched, but weighted low.
    public static let weakWords: Set<String> = ["help", "helps", "helped", "helping"]

    public init() {}

    /// Every word of `text` as a token, stop words included but marked.
    public func allTokens(_ text: String) -> [Token] {
        var result: [Token] = []
        forEachWord(in: text) { word, position, range in
            result.append(Token(term: Self.term(for: word), word: word, position: position, byteRange: range,
                                isStopWord: Self.stopWords.contains(word)))
        }
        return result
    }

    /// The tokens of `text`, stop words removed.
    public func tokens(_ text: String) -> [Token] { allTokens(text).filter { !$0.isStopWord } }

    /// The terms of `text` without positions, stop words removed.
    public func terms(_ text: String) -> [String] { tokens(text).map(\.term) }

    /// The index term of one folded word.
    public static func term(for word: String) -> String {
        // Numbers and words with digits are kept as they are ("37", "3rd").
        if word.utf8.contains(where: { (0x30...0x39).contains($0) }) { return word }
        return EnglishStemmer.stem(word)
    }

    /// Calls `body` with each folded word of `text`, its position, and its byte range in `text`.
    ///
    /// A word is a run of letters and digits; an apostrophe between letters stays inside it
    /// ("don't"), and a possessive `'s` is dropped ("woman's" → "woman").
    public func forEachWord(in text: String, _ body: (_ word: String, _ position: Int, _ byteRange: Range<Int>) -> Void) {
        var text = text
        text.withUTF8 { utf8 in
            var position = 0
            var index = 0
            let count = utf8.count
            while index < count {
                // Skip to the start of a word.
                let startLength = Self.wordScalarLength(utf8, at: index)
                guard startLength > 0 else {
                    index += Self.scalarLength(utf8[index])
                    continue
                }
                let start = index
                var isASCII = utf8[index] < 0x80
                index += startLength
                while index < count {
                    let byte = utf8[index]
                    if byte < 0x80, Self.isASCIIWordByte(byte) {
                        index += 1
                        continue
                    }
                    let length = Self.wordScalarLength(utf8, at: index)
                    if length > 0 {
                        isASCII = false
                        index += length
                    } else if let next = Self.apostropheLength(utf8, at: index),
                              index + next < count, Self.wordScalarLength(utf8, at: index + next) > 0 {
                        if next > 1 { isASCII = false }
                        index += next
                    } else {
                        break
                    }
                }
                var word: String
                if isASCII {
                    // ASCII: lowercase the bytes directly, and drop a possessive 's.
                    var end = index
                    if end - start > 2, utf8[end - 2] == 0x27, utf8[end - 1] | 0x20 == UInt8(ascii: "s") { end -= 2 }
                    word = String(unsafeUninitializedCapacity: end - start) { buffer in
                        for offset in 0..<(end - start) {
                            let byte = utf8[start + offset]
                            buffer[offset] = byte &- 0x41 < 26 ? byte | 0x20 : byte
                        }
                        return end - start
                    }
                } else {
                    word = Self.fold(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<index]), as: UTF8.self))
                    if word.hasSuffix("'s") { word.removeLast(2) }
                }
                if !word.isEmpty {
                    body(word, position, start..<index)
                    position += 1
                }
            }
        }
    }

    /// Lowercase, NFKC and without diacritics; curly apostrophes become straight ones.
    static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        let normalized = word.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return normalized.replacingOccurrences(of: "\u{2019}", with: "'")
    }

    // MARK: - UTF-8 scanning

    /// Whether an ASCII byte is a letter or digit.
    @inline(__always)
    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26
    }

    /// The length of the scalar at `index` if it is a letter or digit, else 0.
    @inline(__always)
    private static func wordScalarLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return isASCIIWordByte(byte) ? 1 : 0 }
        let length = scalarLength(byte)
        guard index + length <= bytes.count,
              let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]), as: UTF8.self).unicodeScalars.first
        else { return 0 }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil ? length : 0
    }

    /// The length of an apostrophe (' or ’) at `index`.
    private static func apostropheLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        if bytes[index] == 0x27 { return 1 }
        if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 { return 3 }
        return nil
    }

    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: 1
        case 0xC0..<0xE0: 2
        case 0xE0..<0xF0: 3
        case 0xF0...: 4
        default: 1
        }
    }
}
