import Foundation
import RehabCore
import RehabContent
import RehabSafety
import RehabSearch
import RehabServer
import RehabStarter
import Testing

@Suite("The bundled starter content")
struct StarterContentTests {
    @Test func thereAreAtLeastThirtyArticlesAndTwoHundredQuestions() async throws {
        let bundle = try await StarterContent.load()
        let questions = bundle.articles.flatMap(\.sections).filter { $0.kind == .question }
        #expect(bundle.articles.count >= 30)
        #expect(questions.count >= 200)
        for article in bundle.articles {
            let count = article.sections.filter { $0.kind == .question }.count
            #expect((6...12).contains(count), "\(article.slug) has \(count) questions")
        }
    }

    @Test func everyArticleHasProviderAdviceReferencesAndNoInventedReviewer() async throws {
        let bundle = try await StarterContent.load()
        for article in bundle.articles {
            #expect(article.sections.contains { $0.heading == "When should I see a health care provider?" }, "\(article.slug)")
            #expect(article.references.count >= 2, "\(article.slug)")
            #expect(article.references.allSatisfy { ($0.url ?? "").hasPrefix("https://") && $0.accessed != nil }, "\(article.slug)")
            #expect(article.author == "editorial-team", "\(article.slug)")
            #expect(article.reviewer == nil, "\(article.slug): no real clinical reviewer exists yet")
        }
    }

    @Test func everyArticlesProviderAdviceShowsCareCards() async throws {
        let bundle = try await StarterContent.load()
        let care = CareAdvisor(triage: try Triage.bundled(), region: .uk)
        for article in bundle.articles {
            #expect(!care.cards(for: article).isEmpty, "\(article.slug): its warning signs should match the triage rules")
        }
    }

    @Test(arguments: [
        ("back spasm while pregnant", "rehab-back-muscle-spasm-pregnant"),
        ("sore back while expecting", "rehab-back-muscle-spasm-pregnant"),
        ("leg cramps pregnant at night", "leg-cramps-pregnancy"),
        ("pelvic girdle pain", "pelvic-girdle-pain-pregnancy"),
        ("sciatica pregnancy", "sciatica-pregnancy"),
        ("is it safe to exercise while pregnant", "exercise-in-pregnancy"),
        ("best sleeping position pregnant", "posture-lifting-sleep-pregnancy"),
        ("tens machine in labour", "tens-in-pregnancy"),
        ("back pain after giving birth", "postpartum-back-pain"),
        ("mummy tummy gap", "diastasis-recti"),
        ("numb tingling hands pregnant", "carpal-tunnel-pregnancy"),
        ("sudden low back spasm", "acute-low-back-spasm"),
        ("pulled muscle", "muscle-strain"),
        ("sciatica exercises", "sciatica"),
        ("slipped disc", "herniated-disc"),
        ("facet joint pain", "facet-joint-pain"),
        ("whiplash", "neck-strain"),
        ("sprained ankle", "ankle-sprain"),
        ("pain at the front of my knee", "front-knee-pain"),
        ("exercises after knee replacement", "knee-replacement-rehab"),
        ("hip replacement recovery", "hip-replacement-rehab"),
        ("rotator cuff", "shoulder-impingement-rotator-cuff"),
        ("frozen shoulder", "frozen-shoulder"),
        ("tennis elbow", "tennis-elbow"),
        ("plantar fasciitis", "plantar-heel-pain"),
        ("achilles tendon pain", "achilles-tendon-pain"),
        ("shin splints", "shin-splints"),
        ("muscle cramps", "muscle-cramps"),
        ("heat or ice", "heat-or-ice-muscle-pain"),
        ("foam roller", "foam-rolling"),
        ("arthritis exercise", "osteoarthritis-exercise"),
        ("preventing falls elderly", "falls-prevention"),
    ])
    func searchingATopicFindsItsArticleFirst(query: String, slug: String) async throws {
        let bundle = try await StarterContent.load()
        let index = SearchDocuments.index(for: bundle.articles, visibleOn: .today, synonyms: try SearchResources.synonyms())
        let first = index.search(query, limit: 3).hits.map(\.document.article)
        #expect(first.first == slug, "\(query): \(first)")
    }
}
