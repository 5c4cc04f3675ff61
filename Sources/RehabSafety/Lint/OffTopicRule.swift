import Foundation
import RehabContent
import RehabSearch

/// `off-topic-answer`: an answer that does not address its question.
///
/// - A heading that is an author byline ("Who is Dr Jane Roe?", "About the author"), or byline or
///   biography text left in an answer.
/// - By the kind of question: "what causes/why" answered with treatments and no causes; "how long"
///   with no length of time; "how often" with no frequency; "when should I see…" naming no one to
///   see or call; "is it safe…" or "can I…" with no word that takes a stance.
/// - By content: the question's own subject words (its stems less those of the title, the topics,
///   words most of the article's questions share, and generic question words) never appear in the
///   answer, neither as the same stem, a stem with the same start, a synonym, nor a word of the same
///   subject (such as "needles" for acupuncture); or the question names a subject (acupuncture,
///   heat, medicines…) that the answer never mentions.
///
/// Answers of fewer than 12 words ("Yes.") are only checked for bylines.
enum OffTopicRule {
    static let minimumWords = 12

    static func check(_ document: LintDocument, synonyms: SynonymTable) -> [LintFinding] {
        var findings: [LintFinding] = []
        func report(_ line: Int, _ message: String) {
            findings.append(LintFinding(file: document.path, line: line, rule: .offTopicAnswer, severity: .error, message: message))
        }
        let context = contextStems(of: document)
        for question in document.questions {
            if QuestionShape.isByline(question.heading) {
                report(question.line, "\"\(question.heading)\" is an author byline, not a reader's question: put the author's details in authors/<slug>.md, name the author in the front matter, and remove this heading")
                continue
            }
            if let problem = bylineText(in: question, document: document) {
                report(problem.line, "the answer to \"\(question.heading)\" \(problem.message): remove it (the author and reviewer belong in the front matter)")
                continue
            }
            if let problem = problem(with: question, context: context, synonyms: synonyms) {
                report(question.line, "the answer to \"\(question.heading)\" \(problem)")
            }
        }
        for unit in document.units where isBylineText(unit.text) && !document.questions.contains(where: { $0.answerBlocks.contains(unit.firstBlock) }) {
            report(unit.startLine, "byline text (\"\(unit.text.prefix(60))\") is left in the article: remove it (the author and reviewer belong in the front matter)")
        }
        for (position, index) in document.headingBlocks.enumerated() where !document.questions.contains(where: { $0.headingBlock == index }) {
            let heading = document.blocks[index].text
            // The section's own text, up to the next heading of any level.
            let end = position + 1 < document.headingBlocks.count ? document.headingBlocks[position + 1] : document.blocks.count
            let body = document.units.filter { $0.firstBlock > index && $0.firstBlock < end }.map(\.text).joined(separator: " ").lowercased()
            if QuestionShape.isByline(heading) || LintVocabulary.biographyPhrases.filter(body.includes).count >= 2 {
                report(document.blocks[index].startLine, "the section \"\(heading)\" is an author byline or biography left in the article: put the author's details in authors/<slug>.md and remove the section")
            }
        }
        return findings
    }

    /// Stems that say what the whole article is about: the title, and stems that at least 40% of its
    /// questions share (with three questions or more). Topics are broad ("Exercise") and not included.
    static func contextStems(of document: LintDocument) -> Set<String> {
        var stems = Set(LintText.stems(document.title))
        if document.questions.count >= 3 {
            var counts: [String: Int] = [:]
            for question in document.questions {
                for stem in Set(LintText.stems(question.heading)) { counts[stem, default: 0] += 1 }
            }
            let needed = max(2, Int((Double(document.questions.count) * 0.4).rounded(.up)))
            stems.formUnion(counts.filter { $0.value >= needed }.keys)
        }
        return stems
    }

    /// Byline ("Medically reviewed by…") or biography text in an answer.
    private static func bylineText(in question: LintQuestion, document: LintDocument) -> (line: Int, message: String)? {
        for unit in document.units where question.answerBlocks.contains(unit.firstBlock) && isBylineText(unit.text) {
            return (unit.startLine, "holds byline text (\"\(unit.text.prefix(60))\")")
        }
        let answer = question.answer.lowercased()
        // Cheap test first: biographies speak of experience, degrees, specialties or a person.
        guard [" she ", " he ", "experience", "graduat", "degree", "speciali", "certified", "founder"].contains(where: answer.includes) else { return nil }
        let phrases = LintVocabulary.biographyPhrases.filter(answer.includes)
        if phrases.count >= 2, question.kind != .person {
            return (question.line, "reads like an author's biography (\"\(phrases[0])\", \"\(phrases[1])\")")
        }
        return nil
    }

