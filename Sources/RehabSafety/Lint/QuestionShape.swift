import Foundation

/// What a question asks for, read from its first words.
enum QuestionKind: Equatable {
    /// "What causes…?", "Why…?"
    case cause
    /// "How long…?", "When will it get better?"
    case duration
    /// "How often…?"
    case frequency
    /// "When should I see a doctor?"
    case provider
    /// "Is it safe to…?"
    case safety
    /// "Can I…?", "Should I…?", "Does…?"
    case yesNo
    /// "Who is…?"
    case person
    /// "What are the symptoms of…?"
    case symptoms
    /// "How can I ease…?", "What helps…?", "How do I treat…?"
    case treatment
    /// "What is…?", "How do I…?", anything else.
    case other
}

/// Reading question headings: are they questions, what do they ask, are two of them the same.
enum QuestionShape {
    /// Whether the heading ends in a question mark (ASCII or full-width).
    static func endsWithQuestionMark(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.hasSuffix("?") || trimmed.hasSuffix("？")
    }

    /// The heading without a leading number or label: "Q1. What…?", "3) How…?", "Question 2: Can…?".
    static func withoutNumbering(_ text: String) -> String {
        let characters = Array(text.trimmingCharacters(in: .whitespaces))
        var index = 0
        var labelled = false
        for label in ["question", "faq", "q"] {
            let candidate = characters.prefix(label.count).map { Character($0.lowercased()) }
            if String(candidate) == label, characters.count > label.count, !characters[label.count].isLetter {
                index = label.count
                labelled = true
                break
            }
        }
        while index < characters.count, characters[index] == " " { index += 1 }
        if index < characters.count, characters[index] == "#" { index += 1 }
        var digits = 0
        while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1; digits += 1 }
        var separated = false
        if index < characters.count, ":.)-–".contains(characters[index]) { index += 1; separated = true }
        guard labelled || digits > 0, separated || digits > 0, index < characters.count, characters[index] == " " else {
            return String(characters)
        }
        return String(characters[index...]).trimmingCharacters(in: .whitespaces)
    }

    /// Whether the heading is worded as a question: it opens with a question word ("What…", "How…",
    /// but not "How to…") or with a verb that opens a yes/no question ("Can I…", "Is it…").
    static func readsAsQuestion(_ text: String) -> Bool {
        let words = LintText.words(withoutNumbering(text))
        guard words.count >= 2, let first = words.first else { return false }
        if LintVocabulary.whWords.contains(first) { return words[1] != "to" }
        if LintVocabulary.auxiliaries.contains(first) {
            let second = words[1]
            return words.count >= 3 && !["and", "or", "of", "for", "to", "with", "not"].contains(second)
                && !second.utf8.contains(where: { (0x30...0x39).contains($0) })
        }
        return false
    }

    /// What the question asks for.
    static func kind(of numbered: String) -> QuestionKind {
        let heading = withoutNumbering(numbered)
        let text = " " + LintText.words(heading).joined(separator: " ") + " "
        let first = LintText.words(heading).first ?? ""
        if isProviderQuestion(heading) { return .provider }
        if text.hasPrefix(" how long ") || text.hasPrefix(" how soon ") || text.hasPrefix(" how quickly ")
            || (text.hasPrefix(" when will ") && [" better ", " heal ", " go away ", " stop ", " recover ", " ease ", " improve ", " back to "].contains(where: text.includes)) {
            return .duration
        }
        if text.hasPrefix(" how often ") || text.hasPrefix(" how many times ") { return .frequency }
        let causeOpenings = [" why ", " what causes ", " what caused ", " what can cause ", " what could cause ", " what is causing ",
                             " what are the causes ", " what is the cause ", " what makes ", " what triggers ", " what leads to ",
                             " how did i get ", " how do you get ", " how do people get "]
        if causeOpenings.contains(where: text.hasPrefix) || text.includes(" and why ") { return .cause }
        if first == "who" { return .person }
        if [" symptom", " symptoms ", " signs of ", " sign of ", " what does it feel like ", " feel like "].contains(where: text.includes) {
            return .symptoms
        }
        let treatmentWords = [" treat ", " treated ", " treatment ", " treatments ", " ease ", " relieve ", " get rid of ", " manage ",
                              " what can i do ", " what helps ", " what should i do ", " remedies ", " remedy ", " soothe "]
        if LintVocabulary.whWords.contains(first), treatmentWords.contains(where: text.includes) { return .treatment }
        if LintVocabulary.auxiliaries.contains(first) {
            if [" safe ", " safely ", " dangerous ", " harm ", " harmful ", " ok to ", " okay to ", " risky "].contains(where: text.includes) {
                return .safety
            }
            return .yesNo
        }
        return .other
    }

    /// Whether the heading asks when to get care: "When should I see a health care provider?",
    /// "When to call 999", "Warning signs".
    static func isProviderQuestion(_ heading: String) -> Bool {
        let words = LintText.words(heading)
        let text = " " + words.joined(separator: " ") + " "
        let lowered = heading.lowercased()
        let phrases = [" warning sign", " red flag", " when to get help ", " when to seek ", " get medical help ", " seek medical ",
                       " urgent help ", " when to worry ", " when should i worry ", " should i be worried ", " is it serious ",
                       " when is it serious ", " get help ", " emergency "]
        if phrases.contains(where: text.includes) || lowered.includes("a&e") { return true }
        let careNouns = [" doctor", " gp ", " gps ", " provider", " health care ", " healthcare ", " midwife ", " midwives ", " physio ",
                         " physiotherapist", " physical therapist", " nurse ", " pharmacist", " clinician", " specialist", " medical ",
                         " professional", " 999 ", " 911 ", " 111 ", " hospital ", " urgent care ", " obstetrician", " ob gyn ",
                         " maternity unit "]
        guard careNouns.contains(where: text.includes) else { return false }
        let verbs = [" see ", " call ", " contact ", " talk ", " speak ", " visit ", " get ", " seek ", " go to ", " ring ", " phone ",
                     " consult ", " need ", " tell ", " ask "]
        return verbs.contains(where: text.includes) || words.first == "when"
    }

    /// Whether the heading is an author byline rather than a reader's question: "Who is Dr Jane Roe?",
    /// "About the author", "Medically reviewed by…".
    static func isByline(_ numbered: String) -> Bool {
        let heading = withoutNumbering(numbered)
        let lower = heading.lowercased().trimmingCharacters(in: .whitespaces)
        let openings = ["about the author", "about the reviewer", "about the writer", "about our ", "meet the ", "meet our ", "meet dr",
                        "written by", "reviewed by", "medically reviewed", "fact checked", "fact-checked", "author bio", "who wrote",
                        "who reviewed", "about dr", "about the expert", "our expert", "the author", "author:", "reviewer:"]
        if openings.contains(where: lower.hasPrefix) { return true }
        let words = heading.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.first?.lowercased() == "about", words.count >= 2, words.count <= 6 {
            // "About Jane Roe, MSc": a name with credentials or a title.
            let rest = words.dropFirst().map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.:;()")) }.filter { !$0.isEmpty }
            let credentials: Set<String> = ["msc", "bsc", "pt", "dpt", "md", "phd", "rn", "mcsp", "frcp", "mbbs", "do", "np", "pa", "ma", "ba"]
            let named = rest.allSatisfy { $0.first?.isUppercase == true }
            let credited = heading.contains(",") || rest.contains { credentials.contains($0.lowercased()) || LintVocabulary.personTitles.contains($0.lowercased()) }
            if named && credited { return true }
        }
        guard words.count >= 3 else { return false }
        let opening = words[0].lowercased()
        let rest: [String]
        if opening == "who's" || opening == "who’s" {
            rest = Array(words.dropFirst())
        } else if opening == "who", ["is", "are", "was"].contains(words[1].lowercased()) {
            rest = Array(words.dropFirst(2))
        } else {
            return false
        }
        let cleaned = rest.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "?？.,:;!\"'“”()")) }.filter { !$0.isEmpty }
        guard let firstRest = cleaned.first else { return false }
        if LintVocabulary.personTitles.contains(firstRest.lowercased()) { return true }
        let restLower = " " + cleaned.joined(separator: " ").lowercased() + " "
        if [" author ", " writer ", " reviewer ", " our expert", " your expert", " this article", " behind this ", " wrote this "].contains(where: restLower.includes) {
            return true
        }
        // A name: one to four capitalised words with no ordinary lowercase words ("Jane Roe", "Sam Lee, PT").
        let ordinary: Set<String> = ["at", "risk", "of", "most", "more", "less", "likely", "affected", "best", "suitable", "eligible",
                                     "prone", "susceptible", "vulnerable", "in", "on", "for", "to", "with", "the", "a", "an", "not",
                                     "able", "allowed", "likelier", "responsible", "right", "wrong", "qualified", "needed"]
        guard cleaned.count <= 4, !cleaned.contains(where: { ordinary.contains($0.lowercased()) }) else { return false }
        return cleaned.allSatisfy { word in word.first?.isUppercase == true }
    }

    /// What two questions are compared by: the kind of opening and the stems of the rest, so that
    /// "How long does a spasm last?" and "How long do spasms usually last?" compare equal.
    static func comparisonKey(_ numbered: String) -> QuestionKey {
        let heading = withoutNumbering(numbered)
        let words = LintText.words(heading)
        let opening: String
        switch words.first {
        case let first? where first == "what" || first == "which": opening = "what"
        case let first? where LintVocabulary.whWords.contains(first): opening = first
        case let first? where LintVocabulary.auxiliaries.contains(first): opening = "yes-no"
        default: opening = ""
        }
        let stems = Set(LintText.stems(heading)).subtracting(LintVocabulary.questionFillerStems)
        return QuestionKey(opening: opening, stems: stems)
    }
}

/// The opening and the content stems of a question.
struct QuestionKey: Hashable {
    var opening: String
    var stems: Set<String>

    /// Jaccard similarity of the stems, 0 when the openings differ.
    func similarity(to other: QuestionKey) -> Double {
        guard opening == other.opening, !stems.isEmpty || !other.stems.isEmpty else { return 0 }
        let shared = stems.intersection(other.stems).count
        return Double(shared) / Double(stems.union(other.stems).count)
    }
}
