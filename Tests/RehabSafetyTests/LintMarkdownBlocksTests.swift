import RehabContent
import Testing

/// The block outline of RehabContent that the linter reads Markdown through.
@Suite("Markdown blocks for the linter")
struct LintMarkdownBlocksTests {
    @Test func blocksKeepTheirLinesListsLinksAndSuperscripts() throws {
        let markdown = """
            ## Can I use heat?
            Yes, see [the NHS](https://www.nhs.uk/)
            and [heat or ice](heat-or-ice.md).<sup>2</sup>

            - Walk a little.
              Then rest.
            - Sleep on your side.
              - with a pillow

            ![A warm pack on a lower back](../images/warm.png)

            ```
            ## not a heading?
            ```

            | Do | Don't |
            | --- | --- |
            | Walk | Lie still |
            """
        let blocks = Markdown.blocks(in: markdown)
        #expect(blocks.map(\.kind) == [.heading(level: 2), .paragraph, .paragraph, .paragraph, .paragraph, .paragraph, .codeBlock, .table])
        #expect(blocks.map(\.startLine) == [1, 2, 5, 7, 8, 10, 12, 16])
        #expect(blocks[1].text == "Yes, see the NHS and heat or ice.")
        #expect(blocks[1].superscripts == ["2"])
        #expect(blocks[1].links.map(\.line) == [2, 3])
        #expect(blocks[1].links.map(\.destination) == ["https://www.nhs.uk/", "heat-or-ice.md"])
        let item = try #require(blocks[2].listItem)
        #expect(item.index == 0 && item.count == 2 && item.depth == 1)
        #expect(blocks[2].endLine == 6)
        #expect(blocks[4].listItem?.depth == 2)
        #expect(blocks[5].links.first?.isImage == true)
        #expect(blocks[5].links.first?.text == "A warm pack on a lower back")
        #expect(blocks[5].text.isEmpty)
        #expect(blocks[7].text.contains("Lie still"))
    }

    @Test func contentFilesAreThoseImportReads() throws {
        #expect(ContentLoader.kind(ofPath: "/c/articles/a.md") == .article)
        #expect(ContentLoader.kind(ofPath: "/c/authors/jo.md") == .author)
        #expect(ContentLoader.kind(ofPath: "/c/topics/back.md") == .topic)
        #expect(ContentLoader.kind(ofPath: "/c/images/knee/brace.png") == .image(name: "knee/brace.png"))
        #expect(ContentLoader.kind(ofPath: "/c/README.txt") == .other)
        let (files, issues) = ContentLoader().contentFiles(at: ["/nonexistent-rehabfaqs-folder"])
        #expect(files.isEmpty)
        #expect(issues.map(\.message) == ["no such file or folder"])
    }
}