    /// Whether a paragraph is a byline: "Medically reviewed by…", "Written by…", "Last updated…".
    static func isBylineText(_ text: String) -> Bool {
        guard text.utf8.count < 400 else { return false }
        let lowered = LintText.trimmed(text.lowercased())
        return text.count < 200 && LintVocabulary.bylinePrefixes.contains(where: lowered.hasPrefix)
    }

    /// How much an answer explains causes, and how much it gives treatment advice.
    ///
    /// Causes: 2 for each causal word ("because", "caused", "risk"), 1 for each word that usually
    /// names a cause ("hormones", "posture", "strain"). Treatment: 2 for each sentence or list item
    /// that opens with an instruction ("Try…", "Apply…", "Ask…"), 1 for each word of relief ("ease",
    /// "relieve") or of a treatment ("massage", "compress", "painkillers"). Words such as "rest" or
    /// "walking" describe situations as often as treatments and count only as instructions.
    static func causeAndTreatmentScores(question: LintQuestion, tokens: [Token]) -> (cause: Int, treatment: Int) {
        var cause = 0
        var treatment = 0
        for token in tokens {
            if LintVocabulary.causeMarkers.contains(token.term) { cause += 2 }
            else if LintVocabulary.causeSubjects.contains(token.term) { cause += 1 }
            if LintVocabulary.reliefWords.contains(token.term) || LintVocabulary.treatmentNouns.contains(token.term) { treatment += 1 }
        }
        for line in question.answer.split(separator: "\n") {
            for sentence in LintText.sentences(in: String(line)) {
                if let first = LintText.words(sentence).first, LintVocabulary.instructionVerbs.contains(first) { treatment += 2 }
            }
        }
        return (cause, treatment)
    }

    /// Why the answer misses its question, or `nil`.
    static func problem(with question: LintQuestion, context: Set<String>, synonyms: SynonymTable) -> String? {
        let tokens = question.answerTokens
        guard tokens.count >= minimumWords else { return nil }
        let answerStems = Set(tokens.map(\.term))
        let answerFamilies = Set(synonyms.matches(in: tokens).map(\.family))
        let hasNumber = tokens.contains { $0.word.utf8.contains(where: { (0x30...0x39).contains($0) }) }
        let kind = question.kind
        switch kind {
        case .cause:
            let (cause, treatment) = causeAndTreatmentScores(question: question, tokens: tokens)
            if treatment >= 3, treatment >= 3 * cause {
                return "is about treatment, but the question asks what causes it: say what causes it, and move the treatment advice under a question about treatment"
            }
        case .duration:
            if !hasNumber, answerStems.isDisjoint(with: LintVocabulary.durationWords) {
                return "gives no length of time, but the question asks how long: say how long (for example, \"a few days to two weeks\")"
            }
        case .frequency:
            if !hasNumber, answerStems.isDisjoint(with: LintVocabulary.frequencyWords) {
                return "does not say how often, but the question asks: give a frequency (for example, \"2 or 3 times a day\")"
            }
        case .provider:
            // Naming whom to see, or saying when ("if you have a fever…"), answers the question.
            let saysWhen = tokens.contains { ["if", "when", "unless", "until"].contains($0.word) }
            if !saysWhen, answerStems.isDisjoint(with: LintVocabulary.careWords), !question.answer.lowercased().includes("a&e") {
                return "names no one to see or call and no sign to look out for: say which symptoms need a GP, midwife or physiotherapist, and which need urgent help"
            }
            return nil
        case .safety:
            if answerStems.isDisjoint(with: LintVocabulary.safetyWords) {
                return "does not say whether it is safe: start with a clear yes, no or \"it depends\", then say why"
            }
        case .yesNo:
            if answerStems.isDisjoint(with: LintVocabulary.stanceWords) {
                return "does not answer yes or no: start with a clear yes, no or \"it depends\", then say why"
            }
        case .symptoms:
            let symptom = tokens.filter { LintVocabulary.symptomWords.contains($0.term) }.count
            let treatment = causeAndTreatmentScores(question: question, tokens: tokens).treatment
            if treatment >= 3, treatment >= 3 * symptom {
                return "is about treatment, but the question asks about symptoms: say what it feels like and what signs to look for"
            }
        case .treatment:
            let (cause, treatment) = causeAndTreatmentScores(question: question, tokens: tokens)
            if cause >= 6, treatment <= 1 {
                return "explains causes, but the question asks what to do about it: say what helps, step by step"
            }
        case .person:
            return nil
        case .other:
            break
        }
        // Only a subject the question names must appear when the answer may well use other words:
        // a "why" answer explains ("stiff" → "locked", "tight"), a "how long" answer gives a time, and
        // a short, direct "Yes, …" or "No, …" answers in its own words.
        let isDirectAnswer = (kind == .yesNo || kind == .safety) && tokens.count < 30 && ["yes", "no"].contains(tokens.first?.word ?? "")
        return subjectProblem(onlySubjects: kind == .cause || kind == .duration || kind == .frequency || isDirectAnswer, question: question, context: context, answerStems: answerStems, answerFamilies: answerFamilies, synonyms: synonyms)
    }

