import RehabSearch
/// A question of the corpus: its document and its place in that document.
struct QuestionReference: Hashable {
    var document: Int
    var question: Int
}

/// `duplicate-answer`: the same or nearly the same answer under different questions, anywhere in the corpus.
///
/// Each answer becomes a set of 5-word shingles of its stems (stop words kept, so word order
/// matters). Two answers are duplicates when the Jaccard similarity of their shingle sets reaches the
/// configured threshold, or when nearly all of the shorter one (80%) is inside the longer one (a copy
/// that was cut short). Candidates come from an inverted index of shingles, so the check stays fast
/// over thousands of files. Answers of fewer than 10 words, and pairs whose questions are the same
/// question (that is `duplicate-question`), are left alone. Both places are reported.
enum DuplicateAnswerRule {
    static let shingleSize = 5
    static let minimumWords = 10
    /// Shingles shared by more answers than this are boilerplate and do not make candidates.
    static let commonShingleLimit = 200

    static func check(_ documents: [LintDocument], threshold: Double) -> [LintFinding] {
        var references: [QuestionReference] = []
        var shingleSets: [Set<Int>] = []
        for (documentIndex, document) in documents.enumerated() {
            for (questionIndex, question) in document.questions.enumerated() {
                let stems = question.answerTokens.map(\.term)
                guard stems.count >= minimumWords else { continue }
                references.append(QuestionReference(document: documentIndex, question: questionIndex))
                shingleSets.append(shingles(of: stems))
            }
        }
        var postings: [Int: [Int32]] = [:]
        var findings: [LintFinding] = []
        for (index, shingles) in shingleSets.enumerated() {
            var shared: [Int32: Int] = [:]
            for shingle in shingles {
                guard let list = postings[shingle] else { continue }
                if list.count > commonShingleLimit { continue }
                for other in list { shared[other, default: 0] += 1 }
            }
            for (other, count) in shared.sorted(by: { $0.key < $1.key }) {
                let otherSet = shingleSets[Int(other)]
                let smaller = min(shingles.count, otherSet.count)
                // The index may skip common shingles, so it only shortlists; the sets decide.
                guard count * 5 >= smaller * 2 else { continue }
                let exact = shingles.intersection(otherSet).count
                let jaccard = Double(exact) / Double(shingles.count + otherSet.count - exact)
                let containment = Double(exact) / Double(max(smaller, 1))
                guard jaccard >= threshold || (containment >= 0.8 && smaller >= 8) else { continue }
                let first = references[Int(other)]
                let second = references[index]
                let firstQuestion = documents[first.document].questions[first.question]
                let secondQuestion = documents[second.document].questions[second.question]
                if firstQuestion.key.similarity(to: secondQuestion.key) >= 0.8 {
                    continue
                }
                let likeness = jaccard >= 0.95 ? "the same as" : "nearly the same as (\(Int(max(jaccard, containment) * 100))% alike)"
                func finding(at place: QuestionReference, question: LintQuestion, other: QuestionReference, otherQuestion: LintQuestion) -> LintFinding {
                    let document = documents[place.document]
                    let otherDocument = documents[other.document]
                    let where_ = otherDocument.path == document.path ? "line \(otherQuestion.line)" : "\(otherDocument.path):\(otherQuestion.line)"
                    return LintFinding(
                        file: document.path, line: question.line, rule: .duplicateAnswer, severity: .error,
                        message: "the answer to \"\(question.heading)\" is \(likeness) the answer to \"\(otherQuestion.heading)\" (\(where_)): write an answer that fits this question, or merge the two questions"
                    )
                }
                findings.append(finding(at: second, question: secondQuestion, other: first, otherQuestion: firstQuestion))
                findings.append(finding(at: first, question: firstQuestion, other: second, otherQuestion: secondQuestion))
            }
            for shingle in shingles { postings[shingle, default: []].append(Int32(index)) }
        }
        return findings
    }

    /// Hashes of every run of ``shingleSize`` stems (the whole text when it is shorter).
    static func shingles(of stems: [String]) -> Set<Int> {
        guard stems.count > shingleSize else {
            var hasher = Hasher()
            for stem in stems { hasher.combine(stem) }
            return [hasher.finalize()]
        }
        var result = Set<Int>()
        result.reserveCapacity(stems.count)
        for start in 0...(stems.count - shingleSize) {
            var hasher = Hasher()
            for stem in stems[start..<(start + shingleSize)] { hasher.combine(stem) }
            result.insert(hasher.finalize())
        }
        return result
    }
}

