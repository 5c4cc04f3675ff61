import Foundation
import RehabContent
import RehabCore
import Testing

@Suite("Parsing article files")
struct ArticleParserTests {
    private func parse(_ text: String, path: String = "articles/test.md") throws -> Article {
        try ContentParser.article(from: Array(text.utf8), path: path)
    }

    private func issues(_ text: String) -> [ContentIssue] {
        issues(bytes: Array(text.utf8))
    }

    private func issues(bytes: [UInt8]) -> [ContentIssue] {
        do {
            _ = try ContentParser.article(from: bytes, path: "articles/bad.md")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func frontMatterAndQuestionsAreRead() throws {
        let article = try parse("""
            ---
            title: How to rehab a back muscle spasm while pregnant
            slug: rehab-back-muscle-spasm-pregnant
            author: editorial-team
            published: 2024-11-20
            updated: 2025-11-20
            topics: [Back, Pregnancy]
            index: Back muscle spasm in pregnancy
            audience: [pregnancy]
            summary: Keep moving gently.
            aliases: [old-back-spasm]
            references:
              - title: Back pain in pregnancy
                publisher: NHS
                url: https://www.nhs.uk/pregnancy/
                accessed: 2025-11-01
            unknown_key: ignored
            ---
            Introduction.

            ## How can I ease a back spasm at home?
            Warmth helps.

            More answer.

            ## Key points
            Short list.

            ## When should I call my health care provider?
            If you bleed.
            """)
        #expect(article.slug == "rehab-back-muscle-spasm-pregnant")
        #expect(article.published == CalendarDate("2024-11-20"))
        #expect(article.updated == CalendarDate("2025-11-20"))
        #expect(article.topics == ["Back", "Pregnancy"])
        #expect(article.audience == ["pregnancy"])
        #expect(article.aliases == ["old-back-spasm"])
        #expect(article.indexTerm == "Back muscle spasm in pregnancy")
        #expect(article.references == [Reference(title: "Back pain in pregnancy", publisher: "NHS", url: "https://www.nhs.uk/pregnancy/", accessed: CalendarDate("2025-11-01"))])
        #expect(article.intro == "Introduction.")
        #expect(article.sections.map(\.kind) == [.question, .section, .question])
        #expect(article.questions.map(\.anchor) == ["how-can-i-ease-a-back-spasm-at-home", "when-should-i-call-my-health-care-provider"])
        #expect(article.sections[0].body == "Warmth helps.\n\nMore answer.")
        #expect(article.sections[1].heading == "Key points")
    }

    @Test func slugIsDerivedFromTheTitleWhenAbsent() throws {
        let article = try parse("---\ntitle: Heat or ice — what's best?\nauthor: a\npublished: 2025-01-01\nsummary: S.\n---\n")
        #expect(article.slug == "heat-or-ice-what-s-best")
        #expect(article.sections.isEmpty)
    }

    @Test func repeatedQuestionsGetNumberedAnchors() throws {
        let article = try parse("---\ntitle: T\nauthor: a\npublished: 2025-01-01\nsummary: S.\n---\n## Is it safe?\nA\n## Is it safe?\nB\n## Is it safe?\nC\n")
        #expect(article.questions.map(\.anchor) == ["is-it-safe", "is-it-safe-2", "is-it-safe-3"])
    }

    @Test func headingsInsideCodeFencesAndQuotesAreAnswerText() throws {
        let article = try parse("""
            ---
            title: T
            author: a
            published: 2025-01-01
            summary: S.
            ---
            ## Real question?
            ```
            ## not a question?
            ```
            > ## quoted?
            """)
        #expect(article.questions.count == 1)
        #expect(article.questions[0].body.contains("## not a question?"))
        #expect(article.questions[0].body.contains("> ## quoted?"))
    }

    @Test func setextAndInlineMarkupHeadingsAreQuestions() throws {
        let article = try parse("---\ntitle: T\nauthor: a\npublished: 2025-01-01\nsummary: S.\n---\nWhat is *TENS*?\n---------------\nA machine.\n")
        #expect(article.questions.map(\.heading) == ["What is TENS?"])
        #expect(article.questions[0].body == "A machine.")
    }

    @Test func byteOrderMarkAndWindowsLineEndsAreAccepted() throws {
        let text = "---\r\ntitle: T\r\nauthor: a\r\npublished: 2025-01-01\r\nsummary: S.\r\n---\r\n## Q?\r\nA\r\n"
        let article = try ContentParser.article(from: [0xEF, 0xBB, 0xBF] + Array(text.utf8), path: "a.md")
        #expect(article.title == "T")
        #expect(article.questions.map(\.body) == ["A"])
    }

    /// Each bad file gives one problem, on the line that causes it, with a message naming the key.
    @Test(arguments: [
        ("no front matter", "# Title\n", 1, "no front matter"),
        ("front matter not closed", "---\ntitle: T\n", 1, "not closed"),
        ("missing title", "---\nauthor: a\npublished: 2025-01-01\nsummary: S.\n---\n", 1, "'title'"),
        ("missing summary", "---\ntitle: T\nauthor: a\npublished: 2025-01-01\n---\n", 1, "'summary'"),
        ("missing author", "---\ntitle: T\npublished: 2025-01-01\nsummary: S.\n---\n", 1, "'author'"),
        ("missing published", "---\ntitle: T\nauthor: a\nsummary: S.\n---\n", 1, "'published'"),
        ("impossible month", "---\ntitle: T\nauthor: a\npublished: 2025-13-45\nsummary: S.\n---\n", 4, "'published' is not a valid date"),
        ("impossible day", "---\ntitle: T\nauthor: a\npublished: 2025-01-01\nupdated: 2025-02-30\nsummary: S.\n---\n", 5, "'updated' is not a valid date"),
        ("date with time", "---\ntitle: T\nauthor: a\npublished: 2025-01-01T10:00\nsummary: S.\n---\n", 4, "YYYY-MM-DD"),
        ("invalid YAML", "---\ntitle: T\nauthor: [a\npublished: 2025-01-01\n---\n", 4, "not valid YAML"),
        ("bad slug", "---\ntitle: T\nslug: Back Pain!\nauthor: a\npublished: 2025-01-01\nsummary: S.\n---\n", 3, "'slug' must be"),
        ("topics as a mapping", "---\ntitle: T\nauthor: a\npublished: 2025-01-01\nsummary: S.\ntopics: {a: b}\n---\n", 6, "'topics' must be a list"),
        ("draft not a flag", "---\ntitle: T\nauthor: a\npublished: 2025-01-01\nsummary: S.\ndraft: maybe\n---\n", 6, "'draft' must be true or false"),
        ("reference without a web address", "---\ntitle: T\nauthor: a\npublished: 2025-01-01\nsummary: S.\nreferences:\n  - title: X\n    url: javascript:alert(1)\n---\n", 8, "http or https"),
        ("front matter is a list", "---\n- a\n- b\n---\n", 2, "key: value"),
        ("duplicated key", "---\ntitle: T\ntitle: U\nauthor: a\npublished: 2025-01-01\nsummary: S.\n---\n", 3, "repeats the key 'title'"),
    ])
    func badFileIsRejectedWithItsLine(name: String, text: String, line: Int, message: String) {
        let found = issues(text)
        #expect(found.count >= 1, "\(name)")
        #expect(found.first?.line == line, "\(name): \(found)")
        #expect(found.first?.message.contains(message) == true, "\(name): \(found)")
        #expect(found.first?.description.hasPrefix("articles/bad.md:\(line): ") == true)
    }

    @Test func anAuthorIsAPersonUnlessTheFileSaysOrganization() throws {
        func author(_ text: String) throws(ContentValidationError) -> Author {
            try ContentParser.author(from: Array(text.utf8), path: "authors/a.md", fileSlug: "a")
        }
        #expect(try author("---\nname: Jo Bloggs\n---\n").kind == .person)
        #expect(try author("---\nname: The Team\nkind: organization\n---\n").kind == .organization)
        #expect(try author("---\nname: The Team\nkind: Organization\n---\n").kind == .organization)
        #expect(try author("---\nname: Jo Bloggs\nkind: person\n---\n").kind == .person)
        #expect { try author("---\nname: The Team\nkind: team\n---\n") } throws: { error in
            let issue = (error as? ContentValidationError)?.issues.first
            return issue?.line == 3 && issue?.message.contains("'person' or 'organization'") == true
        }
    }

    @Test func invalidUTF8IsReportedOnItsLine() {
        let bytes = Array("---\ntitle: T\n".utf8) + [0xC3, 0x28] + Array("\n---\n".utf8)
        let found = issues(bytes: bytes)
        #expect(found.map(\.line) == [3])
        #expect(found.first?.message.contains("not valid UTF-8") == true)
    }

    @Test func fileOverFiveMegabytesIsRejected() {
        let bytes = Array("---\ntitle: T\n---\n".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 5 * 1024 * 1024)
        let found = issues(bytes: bytes)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("the limit is 5 MB") == true)
    }

