// The Snowball English (Porter2) stemmer, written from the algorithm's description.

/// The Snowball English stemmer ("Porter2"), as described at
/// <https://snowballstem.org/algorithms/english/stemmer.html>.
public enum EnglishStemmer {
    /// Returns the Snowball English (Porter2) stem of a word.
    ///
    /// The word must already be lowercased, with diacritics folded to ASCII.
    /// The right single quotation mark `’` (and its cousins `‘` and `‛`) is read
    /// as the apostrophe `'`. A word that still contains any other non-ASCII
    /// character is returned unchanged, and so is a word of one or two letters.
    ///
    ///     EnglishStemmer.stem("consolingly")  // "consol"
    ///     EnglishStemmer.stem("generously")   // "generous"
    ///     EnglishStemmer.stem("skies")        // "sky"
    ///
    /// - Parameter word: One lowercase word, without surrounding punctuation.
    /// - Returns: The stem. Stems are index keys, not necessarily English words.
    public static func stem(_ word: String) -> String {
        // Work on the UTF-8 bytes in a scratch buffer (on the stack for normal
        // word lengths), so the only allocation is the returned String, if any.
        let length = word.utf8.count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer in
            _ = buffer.initialize(from: word.utf8)
            guard var w = Word(buffer) else { return word }
            if w.count < 3 { return w.normalised ? w.string : word }
            if let special = w.exceptionalForm() { return special }

            w.prelude()
            w.markRegions()
            w.step1a()
            if !w.isInvariantAfterStep1a() {
                w.step1b()
                w.step1c()
                w.step2()
                w.step3()
                w.step4()
                w.step5()
            }
            w.postlude()
            return w.string
        }
    }
}

// MARK: - Letters

private let apostrophe = UInt8(ascii: "'")
private let markedY = UInt8(ascii: "Y")

/// The vowels are a e i o u y. A `y` marked as `Y` counts as a consonant.
@inline(__always)
private func isVowel(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"),
         UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "y"):
        return true
    default:
        return false
    }
}

/// The letters whose doubling step 1b undoes: bb dd ff gg mm nn pp rr tt.
@inline(__always)
private func isDoubleable(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "b"), UInt8(ascii: "d"), UInt8(ascii: "f"), UInt8(ascii: "g"),
         UInt8(ascii: "m"), UInt8(ascii: "n"), UInt8(ascii: "p"), UInt8(ascii: "r"),
         UInt8(ascii: "t"):
        return true
    default:
        return false
    }
}

/// The letters that may precede a removable `li` in step 2: c d e g h k m n r t.
@inline(__always)
private func isValidLiEnding(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "g"),
         UInt8(ascii: "h"), UInt8(ascii: "k"), UInt8(ascii: "m"), UInt8(ascii: "n"),
         UInt8(ascii: "r"), UInt8(ascii: "t"):
        return true
    default:
        return false
    }
}

// MARK: - The word being stemmed

/// A word as ASCII bytes in a scratch buffer that lives only for one `stem` call.
/// Only the end of the word changes (bar the prelude) and it never grows past its
/// original length, so the stem is always `bytes[0..<count]`.
private struct Word {
    let bytes: UnsafeMutableBufferPointer<UInt8>
    var count: Int
    /// Whether a `’`-style apostrophe was rewritten to `'`.
    var normalised = false
    /// Whether the prelude marked any `y` as `Y`.
    var hasMarkedY = false
    /// Start of region R1 (the region after the first non-vowel following a vowel).
    var r1 = 0
    /// Start of region R2 (R1 applied again inside R1).
    var r2 = 0

    /// Reads the word's UTF-8 bytes, turning `’`, `‘` and `‛` into `'`.
    /// Fails when any other non-ASCII byte is present.
    init?(_ bytes: UnsafeMutableBufferPointer<UInt8>) {
        self.bytes = bytes
        var read = 0
        var write = 0
        let end = bytes.count
        while read < end {
            let c = bytes[read]
            if c < 0x80 {
                bytes[write] = c
                read += 1
            } else if c == 0xE2, read + 2 < end, bytes[read + 1] == 0x80,
                      bytes[read + 2] == 0x98 || bytes[read + 2] == 0x99 || bytes[read + 2] == 0x9B {
                // U+2018, U+2019, U+201B
                bytes[write] = apostrophe
                read += 3
                normalised = true
            } else {
                return nil
            }
            write += 1
        }
        count = write
    }

