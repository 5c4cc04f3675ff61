import Foundation
import RehabSearch

/// Turns words into the form rules are matched in: the search analyser's folded words and stems,
/// with contractions written without an apostrophe ("cant", "dont") restored.
struct PhraseAnalyzer: Sendable {
    let analyzer = Analyzer()

    static let contractions: [String: String] = [
        "cant": "can't", "cannot": "can't", "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "wont": "won't",
        "havent": "haven't", "hasnt": "hasn't", "hadnt": "hadn't", "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't",
        "werent": "weren't", "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't", "babys": "baby",
        // Articles speak to the reader ("if you cannot control your bladder"); rules are written as
        // readers speak ("I can't control my bladder"): one person for both.
        "you": "i", "your": "my", "yourself": "myself", "you're": "i'm", "youre": "i'm", "you've": "i've", "youve": "i've",
        "you'd": "i'd", "yours": "mine",
    ]

    /// A phrase's words, small words included ("peed myself" is not "peed"), or nil for an empty phrase.
    func phrase(_ text: String) -> Phrase? {
        let words = analyzer.allTokens(text).map { Self.normalize($0.word) }
        guard !words.isEmpty else { return nil }
        return Phrase(text: text.trimmingCharacters(in: .whitespaces), words: words, stems: words.map(Analyzer.term(for:)))
    }

    static func normalize(_ word: String) -> String { contractions[word] ?? word }
}

/// The reader's words, analysed for matching: content words with their stems, and for each word
/// whether it is negated, in a resolved past, or only asked about.
struct ReaderText {
    struct Word {
        var word: String
        var stem: String
        var byteRange: Range<Int>
        var isStopWord: Bool
        var sentence: Int
        /// The words just before and after, stop words included, to tell senses apart ("my back" and "come back").
        var previous: String
        var next: String
        /// Within the scope of "no", "not", "without", "don't" and the like.
        var isNegated = false
        /// In a clause about a resolved past or a hypothetical ("had sciatica last year", "what if I get a fever").
        var isPast = false
        /// The clause talks about an oven, a shower or the weather, so "hot" and "temperature" are not a fever.
        var clauseMentionsHouseholdHeat = false
    }

    let text: String
    /// Every word, in order.
    private(set) var words: [Word] = []
    /// Whether the reader gave a stage of pregnancy ("I'm 30 weeks", "at 24 weeks").
    private(set) var mentionsGestation = false
    /// The whole text asks what something is, rather than describing symptoms.
    private(set) var isOnlyAQuestionAboutTerms = false
    /// Indices in `words` of the unit of a written duration of two weeks or more ("for 3 weeks",
    /// "two months now"), not a stage of pregnancy or a baby's age ("30 weeks pregnant").
    private(set) var durations: [Int] = []
    private var gestationIndices = Set<Int>()

    static let numberWords: [String: Int] = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                                             "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "few": 3, "several": 3, "many": 4]
    static let notDurations: Set<String> = ["pregnant", "gone", "along", "postpartum", "pp", "postnatal", "post", "old", "gestation", "pregnancy"]

    private static func durations(in words: [Word], excluding gestation: Set<Int>) -> [Int] {
        var found: [Int] = []
        for index in words.indices.dropFirst() where !gestation.contains(index) {
            let unit = words[index].stem
            guard ["week", "month", "year"].contains(unit) else { continue }
            var before = index - 1
            while before > 0, ["of", "a", "the"].contains(words[before].word) { before -= 1 }
            let amount = Int(words[before].word) ?? numberWords[words[before].word]
            guard let amount, !notDurations.contains(words[index].next), words[before].previous != "at" else { continue }
            if unit == "week", amount < 2 { continue }
            found.append(index)
        }
        return found
    }