    /// The question's own subject missing from the answer.
    private static func subjectProblem(onlySubjects: Bool, question: LintQuestion, context: Set<String>, answerStems: Set<String>,
                                       answerFamilies: Set<Int>, synonyms: SynonymTable) -> String? {
        let questionTokens = LintText.analyzer.allTokens(question.heading)
        let questionStems = Set(questionTokens.filter { !$0.isStopWord }.map(\.term))
        let answerSubjects = LintVocabulary.subjects.filter { !$0.stems.isDisjoint(with: answerStems) }
        let questionSubjects = LintVocabulary.subjects.filter { !$0.stems.isDisjoint(with: questionStems) }
        // A question about a named subject that the answer names is on topic; other words may differ.
        if !questionSubjects.isEmpty, questionSubjects.contains(where: { subject in answerSubjects.contains { $0.name == subject.name } }) {
            return nil
        }
        func drift() -> String {
            // The subject the answer is most about, if the question does not name it.
            let counted = LintVocabulary.subjects.filter { subject in !questionSubjects.contains { $0.name == subject.name } }
                .map { subject in (subject.name, subject.stems.intersection(answerStems).count) }
                .filter { $0.1 >= 2 }
                .max { $0.1 < $1.1 }
            return counted.map { "; it is about \($0.0) instead" } ?? ""
        }
        let advice = ": answer the question, or move this text under a question it fits"
        if !questionSubjects.isEmpty, !questionSubjects.contains(where: { subject in answerSubjects.contains { $0.name == subject.name } }) {
            let names = questionSubjects.map(\.name).joined(separator: " or ")
            return "never mentions \(names), which the question asks about\(drift())\(advice)"
        }
        if onlySubjects { return nil }
        // Every word of a multi-word synonym ("pain relief") belongs to its family.
        var questionFamilies: [Int: Int] = [:]
        for match in synonyms.matches(in: questionTokens) {
            for position in match.position..<(match.position + max(match.length, 1)) where questionFamilies[position] == nil {
                questionFamilies[position] = match.family
            }
        }
        var focus: [(word: String, stem: String, family: Int?)] = []
        var seen = Set<String>()
        for token in questionTokens where !token.isStopWord {
            let stem = token.term
            guard !context.contains(stem), !LintVocabulary.genericQuestionStems.contains(stem),
                  !LintVocabulary.functionWordStems.contains(stem), stem.count > 2,
                  !token.word.utf8.contains(where: { (0x30...0x39).contains($0) }),
                  !context.contains(where: { sharesStart(stem, $0) || ($0.count >= 4 && stem.hasPrefix($0)) }),
                  seen.insert(stem).inserted else { continue }
            focus.append((token.word, stem, questionFamilies[token.position]))
        }
        guard !focus.isEmpty else { return nil }
        for item in focus {
            if answerStems.contains(item.stem) { return nil }
            if answerStems.contains(where: { sharesStart(item.stem, $0) }) { return nil }
            var related: Set<String> = [item.stem]
            if let family = item.family {
                if answerFamilies.contains(family) { return nil }
                related.formUnion(synonyms.members[family].flatMap { LintText.stems($0) })
            }
            // A word of a subject ("needles" for acupuncture, "paracetamol" for painkillers) counts.
            if LintVocabulary.subjects.contains(where: { !$0.stems.isDisjoint(with: related) && !$0.stems.isDisjoint(with: answerStems) }) {
                return nil
            }
        }
        let words = focus.map { "\"\($0.word)\"" }.joined(separator: ", ")
        return "never mentions \(words), which the question asks about\(drift())\(advice)"
    }

    /// Whether two stems share their first five letters or more (all but the last two of the shorter),
    /// as "pregnant" and "pregnanc" do.
    static func sharesStart(_ first: String, _ second: String) -> Bool {
        let shorter = min(first.utf8.count, second.utf8.count)
        guard shorter >= 5 else { return false }
        let shared = zip(first.utf8, second.utf8).prefix { $0 == $1 }.count
        return shared >= max(5, shorter - 2)
    }
}
