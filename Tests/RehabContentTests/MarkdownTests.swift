import RehabContent
import RehabCore
import Testing

@Suite("Rendering Markdown safely")
struct MarkdownTests {
    @Test func rawHTMLNeverReachesTheReaderAsMarkup() {
        let html = Markdown.html(from: "Hello <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<div onclick=\"x()\">block</div>\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<div"))
        #expect(!html.contains("onclick"))
    }

    @Test func dangerousLinkSchemesAreDropped() {
        let html = Markdown.html(from: "[click](javascript:alert(1)) and [ok](https://www.nhs.uk/)")
        #expect(!html.contains("javascript:"))
        #expect(html.contains("href=\"https://www.nhs.uk/\""))
    }

    @Test func gitHubExtensionsAreOn() {
        let html = Markdown.html(from: "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ and www.nhs.uk\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("href=\"http://www.nhs.uk\""))
    }

    @Test func headingsAreDemotedBelowThePageStructure() {
        let html = Markdown.html(from: "# Big\n\n### Small\n", lowestHeadingLevel: 3)
        #expect(html.contains("<h3>Big</h3>"))
        #expect(html.contains("<h3>Small</h3>"))
        #expect(!html.contains("<h1>"))
    }

    @Test func urlsCanBeRewritten() {
        let html = Markdown.html(from: "[other](other.md#x) ![alt](../images/spine.png)") { url, isImage in
            isImage ? "/images/h/\(url.split(separator: "/").last!)" : "/articles/other#x"
        }
        #expect(html.contains("href=\"/articles/other#x\""))
        #expect(html.contains("src=\"/images/h/spine.png\""))
    }

    @Test func plainTextDropsMarkup() {
        #expect(Markdown.plainText(from: "Some **bold** and `code`.\n\n- one\n- two") == "Some bold and code. one two")
    }

    @Test(arguments: [("  \n\tText with  inner  space \r\n", "Text with  inner  space"), ("\n\n", ""), ("", ""), ("\u{00A0}é\u{2003}", "é")])
    func trimmingRemovesOnlyOuterWhitespace(_ text: String, _ trimmed: String) {
        #expect(text.trimmingWhitespace == trimmed)
    }
}