/// `duplicate-question`: the same question twice in one article (error), or near-identical questions
/// in different articles (warning).
///
/// Questions are compared by their opening ("what", "how", "yes-no"…) and the set of their stems
/// without stop words and fillers such as "usually": the same opening and a Jaccard similarity of at
/// least 0.8. Within an article the repeat is reported; across articles both places are, once each.
/// Questions on when to see a health care provider belong in every article and are not compared across articles.
enum DuplicateQuestionRule {
    static let similarity = 0.8

    static func check(_ documents: [LintDocument]) -> [LintFinding] {
        var findings: [LintFinding] = []
        var keys: [[QuestionKey]] = []
        for document in documents {
            let documentKeys = document.questions.map(\.key)
            keys.append(documentKeys)
            for later in documentKeys.indices {
                guard !documentKeys[later].stems.isEmpty else { continue }
                for earlier in 0..<later where documentKeys[earlier].similarity(to: documentKeys[later]) >= similarity {
                    let question = document.questions[later]
                    let first = document.questions[earlier]
                    let same = first.heading.lowercased() == question.heading.lowercased() ? "is asked again" : "asks the same as \"\(first.heading)\""
                    findings.append(LintFinding(
                        file: document.path, line: question.line, rule: .duplicateQuestion, severity: .error,
                        message: "\"\(question.heading)\" \(same) (line \(first.line)): merge the two into one question and answer"
                    ))
                    break
                }
            }
        }
        // Across articles: candidates share their full stem set or the set less one stem.
        var groups: [String: [QuestionReference]] = [:]
        for (documentIndex, document) in documents.enumerated() {
            for (questionIndex, question) in document.questions.enumerated() {
                let key = keys[documentIndex][questionIndex]
                guard key.stems.count >= 2, question.kind != .provider else { continue }
                let reference = QuestionReference(document: documentIndex, question: questionIndex)
                for variant in variants(of: key) { groups[variant, default: []].append(reference) }
            }
        }
        var reported = Set<QuestionReference>()
        for (documentIndex, document) in documents.enumerated() {
            for (questionIndex, question) in document.questions.enumerated() {
                let reference = QuestionReference(document: documentIndex, question: questionIndex)
                let key = keys[documentIndex][questionIndex]
                guard key.stems.count >= 2, !reported.contains(reference), question.kind != .provider else { continue }
                var match: QuestionReference?
                search: for variant in variants(of: key) {
                    for other in (groups[variant] ?? []).prefix(64) where other.document != documentIndex
                        && documents[other.document].path != document.path
                        && keys[other.document][other.question].similarity(to: key) >= similarity {
                        match = other
                        break search
                    }
                }
                guard let match else { continue }
                let other = documents[match.document].questions[match.question]
                let otherPath = documents[match.document].path
                findings.append(LintFinding(
                    file: document.path, line: question.line, rule: .duplicateQuestion, severity: .warning,
                    message: "\"\(question.heading)\" is nearly the same question as \"\(other.heading)\" in \(otherPath):\(other.line): keep one answer and link to it, or make the questions distinct"
                ))
                reported.insert(reference)
                if !reported.contains(match) {
                    findings.append(LintFinding(
                        file: otherPath, line: other.line, rule: .duplicateQuestion, severity: .warning,
                        message: "\"\(other.heading)\" is nearly the same question as \"\(question.heading)\" in \(document.path):\(question.line): keep one answer and link to it, or make the questions distinct"
                    ))
                    reported.insert(match)
                }
            }
        }
        return findings
    }

    /// The key itself and, for four stems or more, the key less each one of its stems.
    private static func variants(of key: QuestionKey) -> [String] {
        let sorted = key.stems.sorted()
        var result = [key.opening + "|" + sorted.joined(separator: " ")]
        if sorted.count >= 4 {
            for skipped in sorted.indices {
                var rest = sorted
                rest.remove(at: skipped)
                result.append(key.opening + "|" + rest.joined(separator: " "))
            }
        }
        return result
    }
}