    /// Words that start a negation. "Can't", "won't" and "unable" are left out on purpose: they
    /// describe symptoms ("can't feel my legs", "won't stop").
    static let negationCues: Set<String> = [
        "no", "not", "never", "without", "none", "nothing", "nor", "neither", "don't", "doesn't", "didn't", "haven't",
        "hasn't", "hadn't", "isn't", "aren't", "wasn't", "weren't", "deny", "denies", "free",
    ]
    /// After these cues, these words make a symptom ("no feeling", "not moving", "doesn't stop"),
    /// not the absence of one.
    static let symptomAfterCue: [String: Set<String>] = [
        "no": ["feeling", "sensation", "control", "movement", "movements", "kicks", "strength", "power", "warning", "reason", "idea", "better", "relief"],
        "not": ["moving", "kicking", "felt", "feeling", "getting", "improving", "going", "better", "working", "sure", "trying", "dieting",
                "as", "able", "easing", "stopping", "settling", "passing"],
        "without": ["trying", "dieting", "reason", "warning", "meaning", "doing"],
        "don't": ["know"], "didn't": ["help", "work", "stop", "ease"], "doesn't": ["stop", "go", "ease", "help", "settle", "improve", "get", "feel", "seem", "come"],
        "hasn't": ["moved", "kicked", "stopped", "improved", "gone", "eased", "settled", "got", "been"], "haven't": ["felt", "been"],
        "isn't": ["getting", "improving", "going", "easing", "moving"], "never": ["ends", "stops", "goes", "eases"],
    ]
    /// Words that end a negation's reach.
    static let clauseBreakers: Set<String> = ["but", "however", "although", "though", "except", "yet", "whereas", "apart"]
    /// Markers of a finished past or a settled episode. A sentence with one of these and none of
    /// the present markers below does not count: "had sciatica last year, fine now".
    static let pastMarkers: [[String]] = [
        ["last", "year"], ["last", "month"], ["last", "week"], ["last", "summer"], ["last", "winter"], ["last", "spring"], ["last", "autumn"],
        ["last", "christmas"], ["years", "ago"], ["months", "ago"], ["year", "ago"], ["used", "to"], ["in", "the", "past"],
        ["previous", "pregnancy"], ["last", "pregnancy"], ["first", "pregnancy"], ["with", "my", "first"], ["last", "time"],
        ["when", "i", "was", "younger"], ["as", "a", "child"], ["as", "a", "kid"], ["history", "of"], ["years", "back"], ["once", "had"],
        ["fine", "now"], ["better", "now"], ["gone", "now"], ["ok", "now"], ["okay", "now"], ["fine", "since"], ["all", "fine"],
        ["was", "fine"], ["all", "was", "fine"], ["everything", "was", "fine"], ["fully", "recovered"], ["recovered"], ["healed"],
        ["cleared", "it"], ["cleared", "up"], ["resolved"], ["gone", "away"], ["went", "away"], ["easing", "now"],
        ["normally", "now"], ["normal", "now"], ["got", "checked"], ["totally", "fine"], ["went", "fine"], ["all", "went", "fine"],
    ]
    /// Stems of things that are hot or cold without being a fever.
    static let householdHeat: Set<String> = ["oven", "room", "bath", "shower", "water", "weather", "outsid", "fridg", "freezer", "heat",
                                             "thermostat", "radiat", "car", "engin", "kettl", "tea", "coffe", "food", "pool", "sauna"]
    /// Markers that settle the episode told in the clause before.
    static let checkedSince: [[String]] = [["got", "checked"], ["was", "checked"], ["were", "checked"], ["all", "was", "fine"],
                                           ["everything", "was", "fine"], ["been", "fine", "since"], ["fine", "since"], ["all", "fine", "since"]]
    /// Words that mean it is happening now, which override the past markers.
    static let presentMarkers: [[String]] = [
        ["still"], ["again"], ["today"], ["tonight"], ["currently"], ["started"], ["starting"], ["worse"], ["keeps"], ["this", "morning"],
        ["this", "evening"], ["this", "afternoon"], ["this", "week"], ["yesterday"], ["recently"], ["suddenly"], ["it's", "back"],
        ["came", "back"], ["come", "back"], ["returned"], ["right", "now"], ["at", "the", "moment"], ["since", "last"],
        ["keep", "getting"], ["keep", "having"], ["i", "keep"],
    ]
    /// "Now" says it is happening now, except after these words ("fine now", "easing now").
    static let settledBeforeNow: Set<String> = ["fine", "better", "gone", "ok", "okay", "easing", "normally", "normal", "good", "settled", "healed", "great"]
    /// Markers of a hypothetical ("what if I get a fever"), which does not count either unless a present marker is there.
    static let hypotheticalMarkers: [[String]] = [["what", "if"], ["in", "case"], ["what", "happens", "if"], ["in", "the", "future"],
                                                  ["am", "i", "at", "risk"], ["risk", "of"], ["chance", "of"], ["how", "likely"], ["prevent"], ["if", "i", "ever"], ["if", "it", "ever"],
                                                  ["avoid"], ["worry", "if"], ["would", "i"]]
    /// Openings of a question about what something is or means.
    static let termQuestions: [[String]] = [["what", "is"], ["what's"], ["whats"], ["what", "are"], ["what", "does"], ["what", "do"],
                                            ["define"], ["definition"], ["meaning", "of"], ["explain"], ["signs", "of"], ["symptoms", "of"],
                                            ["what", "causes"], ["why", "does"], ["how", "do", "you", "know"], ["how", "to", "tell"],
                                            ["how", "do", "i", "know"], ["how", "can", "i", "tell"], ["tell", "me", "about"],
                                            ["information", "on"], ["information", "about"], ["info", "on"], ["facts", "about"]]
    /// First-person words that show the reader is describing themselves.
    static let firstPerson: Set<String> = ["i", "i'm", "im", "i've", "ive", "my", "me", "myself", "we", "our", "us", "i'd"]

