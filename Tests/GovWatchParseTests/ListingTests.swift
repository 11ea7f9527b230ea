import GovWatchCore
import GovWatchDemo
import Testing

@testable import GovWatchParse

@Suite struct ListingTests {
    let parser = PageParser()

    @Test func readsEntriesAndPagerLinks() throws {
        let html = PageTemplates.listing(
            column: "政策文件",
            entries: [("/a/t1.html", "文件一", "2025-03-05"), ("t2.html", "文件二", "2025年3月1日")], page: 0, pageCount: 3)
        let page = try #require(parser.parse(Array(html.utf8), url: "http://h/zwgk/zcwj/index.html")).listing
        #expect(page.entries == [
            ListingEntry(title: "文件一", url: "http://h/a/t1.html", date: CivilDate(iso: "2025-03-05")),
            ListingEntry(title: "文件二", url: "http://h/zwgk/zcwj/t2.html", date: CivilDate(iso: "2025-03-01")),
        ])
        #expect(page.pageURLs == ["http://h/zwgk/zcwj/index.html", "http://h/zwgk/zcwj/index_1.html", "http://h/zwgk/zcwj/index_2.html"])
        #expect(page.newestDate?.description == "2025-03-05")
    }

    @Test func readsTRSPaginationAnnouncedOnlyByScript() throws {
        let html = PageTemplates.listing(
            column: "阿市要闻", entries: [("t1.html", "要闻", "2025-03-05")], page: 1, pageCount: 4, trsOnly: true)
        #expect(!html.contains("index_2.html"))
        let page = try #require(parser.parse(Array(html.utf8), url: "http://h/xwzx/asyw/index_1.html")).listing
        #expect(page.pageURLs == (0..<4).map { "http://h/xwzx/asyw/index\($0 == 0 ? "" : "_\($0)").html" })
    }

    @Test func navigationLinksWithoutDatesAreNotEntries() throws {
        let html = "<ul><li><a href=\"/\">首页</a></li><li><a href=\"/x.html\">2025年工作要点</a><span>2025-01-02</span></li></ul>"
        let page = try #require(parser.parse(Array(html.utf8), url: "http://h/c/index.html")).listing
        #expect(page.entries.map(\.url) == ["http://h/x.html"])
    }

    @Test func trsPagerVariants() {
        #expect(TRSPager(script: "createPageHTML(12, 0, \"index\", \"html\");")?.count == 12)
        #expect(TRSPager(script: "createPageHTML('page_div',5, 1,'index','shtml',100);")?.prefix == "index")
        #expect(TRSPager(script: "createPageHTML(0, 0, \"index\", \"html\")") == nil)
        #expect(TRSPager(script: "createPageHTML(99999999, 0, \"index\", \"html\")")?.count == TRSPager.maxCount)
    }
}