    var string: String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<count]), as: UTF8.self)
    }

    // MARK: Matching helpers

    @inline(__always)
    func equals(_ s: StaticString) -> Bool {
        s.utf8CodeUnitCount == count && endsWith(s)
    }

    @inline(__always)
    func endsWith(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard n <= count else { return false }
        let p = s.utf8Start
        let start = count - n
        for i in 0..<n where bytes[start + i] != p[i] {
            return false
        }
        return true
    }

    /// Replaces the last `n` bytes with `s` (never longer than `n`).
    @inline(__always)
    mutating func replaceEnd(_ n: Int, with s: StaticString) {
        let start = count - n
        let p = s.utf8Start
        for i in 0..<s.utf8CodeUnitCount {
            bytes[start + i] = p[i]
        }
        count = start + s.utf8CodeUnitCount
    }

    /// If the word ends with `suffix`, replaces it with `replacement` when the
    /// suffix lies within the region starting at `region`, and returns true
    /// either way: the longest matching suffix decides, even if it is not removed.
    @inline(__always)
    mutating func replace(_ suffix: StaticString, _ replacement: StaticString, from region: Int) -> Bool {
        guard endsWith(suffix) else { return false }
        let n = suffix.utf8CodeUnitCount
        if count - n >= region {
            replaceEnd(n, with: replacement)
        }
        return true
    }

    /// Whether a vowel occurs before position `end`.
    @inline(__always)
    func hasVowel(before end: Int) -> Bool {
        var i = 0
        while i < end {
            if isVowel(bytes[i]) { return true }
            i += 1
        }
        return false
    }

    /// The end of the first vowel/non-vowel pair at or after `start`, or `count`.
    func regionStart(after start: Int) -> Int {
        var i = start
        while i < count, !isVowel(bytes[i]) { i += 1 }
        while i < count, isVowel(bytes[i]) { i += 1 }
        return i < count ? i + 1 : count
    }

    /// Whether the letters ending at `end` form a short syllable: a non-vowel
    /// other than w, x or Y after a vowel after a non-vowel; or a non-vowel after
    /// a vowel that starts the word. The stem `past` also counts (pasted, pasting).
    func endsInShortSyllable(at end: Int) -> Bool {
        guard end >= 2 else { return false }
        let last = bytes[end - 1]
        guard !isVowel(last), isVowel(bytes[end - 2]) else {
            return end >= 4 && bytes[(end - 4)..<end].elementsEqual("past".utf8)
        }
        if end == 2 { return true }
        if !isVowel(bytes[end - 3]) {
            return last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != markedY
        }
        return false
    }

    // MARK: Exceptional forms

    /// Words with a fixed stem, checked before anything else.
    func exceptionalForm() -> String? {
        switch count {
        case 3:
            if equals("sky") { return "sky" }
        case 4:
            if equals("skis") { return "ski" }
            if equals("idly") { return "idl" }
            if equals("ugly") { return "ugli" }
            if equals("only") { return "onli" }
            if equals("news") { return "news" }
            if equals("howe") { return "howe" }
            if equals("bias") { return "bias" }
        case 5:
            if equals("skies") { return "sky" }
            if equals("dying") { return "die" }
            if equals("lying") { return "lie" }
            if equals("tying") { return "tie" }
            if equals("early") { return "earli" }
            if equals("atlas") { return "atlas" }
            if equals("andes") { return "andes" }
        case 6:
            if equals("gently") { return "gentl" }
            if equals("singly") { return "singl" }
            if equals("cosmos") { return "cosmos" }
        default:
            break
        }
        return nil
    }

    /// Words left alone once step 1a has run.
    func isInvariantAfterStep1a() -> Bool {
        switch count {
        case 6:
            return equals("inning") || equals("outing") || equals("exceed")
        case 7:
            return equals("canning") || equals("herring") || equals("earring")
                || equals("evening") || equals("proceed") || equals("succeed")
        default:
            return false
        }
    }

    // MARK: Prelude and regions

    /// Removes a leading apostrophe and marks an initial `y`, or a `y` after a
    /// vowel, as the consonant `Y`.
    mutating func prelude() {
        if bytes[0] == apostrophe {
            for i in 1..<count { bytes[i - 1] = bytes[i] }
            count -= 1
        }
        guard count > 0 else { return }
        if bytes[0] == UInt8(ascii: "y") {
            bytes[0] = markedY
            hasMarkedY = true
        }
        var i = 1
        while i < count {
            if bytes[i] == UInt8(ascii: "y"), isVowel(bytes[i - 1]) {
                bytes[i] = markedY
                hasMarkedY = true
            }
            i += 1
        }
    }

    /// Sets R1 and R2. A few prefixes fix R1 directly (gener-ate, commun-ity, …).
    mutating func markRegions() {
        r1 = regionPrefixLength() ?? regionStart(after: 0)
        r2 = regionStart(after: r1)
    }

    /// The length of a prefix that fixes R1, if the word starts with one.
    func regionPrefixLength() -> Int? {
        guard count >= 4 else { return nil }
        let prefix: StaticString
        switch bytes[0] {
        case UInt8(ascii: "a"): prefix = "arsen"      // arsenic, arsenal
        case UInt8(ascii: "c"): prefix = "commun"     // communism, community
        case UInt8(ascii: "e"): prefix = "emerg"      // emerge, emergency
        case UInt8(ascii: "g"): prefix = "gener"      // general, generous
        case UInt8(ascii: "i"): prefix = "inter"      // internal, interval
        case UInt8(ascii: "l"): prefix = "later"      // lateral
        case UInt8(ascii: "o"): prefix = "organ"      // organic, organize
        case UInt8(ascii: "p"): prefix = "past"       // paste, pasture
        case UInt8(ascii: "u"): prefix = "univers"    // universal, university
        default: return nil
        }
        return startsWith(prefix) ? prefix.utf8CodeUnitCount : nil
    }

    @inline(__always)
    func startsWith(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard n <= count else { return false }
        let p = s.utf8Start
        for i in 0..<n where bytes[i] != p[i] {
            return false
        }
        return true
    }

    // MARK: Steps

    /// Step 0 (apostrophe endings 's' 's ') and step 1a (plurals).
    mutating func step1a() {
        if endsWith("'s'") {
            count -= 3
        } else if endsWith("'s") {
            count -= 2
        } else if endsWith("'") {
            count -= 1
        }

        if endsWith("sses") {
            count -= 2                                  // sses → ss
        } else if endsWith("ied") || endsWith("ies") {
            // → i after two or more letters, otherwise → ie (ties → tie, cries → cri)
            replaceEnd(3, with: count > 4 ? "i" : "ie")
        } else if endsWith("us") || endsWith("ss") {
            // unchanged
        } else if endsWith("s") {
            // drop s if a vowel occurs before the letter preceding it (gaps → gap, gas → gas)
            if hasVowel(before: count - 2) {
                count -= 1
            }
        }
    }

    /// Step 1b: -eed, -ed, -ing and their -ly forms.
    mutating func step1b() {
        let n: Int
        if endsWith("eedly") {
            if count - 5 >= r1 { replaceEnd(5, with: "ee") }
            return
        } else if endsWith("ingly") {
            n = 5
        } else if endsWith("edly") {
            n = 4
        } else if endsWith("eed") {
            if count - 3 >= r1 { replaceEnd(3, with: "ee") }
            return
        } else if endsWith("ing") {
            // A consonant, y, ing: the y was an ie (hying → hie, vying → vie)
            if count == 5, bytes[1] == UInt8(ascii: "y"), !isVowel(bytes[0]) {
                replaceEnd(4, with: "ie")
                return
            }
            n = 3
        } else if endsWith("ed") {
            n = 2
        } else {
            return
        }
        guard hasVowel(before: count - n) else { return }
        count -= n

        if endsWith("at") || endsWith("bl") || endsWith("iz") {
            append(UInt8(ascii: "e"))                   // luxuriat → luxuriate
        } else if count >= 2, bytes[count - 1] == bytes[count - 2], isDoubleable(bytes[count - 1]) {
            // hopp → hop, but add, egg, err, odd keep their double letter
            let first = bytes[0]
            let keepsDouble = count == 3
                && (first == UInt8(ascii: "a") || first == UInt8(ascii: "e") || first == UInt8(ascii: "o"))
            if !keepsDouble { count -= 1 }
        } else if count == r1, endsInShortSyllable(at: count) {
            append(UInt8(ascii: "e"))                   // hop → hope
        }
    }

    @inline(__always)
    mutating func append(_ c: UInt8) {
        bytes[count] = c
        count += 1
    }

    /// Step 1c: a final y or Y after a non-vowel that is not the first letter becomes i.
    mutating func step1c() {
        guard count >= 3 else { return }
        let last = bytes[count - 1]
        if last == UInt8(ascii: "y") || last == markedY, !isVowel(bytes[count - 2]) {
            bytes[count - 1] = UInt8(ascii: "i")
        }
    }

    // Steps 2–4 group their suffixes by last letter and try each group longest
    // first. The first suffix that matches decides, even when it lies outside
    // the region and so is left in place.

    /// Step 2: derivational suffixes in R1 map to shorter ones.
    mutating func step2() {
        guard count > 0 else { return }
        switch bytes[count - 1] {
        case UInt8(ascii: "l"):
            _ = replace("ational", "ate", from: r1)
                || replace("tional", "tion", from: r1)
        case UInt8(ascii: "n"):
            _ = replace("ization", "ize", from: r1)
                || replace("ation", "ate", from: r1)
        case UInt8(ascii: "r"):
            _ = replace("izer", "ize", from: r1)
                || replace("ator", "ate", from: r1)
        case UInt8(ascii: "m"):
            _ = replace("alism", "al", from: r1)
        case UInt8(ascii: "s"):
            _ = replace("fulness", "ful", from: r1)
                || replace("ousness", "ous", from: r1)
                || replace("iveness", "ive", from: r1)
        case UInt8(ascii: "t"):
            _ = replace("ogist", "og", from: r1)
        case UInt8(ascii: "i"):
            if replace("biliti", "ble", from: r1)
                || replace("lessli", "less", from: r1)
                || replace("aliti", "al", from: r1)
                || replace("iviti", "ive", from: r1)
                || replace("fulli", "ful", from: r1)
                || replace("ousli", "ous", from: r1)
                || replace("entli", "ent", from: r1)
                || replace("abli", "able", from: r1)
                || replace("alli", "al", from: r1)
                || replace("enci", "ence", from: r1)
                || replace("anci", "ance", from: r1)
                || replace("bli", "ble", from: r1) {
                return
            }
            if endsWith("ogi") {
                // logi → log
                if count - 3 >= r1, count >= 4, bytes[count - 4] == UInt8(ascii: "l") {
                    replaceEnd(3, with: "og")
                }
            } else if endsWith("li") {
                // li is dropped after c d e g h k m n r t
                if count - 2 >= r1, count >= 3, isValidLiEnding(bytes[count - 3]) {
                    count -= 2
                }
            }
        default:
            break
        }
    }

    /// Step 3: more derivational suffixes in R1 (-ative only in R2).
    mutating func step3() {
        guard count > 0 else { return }
        switch bytes[count - 1] {
        case UInt8(ascii: "l"):
            _ = replace("ational", "ate", from: r1)
                || replace("tional", "tion", from: r1)
                || replace("ical", "ic", from: r1)
                || replace("ful", "", from: r1)
        case UInt8(ascii: "e"):
            _ = replace("alize", "al", from: r1)
                || replace("icate", "ic", from: r1)
                || replace("ative", "", from: r2)
        case UInt8(ascii: "i"):
            _ = replace("iciti", "ic", from: r1)
        case UInt8(ascii: "s"):
            _ = replace("ness", "", from: r1)
        default:
            break
        }
    }

    /// Step 4: suffixes deleted when in R2.
    mutating func step4() {
        guard count > 0 else { return }
        switch bytes[count - 1] {
        case UInt8(ascii: "l"):
            _ = replace("al", "", from: r2)
        case UInt8(ascii: "e"):
            _ = replace("ance", "", from: r2)
                || replace("ence", "", from: r2)
                || replace("able", "", from: r2)
                || replace("ible", "", from: r2)
                || replace("ate", "", from: r2)
                || replace("ive", "", from: r2)
                || replace("ize", "", from: r2)
        case UInt8(ascii: "r"):
            _ = replace("er", "", from: r2)
        case UInt8(ascii: "c"):
            _ = replace("ic", "", from: r2)
        case UInt8(ascii: "t"):
            _ = replace("ement", "", from: r2)
                || replace("ment", "", from: r2)
                || replace("ant", "", from: r2)
                || replace("ent", "", from: r2)
        case UInt8(ascii: "m"):
            _ = replace("ism", "", from: r2)
        case UInt8(ascii: "i"):
            _ = replace("iti", "", from: r2)
        case UInt8(ascii: "s"):
            _ = replace("ous", "", from: r2)
        case UInt8(ascii: "n"):
            // ion goes only after s or t
            if endsWith("ion"), count - 3 >= r2, count >= 4,
               bytes[count - 4] == UInt8(ascii: "s") || bytes[count - 4] == UInt8(ascii: "t") {
                count -= 3
            }
        default:
            break
        }
    }

    /// Step 5: a final e in R2, or in R1 when not after a short syllable; ll → l in R2.
    mutating func step5() {
        guard count > 0 else { return }
        switch bytes[count - 1] {
        case UInt8(ascii: "e"):
            let at = count - 1
            if at >= r2 || (at >= r1 && !endsInShortSyllable(at: at)) {
                count -= 1
            }
        case UInt8(ascii: "l"):
            if count - 1 >= r2, count >= 2, bytes[count - 2] == UInt8(ascii: "l") {
                count -= 1
            }
        default:
            break
        }
    }

    /// Postlude: turns the marked `Y` back into `y`.
    mutating func postlude() {
        guard hasMarkedY else { return }
        for i in 0..<count where bytes[i] == markedY {
            bytes[i] = UInt8(ascii: "y")
        }
    }
}
