import GovWatchCore
import GovWatchDemo
import Testing

@testable import GovWatchParse

@Suite struct ListingTests {
    let parser = PageParser()

    func listing(_ html: String, _ url: String, role: ListingRole = .column, cap: Int = 100) throws -> ListingPage {
        let parser = PageParser(maxListingPages: cap, referenceDay: CivilDate(iso: "2026-11-20"))
        return try #require(parser.parse(Array(html.utf8), url: url, listing: role)?.listing)
    }

    @Test func readsEntriesAndPagerLinks() throws {
        let html = PageTemplates.listing(
            column: "政策文件",
            entries: [("/a/t1.html", "文件一", "2025-03-05"), ("t2.html", "文件二", "2025年3月1日")], page: 0, pageCount: 3)
        let page = try listing(html, "http://h/zwgk/zcwj/index.html")
        #expect(page.entries == [
            ListingEntry(title: "文件一", url: "http://h/a/t1.html", date: CivilDate(iso: "2025-03-05")),
            ListingEntry(title: "文件二", url: "http://h/zwgk/zcwj/t2.html", date: CivilDate(iso: "2025-03-01")),
        ])
        #expect(page.pageURLs(limit: 100) == ["http://h/zwgk/zcwj/index_1.html", "http://h/zwgk/zcwj/index_2.html"])
        #expect(page.newestDate?.description == "2025-03-05")
    }

    @Test func readsTRSPaginationAnnouncedOnlyByScript() throws {
        let html = PageTemplates.listing(
            column: "阿市要闻", entries: [("t1.html", "要闻一", "2025-03-05"), ("t2.html", "要闻二", "2025-03-04")], page: 1,
            pageCount: 4, trsOnly: true)
        #expect(!html.contains("index_2.html"))
        let page = try listing(html, "http://h/xwzx/asyw/index_1.html")
        #expect(page.pager == Pager(template: "http://h/xwzx/asyw/index_{n}.html", second: 1, count: 4))
        #expect(page.pageURLs(limit: 100) == (1..<4).map { "http://h/xwzx/asyw/index_\($0).html" })
    }

    @Test func aPagerWrittenWithVariablesIsRead() throws {
        let html = """
            <ul class="list"><li><a href="./202501/t1.html">第一篇文章标题</a><span>2025-01-02</span></li>
            <li><a href="./202501/t2.html">第二篇文章标题</a><span>2025-01-01</span></li></ul>
            <script>var countPage = 3; var currentPage = 0;
            createPageHTML(countPage, currentPage, "index", "html");</script>
            """
        let page = try listing(html, "http://h/c/index.html")
        #expect(page.pager?.count == 3 && page.pageURLs(limit: 100) == ["http://h/c/index_1.html", "http://h/c/index_2.html"])
    }

    @Test func anEndlessPagerIsCappedAndStoresNoList() throws {
        let html = """
            <ul><li><a href="a.html">第一篇文章标题</a> 2025-01-02</li><li><a href="b.html">第二篇文章标题</a> 2025-01-01</li></ul>
            <script>createPageHTML(1000000, 0, "index", "html");</script>
            """
        let page = try listing(html, "http://h/c/index.html", cap: 50)
        #expect(page.pager?.count == 50 && page.pageURLs(limit: 50).count == 49)
        #expect(page.pageLinks.isEmpty)
    }

    @Test(arguments: [
        ("<a href='list_2.html'>2</a><a href='list_3.html'>3</a><a href='list_2.html'>下一页</a><a href='list_9.html'>尾页</a>",
         "http://h/c/list.html", ["http://h/c/list_2.html", "http://h/c/list_3.html"], 9),
        ("<a href='?page=2'>下一页</a><span>共 5 页</span>", "http://h/c/list.jsp", ["http://h/c/list.jsp?page=2"], 5),
        ("<a href='index.jsp?columnId=7&pageNum=2'>下一页</a> 第1/12页", "http://h/col/index.jsp?columnId=7",
         ["http://h/col/index.jsp?columnId=7&pageNum=2"], 12),
        ("<a href='index_1.shtml'>下一页</a> 共38条 每页10条", "http://h/c/index.shtml", ["http://h/c/index_1.shtml"], 4),
        // A directory named in Chinese, a dashed stem: the template is cut on the URL's bytes.
        ("<a href='list-2.html'>2</a><a href='list-2.html'>下一页</a><a href='list-7.html'>尾页</a>", "http://h/政务公开/list.html",
         ["http://h/政务公开/list-2.html", "http://h/政务公开/list-3.html"], 7),
    ])
    func pagerLinksGiveATemplateAndACount(pager: String, url: String, first: [String], count: Int) throws {
        let html = """
            <ul><li><a href="/x/1.html">第一篇文章标题</a><em>2025-01-02</em></li><li><a href="/x/2.html">第二篇文章标题</a><em>2025-01-01</em></li></ul>
            <div class="page">\(pager)</div>
            """
        let page = try listing(html, url)
        #expect(page.pager?.count == count, "\(String(describing: page.pager))")
        #expect(Array(page.pageURLs(limit: 100).prefix(first.count)) == first)
        #expect(page.entries.count == 2)
    }

    @Test func navigationAndUndatedLinksBesideADatedListAreNotEntries() throws {
        let html = """
            <div class="nav"><ul><li><a href="/zwgk/">政务公开</a></li><li><a href="/xwzx/">新闻中心</a></li></ul></div>
            <ul><li><a href="/">首页</a></li><li><a href="/x.html">2025年工作要点</a><span>2025-01-02</span></li>
            <li><a href="/y.html">2025年工作计划</a><span>2025-01-01</span></li><li><a href="/more.html">更多</a></li></ul>
            """
        let page = try listing(html, "http://h/c/index.html")
        #expect(page.entries.map(\.url) == ["http://h/x.html", "http://h/y.html"])
    }

    @Test func aColumnIndexOfUndatedLinksKeepsThemAll() throws {
        let html = """
            <div class="menu"><a href="/a/">栏目</a> <a href="/b/">栏目</a></div>
            <div class="main"><ul>
            <li><a href="/zwgk/zcwj/">政策文件</a></li><li><a href="/zwgk/zcjd/">政策解读</a></li>
            <li><a href="/zwgk/rsxx/">人事信息</a></li><li><a href="/zwgk/czxx/">财政预决算</a></li></ul></div>
            """
        let page = try listing(html, "http://h/zwgk/index.html")
        #expect(page.entries.map(\.url) == ["/zwgk/zcwj/", "/zwgk/zcjd/", "/zwgk/rsxx/", "/zwgk/czxx/"].map { "http://h\($0)" })
        #expect(page.entries.allSatisfy { $0.date == nil })
    }

    @Test func trsPagerVariants() {
        #expect(TRSPager(script: "createPageHTML(12, 0, \"index\", \"html\");")?.count == 12)
        #expect(TRSPager(script: "createPageHTML('page_div',5, 1,'index','shtml',100);")?.prefix == "index")
        #expect(TRSPager(script: "createPageHTML(0, 0, \"index\", \"html\")") == nil)
        #expect(TRSPager(script: "createPageHTML(99999999, 0, \"index\", \"html\")")?.count == TRSPager.maxCount)
        #expect(TRSPager(script: "var n=7;createPageHTML(n, 0, \"index\", \"html\")")?.count == 7)
    }
}
