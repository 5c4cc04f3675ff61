import RehabContent
import Foundation
import RehabCore

/// Checks of a whole article: provider advice, sources and review dates.
enum ArticleRules {
    /// `missing-provider-advice`: a health article (one whose title, summary, topics or headings use a
    /// health word) with no heading on when to get care ("When should I see a health care provider?",
    /// "When to call 999", "Warning signs"). Reported at the front matter's first line.
    static func providerAdvice(_ document: LintDocument) -> [LintFinding] {
        let headings = document.headingBlocks.map { document.blocks[$0].text }
        let words = ([document.title, document.summary] + document.topics + headings).joined(separator: " ")
        guard !Set(LintText.stems(words)).isDisjoint(with: LintVocabulary.healthStems) else { return [] }
        let allHeadings = document.blocks.compactMap { $0.headingLevel != nil ? $0.text : nil }
        guard !allHeadings.contains(where: QuestionShape.isProviderQuestion) else { return [] }
        return [LintFinding(
            file: document.path, line: 1, rule: .missingProviderAdvice, severity: .error,
            message: "the article never says when to see a health care provider: add a question such as \"When should I see a health care provider?\" that names the symptoms that need a GP, midwife or physiotherapist and those that need urgent help"
        )]
    }

    /// `missing-references`: no source in the front matter's `references:` and no "References"
    /// section in the body. Reported at the `references:` key if it is there but empty, else at line 1.
    static func references(_ document: LintDocument) -> [LintFinding] {
        guard document.frontMatterReferenceCount == 0, CitationRule.bodyReferenceCount(in: document) == 0 else { return [] }
        return [LintFinding(
            file: document.path, line: document.frontMatter.line(of: "references") ?? 1, rule: .missingReferences, severity: .error,
            message: "the article lists no sources: add the public sources its advice comes from under 'references:' in the front matter, each with title, publisher, url and accessed date"
        )]
    }

    /// `stale`: not updated or reviewed (nor published) for longer than `staleAfterMonths`, or past
    /// the next review date (`reviewed` plus the review interval). One warning per article, at the
    /// line of the date it is about.
    static func staleness(_ document: LintDocument, configuration: LintConfiguration) -> [LintFinding] {
        let today = configuration.today
        let reviewed = document.article?.reviewed ?? document.frontMatter.date("reviewed")
        if let reviewed {
            let due = reviewed.adding(months: configuration.reviewIntervalMonths)
            if due < today {
                return [LintFinding(
                    file: document.path, line: document.frontMatter.line(of: "reviewed") ?? 1, rule: .stale, severity: .warning,
                    message: "the next review was due on \(due) (\(months(configuration.reviewIntervalMonths)) after 'reviewed: \(reviewed)'): check the article against its sources, then set 'reviewed:' to the day you did"
                )]
            }
        }
        let dated: [(key: String, date: CalendarDate)] = [
            ("updated", document.article?.updated ?? document.frontMatter.date("updated")),
            ("reviewed", reviewed),
            ("published", document.article?.published ?? document.frontMatter.date("published")),
        ].compactMap { entry in entry.1.map { (entry.0, $0) } }
        guard let latest = dated.max(by: { $0.date < $1.date }) else { return [] }
        guard latest.date.adding(months: configuration.staleAfterMonths) < today else { return [] }
        let what = latest.key == "published" ? "published on \(latest.date) and never updated or reviewed" : "last \(latest.key) on \(latest.date)"
        return [LintFinding(
            file: document.path, line: document.frontMatter.line(of: latest.key) ?? 1, rule: .stale, severity: .warning,
            message: "the article was \(what), over \(months(configuration.staleAfterMonths)) ago: check it against its sources, then set 'reviewed:' (or 'updated:') to the day you did"
        )]
    }

    private static func months(_ count: Int) -> String { count == 1 ? "1 month" : "\(count) months" }

    /// `reading-level`: an answer of 30 words or more whose Flesch–Kincaid grade is above the target.
    /// Each paragraph and list item ends a sentence; headings, tables and code are left out.
    static func readingLevel(_ document: LintDocument, maximumGrade: Double) -> [LintFinding] {
        var findings: [LintFinding] = []
        for question in document.questions {
            var counts = LintText.Counts()
            for unit in document.units where question.answerBlocks.contains(unit.firstBlock) {
                counts += LintText.counts(of: unit.text)
            }
            guard counts.words >= 30 else { continue }
            let grade = counts.grade
            guard grade > maximumGrade else { continue }
            let shown = (grade * 10).rounded() / 10
            let perSentence = Int((Double(counts.words) / Double(counts.sentences)).rounded())
            findings.append(LintFinding(
                file: document.path, line: question.line, rule: .readingLevel, severity: .warning,
                message: "the answer to \"\(question.heading)\" reads at grade \(shown) (Flesch–Kincaid; aim for \(Int(maximumGrade)) or below): use shorter sentences (now \(perSentence) words on average) and everyday words"
            ))
        }
        return findings
    }
}