    @Test func everyProblemInAFileIsReported() {
        let found = issues("---\ntitle: T\nauthor: a\npublished: 2025-99-01\nupdated: nope\n---\n")
        #expect(found.map(\.line) == [1, 4, 5])
    }

    @Test(arguments: [
        ("How to rehab a back muscle spasm while pregnant", "Rehab a back muscle spasm while pregnant"),
        ("What is sciatica?", "Sciatica"),
        ("Can I exercise with a sprained ankle?", "Exercise with a sprained ankle"),
        ("How do I stop leg cramps at night?", "Stop leg cramps at night"),
        ("Ankle sprain", "Ankle sprain"),
        ("3 stretches for a stiff neck", "3 stretches for a stiff neck"),
    ])
    func indexTermDropsLeadingQuestionWords(title: String, term: String) {
        #expect(IndexTerm.derive(fromTitle: title) == term)
    }

    @Test(arguments: [("Back pain", "b"), ("éclair", "e"), ("3 tips", "0-9"), ("“Quoted”", "0-9"), ("Zebra", "z")])
    func indexBucketsFoldCaseAndDiacritics(term: String, bucket: String) {
        #expect(IndexTerm.bucket(of: term) == bucket)
    }

    @Test(arguments: ["2025-13-01", "2025-00-10", "2025-02-29", "2024-02-30", "25-01-01", "2025-1-01", "2025-01-01 ", "２０２５-01-01"])
    func calendarDatesAreStrict(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func leapDayIsAValidDate() {
        #expect(CalendarDate("2024-02-29")?.description == "2024-02-29")
    }
}
