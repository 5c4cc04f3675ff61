import RehabContent
import RehabCore
import RehabStarter
import RehabTestSupport
import Testing

@Suite("Writing content back as files")
struct ExportTests {
    @Test func exportedArticleParsesBackToTheSameArticle() async throws {
        var article = Article.stub(title: "What's \"safe\": heat, ice — or both?", aliases: ["old-slug"], questions: [
            ("Is it *safe*?", "Yes.\n\n```\n## not a heading?\n```"),
            ("Key points", "- one\n- two"),
            ("Is it *safe*?", "Still yes."),
        ])
        article.reviewer = "a-reviewer"
        article.reviewed = CalendarDate("2025-06-01")
        article.updated = CalendarDate("2025-07-01")
        article.draft = true
        article.audience = ["pregnancy", "postpartum"]
        article.index = "Heat: or ice"
        article.sections[0].headingSource = "Is it *safe*?"
        article.sections[0].heading = "Is it safe?"
        article.sections[2].headingSource = "Is it *safe*?"
        article.sections[2].heading = "Is it safe?"
        let text = try ContentExporter.articleFile(for: article)
        let parsed = try ContentParser.article(from: Array(text.utf8), path: "x.md")
        #expect(parsed == article)
    }

    @Test func everyStarterArticleSurvivesExportAndParse() async throws {
        for article in try await StarterContent.load().articles {
            let text = try ContentExporter.articleFile(for: article)
            #expect(try ContentParser.article(from: Array(text.utf8), path: "x.md") == article, "\(article.slug)")
        }
    }

    @Test func authorAndTopicFilesRoundTrip() async throws {
        let author = Author(slug: "jo", name: "Jo: a name", credentials: "PT", url: "https://example.org/jo", bio: "Bio *here*.")
        let authorText = try ContentExporter.authorFile(for: author)
        #expect(try ContentParser.author(from: Array(authorText.utf8), path: "authors/jo.md", fileSlug: "jo") == author)
        let team = Author(slug: "team", name: "The Team", kind: .organization)
        let teamText = try ContentExporter.authorFile(for: team)
        #expect(teamText.contains("kind: organization"))
        #expect(try ContentParser.author(from: Array(teamText.utf8), path: "authors/team.md", fileSlug: "team") == team)
        let topic = TopicDescription(slug: "cramps-and-spasms", name: "Cramps and spasms", description: "About cramps.")
        let topicText = try ContentExporter.topicFile(for: topic)
        #expect(try ContentParser.topic(from: Array(topicText.utf8), path: "topics/cramps-and-spasms.md", fileSlug: "cramps-and-spasms") == topic)
    }

    @Test func theExportSummaryCountsInPlainEnglish() {
        #expect(ContentBundle.stub().countsLine == "1 article, 1 author, 1 topic and 0 images")
        #expect(ContentBundle.stub([.stub(slug: "a"), .stub(slug: "b")]).countsLine == "2 articles, 1 author, 1 topic and 0 images")
    }
}
