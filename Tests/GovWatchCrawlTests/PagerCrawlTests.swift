import FlyingFox
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import Testing

@testable import GovWatchStore

/// Pagers that lie or never end, and a column index without dates, crawled from a real site
/// into a real SQLite file: bounded by `max_listing_pages`, a few KB of database per listing
/// page, finished in seconds.
@Suite struct PagerCrawlTests {
    static func listing(_ n: Int, pager: String) -> SitePage {
        html("""
            <html><body><ul class="list">
            <li><a href="/c/p\(n)-a.html">第\(n)页的第一篇文章</a><span>2026-11-\(10 + n % 10)</span></li>
            <li><a href="/c/p\(n)-b.html">第\(n)页的第二篇文章</a><span>2026-11-\(10 + n % 10)</span></li>
            </ul>\(pager)</body></html>
            """)
    }

    /// The two articles a listing page links.
    static func articles(_ n: Int) -> [String: SitePage] {
        ["a", "b"].reduce(into: [:]) { $0["/c/p\(n)-\($1).html"] = html("<html><body><h1>第\(n)页的文章</h1></body></html>") }
    }

    /// The largest stored listing-page row, in bytes.
    static func largestListingRow(_ db: AppDatabase) throws -> Int {
        try db.writer.read { try Int.fetchOne($0, sql: "SELECT MAX(LENGTH(data)) FROM listing_page") ?? 0 }
    }