    /// - Parameter readerMode: Whether the text is a reader's message (past and term questions are
    ///   ignored) rather than an article (which describes warning signs on purpose).
    init(_ text: String, analyzer: Analyzer, readerMode: Bool) {
        self.text = text
        let tokens = analyzer.allTokens(String(text.prefix(10_000)))
        let bytes = Array(text.utf8)
        var sentence = 0
        var negationLeft = 0
        var previousEnd = 0
        var clauseWords: [[Int]] = [[]]
        for (index, token) in tokens.enumerated() {
            // Punctuation between this word and the one before breaks sentences and clauses.
            let gap = bytes[min(previousEnd, bytes.count)..<min(token.byteRange.lowerBound, bytes.count)]
            if index > 0, gap.contains(where: { [0x2E, 0x21, 0x3F, 0x0A, 0x3B].contains($0) }) {
                sentence += 1
                clauseWords.append([])
                negationLeft = 0
            } else if gap.contains(where: { [0x2C, 0x3A, 0x28, 0x29].contains($0) }) {
                clauseWords.append([])
                negationLeft = 0
            }
            previousEnd = token.byteRange.upperBound
            let word = PhraseAnalyzer.normalize(token.word)
            if Self.clauseBreakers.contains(word) { clauseWords.append([]) }
            let previousWord = index > 0 ? PhraseAnalyzer.normalize(tokens[index - 1].word) : ""
            let nextWord = index + 1 < tokens.count ? PhraseAnalyzer.normalize(tokens[index + 1].word) : ""
            if Self.clauseBreakers.contains(word) { negationLeft = 0 }
            var startsNegation = false
            if Self.negationCues.contains(word), !(Self.symptomAfterCue[word]?.contains(nextWord) ?? false) {
                startsNegation = true
            }
            words.append(Word(word: word, stem: Analyzer.term(for: word), byteRange: token.byteRange, isStopWord: token.isStopWord,
                              sentence: sentence, previous: previousWord, next: nextWord, isNegated: negationLeft > 0 && !startsNegation))
            clauseWords[clauseWords.count - 1].append(words.count - 1)
            if startsNegation {
                negationLeft = 5
            } else if negationLeft > 0, !token.isStopWord {
                negationLeft -= 1
            }
        }
        // "I'm 30 weeks", "at 24 weeks", "33 weeks and…": a stage of pregnancy.
        for index in words.indices.dropFirst() where ["week", "wk", "wks"].contains(words[index].stem) {
            guard let amount = Int(words[index - 1].word), (4...43).contains(amount) else { continue }
            let before = words[index - 1].previous
            if !Self.durationLead.contains(before), !["ago", "now", "later", "old", "postpartum", "after"].contains(words[index].next) {
                mentionsGestation = true
                gestationIndices.insert(index)
            }
        }
        durations = Self.durations(in: words, excluding: gestationIndices)
        for indices in clauseWords where indices.contains(where: { Self.householdHeat.contains(words[$0].stem) }) {
            for index in indices { words[index].clauseMentionsHouseholdHeat = true }
        }
        guard readerMode else { return }
        // A clause about a finished past or a hypothetical, with nothing saying it is happening now, does not count.
        for indices in clauseWords {
            let clause = indices.map { words[$0].word }
            let saysNow = clause.indices.contains { clause[$0] == "now" && ($0 == 0 || !Self.settledBeforeNow.contains(clause[$0 - 1])) }
            let isPresent = saysNow || Self.presentMarkers.contains { Self.contains($0, in: clause) }
            let namesAPastYear = clause.indices.dropFirst().contains { index in
                guard let year = Int(clause[index]), (1950...2025).contains(year) else { return false }
                return ["in", "since", "back"].contains(clause[index - 1])
            }
            let isPast = namesAPastYear || Self.pastMarkers.contains { marker in
                Self.occurrences(of: marker, in: clause).contains { start in
                    // "since last week" and "in the last week" mean it is still going on.
                    marker.first != "last" || start == 0 || !["since", "the", "over", "for"].contains(clause[start - 1])
                }
            }
            let isHypothetical = Self.hypotheticalMarkers.contains { Self.contains($0, in: clause) }
            if (isPast || isHypothetical) && !isPresent {
                for index in indices { words[index].isPast = true }
            }
        }
        // "Had a bleed at 8 weeks, got checked and all was fine": a past episode that a clinician
        // checked, or that has been fine since, told in the clause before.
        for number in clauseWords.indices.dropFirst() {
            let clause = clauseWords[number].map { words[$0].word }, before = clauseWords[number - 1].map { words[$0].word }
            guard Self.checkedSince.contains(where: { Self.contains($0, in: clause) }),
                  before.contains(where: { ["had", "was", "were"].contains($0) }),
                  !Self.presentMarkers.contains(where: { Self.contains($0, in: before) }) else { continue }
            for index in clauseWords[number - 1] { words[index].isPast = true }
        }
        // "What is cauda equina?" asks about a term; "what is this pain in my leg" describes one.
        let allWords = words.map(\.word)
        isOnlyAQuestionAboutTerms = Self.termQuestions.contains { Self.startsWith($0, allWords) }
            && !allWords.contains(where: Self.firstPerson.contains)
    }

    /// Words that make "N weeks" a duration rather than a stage of pregnancy.
    static let durationLead: Set<String> = ["for", "past", "last", "about", "over", "nearly", "almost", "than", "the", "these", "few",
                                            "couple", "around", "within", "after", "in", "next", "every", "been", "lasted", "lasting",
                                            "already", "taken", "another"]

    private static func occurrences(of run: [String], in words: [String]) -> [Int] {
        guard words.count >= run.count else { return [] }
        return (0...(words.count - run.count)).filter { Array(words[$0..<($0 + run.count)]) == run }
    }

    private static func startsWith(_ prefix: [String], _ words: [String]) -> Bool {
        words.count >= prefix.count && Array(words.prefix(prefix.count)) == prefix
    }

    private static func contains(_ run: [String], in words: [String]) -> Bool {
        guard words.count >= run.count else { return false }
        for start in 0...(words.count - run.count) where Array(words[start..<(start + run.count)]) == run { return true }
        return false
    }
}