    @Test func aPagerThatAnnouncesAMillionPagesStopsAtTheFirstMissingOne() async throws {
        var pages: [String: SitePage] = ["/index.html": html("<html><body>首页</body></html>")]
        let script = "<script>createPageHTML(1000000, 0, \"index\", \"html\");</script>"
        pages["/c/index.html"] = Self.listing(0, pager: script)
        for n in 1...3 { pages["/c/index_\(n).html"] = Self.listing(n, pager: script) }
        for n in 0...3 { pages.merge(Self.articles(n)) { a, _ in a } }
        let site = try await TestSite.start(pages: pages)
        defer { Task { await site.stop() } }
        let started = Date()
        let summary = try await site.crawl(try site.probe(crawl: ", max_listing_pages: 100000"))
        #expect(Date().timeIntervalSince(started) < 10)
        // (The test probe retries once after a 1-second timeout, so a loaded machine may ask twice.)
        for n in 1...4 { #expect((1...2).contains(site.server.hitCount("/c/index_\(n).html"))) }
        // Pages are asked for a window at a time: past the missing page, at most a window's worth.
        let beyond = (5...40).map { site.server.hitCount("/c/index_\($0).html") }.reduce(0, +)
        #expect(beyond <= 8, "\(beyond) requests past the end")
        #expect(site.server.hitCount("/c/index_40.html") == 0)
        #expect(summary.failed == 0, "a missing page past the end is the end, not an error")
        #expect(try site.database.counts()["listing_page"] == 1 + 4)  // the homepage and the column's four pages
        #expect(try Self.largestListingRow(site.database) < 4096)
        #expect(try site.database.publications().count == 8)
    }

    @Test func aPagerThatNeverEndsIsCappedByMaxListingPages() async throws {
        let site = try await TestSite.start(pages: ["/index.html": html("<html><body>首页</body></html>")])
        defer { Task { await site.stop() } }
        for n in 0..<200 {
            let name = n == 0 ? "index.html" : "list_\(n + 1).html"
            site.server.setPage("/c/\(name)", Self.listing(n, pager: "<div class=\"page\">共99999页 <a href=\"list_\(n + 2).html\">下一页</a></div>"))
            for (path, page) in Self.articles(n) { site.server.setPage(path, page) }
        }
        let started = Date()
        let summary = try await site.crawl(try site.probe(crawl: ", max_listing_pages: 30"))
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(site.server.hitCount("/c/list_30.html") == 1 && site.server.hitCount("/c/list_31.html") == 0)
        #expect(summary.failed == 0)
        #expect(try site.database.counts()["listing_page"] == 1 + 30)
        #expect(try Self.largestListingRow(site.database) < 4096)
        let bytes = try FileManager.default.attributesOfItem(atPath: site.directory.appendingPathComponent("govwatch.sqlite").path)[.size] as? Int ?? 0
        #expect(bytes < 2_000_000, "\(bytes) bytes for 30 listing pages and 60 articles")
    }

    /// A TRS column of 30 pages, each with the script pager and its static links (首页, the
    /// pages around it, 尾页), crawled with `follow_links`: the 尾页 link must not make the last
    /// page, and every page back from it, an article.
    @Test func followedLinksDoNotTurnAListingsOwnPagesIntoArticles() async throws {
        let count = 30
        var pages: [String: SitePage] = ["/index.html": html("<html><body><a href=\"/c/index.html\">栏目</a></body></html>")]
        for n in 0..<count {
            let name = { (k: Int) in k == 0 ? "index.html" : "index_\(k).html" }
            let around = (max(0, n - 4)...min(count - 1, n + 4)).filter { $0 != n }.map { "<a href=\"\(name($0))\">\($0 + 1)</a>" }
            let pager = """
                <div class="page"><script>createPageHTML(\(count), \(n), "index", "html");</script>
                <div class="page-links"><a href="index.html">首页</a> \(around.joined(separator: " ")) \
                <a href="\(name(count - 1))">尾页</a></div></div>
                """
            pages["/c/\(name(n))"] = Self.listing(n, pager: pager)
            pages.merge(Self.articles(n)) { a, _ in a }
        }
        let site = try await TestSite.start(pages: pages)
        defer { Task { await site.stop() } }
        let probe = try site.probe(crawl: ", follow_links: true")
        for round in ["cold", "all 304"] {
            let summary = try await site.crawl(probe)
            #expect(summary.failed == 0, "\(round)")
            #expect(try site.database.counts()["listing_page"] == 1 + count, "\(round)")
            let urls = try site.database.publications().map(\.publication.url)
            #expect(urls.filter { $0.contains("/c/index") }.isEmpty, "\(round): listing pages stored as articles")
            #expect(urls.count == 2 * count, "\(round)")
        }
    }

    /// A database from before `isPage`: a column's pages were crawled as articles (followed
    /// links, here with no column declared) and keep their validators. Crawled as a column,
    /// each page answers 304 with no listing snapshot to continue from: it is fetched once
    /// more whole, becomes a listing page, and stops being an article.
    @Test func listingPagesStoredAsArticlesByAnOlderCrawlBecomeListingsAgain() async throws {
        let count = 6
        var pages: [String: SitePage] = ["/index.html": html("<html><body><a href=\"/c/index.html\">栏目</a></body></html>")]
        for n in 0..<count {
            let next = n + 1 < count ? "<div class=\"page\"><a href=\"index_\(n + 1).html\">下一页</a></div>" : ""
            pages["/c/\(n == 0 ? "index.html" : "index_\(n).html")"] = Self.listing(n, pager: next)
            pages.merge(Self.articles(n)) { a, _ in a }
        }
        let site = try await TestSite.start(pages: pages)
        defer { Task { await site.stop() } }
        let before = try ProbeLoader.parse(
            """
            probe: { id: t, name: 测试, base: "\(site.origin)/", homepage: /index.html }
            crawl: { concurrency: 4, timeout_seconds: 1, connect_timeout_seconds: 1, retries: 1, follow_links: true }
            units: [ { id: u, name: 测试单位, full_name: 阿尔山市测试单位, type: department } ]
            columns: [ { url: /x/, name: 别的栏目, type: news, unit: u } ]
            """, file: "before.yaml")
        _ = try await site.crawl(before)
        let asArticles = try site.database.publications().map(\.publication.url).filter { $0.contains("/c/index") }
        #expect(asArticles.count == count, "the older crawl stored the column's pages as articles")
        for round in ["upgraded", "all 304"] {
            let summary = try await site.crawl(try site.probe())
            #expect(summary.failed == 0, "\(round)")
            #expect(try site.database.counts()["listing_page"] == 1 + count, "\(round)")
            let urls = try site.database.publications().map(\.publication.url)
            #expect(urls.filter { $0.contains("/c/index") }.isEmpty, "\(round): listing pages still stored as articles")
            #expect(urls.count == 2 * count, "\(round)")
        }
        // Each page: fetched as an article; then 304 and fetched whole; then 304 again.
        for n in 0..<count { #expect(site.server.hitCount("/c/\(n == 0 ? "index.html" : "index_\(n).html")") == 4) }
    }

    /// A long column's pages go ahead of the articles they lead to, at the fetcher and at the
    /// parse threads: queued behind them, its last pages were fetched at the crawl's end.
    @Test func aLongColumnsPagesAreFetchedAheadOfItsArticles() async throws {
        let count = 12
        var pages: [String: SitePage] = ["/index.html": html("<html><body>首页</body></html>")]
        for n in 0..<count {
            let items = (0..<20).map { "<li><a href=\"/c/p\(n)-\($0).html\">第\(n)页第\($0)篇</a><span>2026-11-10</span></li>" }
            pages["/c/\(n == 0 ? "index.html" : "index_\(n).html")"] = html("""
                <html><body><ul class="list">\(items.joined())</ul>
                <div class="page"><script>createPageHTML(\(count), \(n), "index", "html");</script></div></body></html>
                """)
            for i in 0..<20 { pages["/c/p\(n)-\(i).html"] = html("<html><body><h1>第\(n)页第\(i)篇</h1></body></html>") }
        }
        let site = try await TestSite.start(pages: pages)
        defer { Task { await site.stop() } }
        _ = try await site.crawl(try site.probe())
        let order = try await site.database.writer.read { try String.fetchAll($0, sql: "SELECT url FROM fetch_result ORDER BY id") }
        #expect(order.count == 1 + count * 21)  // the homepage, the pages, their articles
        let last = try #require(order.firstIndex { $0.hasSuffix("/c/index_\(count - 1).html") })
        // Each page waits for the one four before it; articles take the fetches in between.
        #expect(last < 4 * count, "the last page was fetch \(last + 1) of \(order.count)")
    }

    @Test func aColumnIndexOfUndatedLinksHasEveryPageFetched() async throws {
        let sections = ["zcwj", "zcjd", "ghjh", "czxx", "rsxx"]
        var pages: [String: SitePage] = ["/index.html": html("<html><body>首页</body></html>")]
        pages["/c/index.html"] = html("""
            <html><body><div class="nav"><a href="/">首页</a> <a href="/c/">政务公开</a></div>
            <ul class="sub">\(sections.map { "<li><a href=\"/c/\($0)/index.html\">栏目\($0)</a></li>" }.joined())</ul></body></html>
            """)
        for s in sections { pages["/c/\(s)/index.html"] = html("<html><body><h1>栏目\(s)</h1><p>发布日期：2026-11-01</p></body></html>") }
        let site = try await TestSite.start(pages: pages)
        defer { Task { await site.stop() } }
        _ = try await site.crawl(try site.probe())
        for s in sections { #expect(site.server.hitCount("/c/\(s)/index.html") == 1, "\(s)") }
        let listing = try await site.database.writer.read {
            try String.fetchOne($0, sql: "SELECT data FROM listing_page WHERE url LIKE '%/c/index.html'")
        }
        let entries = try JSONDecoder().decode(ListingPage.self, from: Data((listing ?? "{}").utf8)).entries
        #expect(entries.count == 5 && entries.allSatisfy { $0.date == nil })
    }
}
