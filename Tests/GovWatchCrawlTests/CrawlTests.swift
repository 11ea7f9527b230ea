import FlyingFox
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import GovWatchStore
import Testing

@Suite(.serialized) struct DemoCrawlTests {
    @Test func crawlsTheDemoPortalThenGets304sThenSeesAChange() async throws {
        let site = try await TestSite.start(pages: DemoPortal.pages())
        defer { Task { await site.stop() } }
        let probe = try site.demoProbe()

        let first = try await site.crawl(probe)
        #expect(first.failed == 0)
        #expect(first.fetched == DemoPortal.pages().count - 1)  // every page but the footer page
        #expect(first.unchanged == 0)
        #expect(first.newPublications == 37)
        let counts = try site.database.counts()
        #expect(counts["publication"] == 37)
        #expect(counts["publication_version"] == 37)

        // Units come from 发布机构 / 来源, else from the column's owner.
        let stored = try site.database.publications()
        let gbkPage = try #require(stored.first { $0.publication.url.hasSuffix("t20261103_4003.html") }).publication
        #expect(gbkPage.unitID == "wcgz")
        #expect(gbkPage.title == "五岔沟镇关于低保申请人员名单的公示")
        #expect(gbkPage.bodyText.contains("身份证号"))
        #expect(try site.database.listingPages(key: "\(site.origin)/xwzx/asyw/index.html").count == 3)

        let second = try await site.crawl(probe)
        #expect(second.unchanged == first.fetched)
        #expect(second.fetched == 0)
        #expect(second.parsed == 0)
        #expect(try site.database.counts()["publication_version"] == 37)

        let path = "/xzjd/xhjd/gzdt/202611/t20261117_5001.html"
        site.server.setPage(
            path,
            html(PageTemplates.article(
                title: "新城街道开展冬季供暖入户走访（更新）", column: "新城街道工作动态", pubDate: "2026-11-17 09:00",
                source: "阿尔山市新城街道办事处", paragraphs: ["更新后的正文。"])))
        let third = try await site.crawl(probe)
        #expect(third.changedPublications == 1)
        #expect(third.fetched == 1)
        #expect(try site.database.versionCount(url: site.origin + path) == 2)
        #expect(try site.database.runs().map(\.status) == [.completed, .completed, .completed])
    }
}

@Suite(.serialized) struct ReplayTests {
    /// With `follow_links`, a page reached only through a listing's navigation (not an entry,
    /// not a pager link) is reached again when that listing answers 304.
    @Test func aNotModifiedListingStillLeadsToThePagesItLinks() async throws {
        let pages: [String: SitePage] = [
            "/index.html": html("<html><body><div class=\"nav\"><a href=\"/more/index.html\">更多</a></div><ul>"
                + "<li><a href=\"/c/a.html\">新闻一</a><span>2026-11-02</span></li><li><a href=\"/c/b.html\">新闻二</a><span>2026-11-01</span></li></ul></body></html>"),
            "/c/index.html": html("<html><body><ul><li><a href=\"/c/a.html\">新闻一</a><span>2026-11-02</span></li>"
                + "<li><a href=\"/c/b.html\">新闻二</a><span>2026-11-01</span></li></ul><p><a href=\"/c/about.html\">栏目说明</a></p></body></html>"),
            "/more/index.html": html("<html><body><p><a href=\"/more/x.html\">专题</a></p></body></html>"),
            "/more/x.html": html("<html><head><title>专题</title></head><body><h1>专题</h1><p>2026-11-03</p></body></html>"),
            "/c/about.html": html("<html><head><title>栏目说明</title></head><body><h1>栏目说明</h1></body></html>"),
            "/c/a.html": html("<html><head><title>新闻一</title></head><body><h1>新闻一</h1><p>2026-11-02</p></body></html>"),
            "/c/b.html": html("<html><head><title>新闻二</title></head><body><h1>新闻二</h1><p>2026-11-01</p></body></html>"),
        ]
        let site = try await TestSite.start(pages: pages)
        defer { Task { await site.stop() } }
        let probe = try site.probe(crawl: ", follow_links: true")
        let first = try await site.crawl(probe)
        #expect(first.fetched == pages.count && first.failed == 0)
        let second = try await site.crawl(probe)
        #expect(second.unchanged == pages.count, "every page reached again, each a 304")
        #expect(second.fetched == 0)
        let run = try #require(try site.database.runs().last)
        let urls = Set(try site.database.fetches(runID: run.id).map { URLParts($0.url)!.rest })
        #expect(urls.isSuperset(of: ["/more/index.html", "/more/x.html", "/c/about.html"]))
    }
}

@Suite(.serialized) struct FetchFaultTests {
    static let index = """
        <html><body><ul>
        <li><a href="/c/ok.html">正常</a><span>2026-11-01</span></li>
        <li><a href="/c/missing.html">404</a><span>2026-11-01</span></li>
        <li><a href="/c/error.html">500</a><span>2026-11-01</span></li>
        <li><a href="/c/slow.html">超时</a><span>2026-11-01</span></li>
        <li><a href="/c/truncated.html">截断</a><span>2026-11-01</span></li>
        <li><a href="/c/huge.html">过大</a><span>2026-11-01</span></li>
        <li><a href="/c/away.html">跨站跳转</a><span>2026-11-01</span></li>
        <li><a href="/c/port.html">跳到别的端口</a><span>2026-11-01</span></li>
        <li><a href="/c/file.html">跳到本地文件</a><span>2026-11-01</span></li>
        <li><a href="/c/inside.html">站内跳转</a><span>2026-11-01</span></li>
        <li><a href="/c/pdf.html">不是网页</a><span>2026-11-01</span></li>
        <li><a href="/c/gz.html">压缩</a><span>2026-11-01</span></li>
        </ul></body></html>
        """

    static func faultySite() async throws -> TestSite {
        let site = try await TestSite.start(pages: [
            "/index.html": html("<html><body>首页</body></html>"), "/c/index.html": html(index),
            "/c/ok.html": html("<html><body><h1>正常页面</h1><p>发布日期：2026-11-01</p></body></html>"),
            "/c/moved.html": html("<html><body><h1>搬家后的页面</h1></body></html>"),
            "/c/pdf.html": SitePage(body: Array("%PDF-1.4 binary".utf8), contentType: "application/pdf"),
        ])
        let port = await site.server.port
        site.server.route("/c/error.html") { _ in HTTPResponse(statusCode: .internalServerError) }
        site.server.route("/c/slow.html") { _ in
            try await Task.sleep(for: .seconds(3))
            return HTTPResponse(statusCode: .ok, body: Data("late".utf8))
        }
        site.server.route("/c/truncated.html") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentLength: "100000", .connection: "close"], body: Data("<html>cut".utf8))
        }
        site.server.route("/c/huge.html") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html"], body: Data(repeating: 0x41, count: 300_000))
        }
        func redirect(_ target: String) -> @Sendable (HTTPRequest) async throws -> HTTPResponse {
            { _ in
                var headers = HTTPHeaders()
                headers[.location] = target
                return HTTPResponse(statusCode: .found, headers: headers)
            }
        }
        site.server.route("/c/away.html", redirect("http://127.0.0.2:\(port)/c/ok.html"))
        site.server.route("/c/port.html", redirect("http://127.0.0.1:\(port == 65535 ? 1 : port + 1)/c/ok.html"))
        site.server.route("/c/file.html", redirect("file:///etc/passwd"))
        site.server.route("/c/inside.html", redirect("/c/moved.html"))
        site.server.route("/c/gz.html") { _ in
            HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentEncoding: "gzip"],
                body: Data(gzippedPage))
        }
        return site
    }

    @Test func everyFaultIsRecordedAndTheCrawlCompletes() async throws {
        let site = try await Self.faultySite()
        defer { Task { await site.stop() } }
        let summary = try await site.crawl(try site.probe())
        let run = try #require(try site.database.runs().last)
        #expect(run.status == .completed)
        let byPath = Dictionary(
            try site.database.fetches(runID: run.id).map { (URLParts($0.url)!.rest, $0) }, uniquingKeysWith: { a, _ in a })

        #expect(byPath["/c/ok.html"]?.outcome == .ok)
        #expect(byPath["/c/missing.html"]?.outcome == .httpError)
        #expect(byPath["/c/missing.html"]?.status == 404)
        #expect(byPath["/c/error.html"]?.outcome == .httpError)
        #expect(byPath["/c/error.html"]?.attempts == 2)  // retried once
        #expect(site.server.hitCount("/c/error.html") == 2)
        #expect(byPath["/c/slow.html"]?.outcome == .timeout)
        #expect([.networkError, .timeout].contains(byPath["/c/truncated.html"]?.outcome))
        #expect(byPath["/c/huge.html"]?.outcome == .tooLarge)
        #expect(byPath["/c/away.html"]?.outcome == .refused)
        #expect(byPath["/c/away.html"]?.error?.contains("outside the probe's scope") == true)
        #expect(byPath["/c/port.html"]?.outcome == .refused)
        #expect(byPath["/c/file.html"]?.outcome == .refused)
        #expect(byPath["/c/file.html"]?.error?.contains("scheme file is not allowed") == true)
        #expect(byPath["/c/inside.html"]?.outcome == .ok)
        #expect(byPath["/c/inside.html"]?.final_url.hasSuffix("/c/moved.html") == true)
        #expect(byPath["/c/pdf.html"]?.outcome == .unparseable)
        #expect(byPath["/c/gz.html"]?.outcome == .ok)
        #expect(byPath["/c/gz.html"]?.bytes == 12_054)  // inflated by libcurl: 122 bytes on the wire
        #expect(site.server.hitCount("/c/ok.html") == 1)  // nothing fetched off-scope came back here twice

        let titles = Set(try site.database.publications().map(\.publication.title))
        #expect(titles == ["正常页面", "搬家后的页面", "压缩页面"])
        #expect(summary.failed == 9)
    }

    @Test func loopbackTargetsAreRefusedForAPublicProbe() {
        let policy = AddressPolicyProbe.publicSite
        #expect(policy.refusal(forHost: "127.0.0.1") != nil)
        #expect(policy.refusal(forHost: "10.1.2.3") != nil)
        #expect(policy.refusal(forHost: "169.254.169.254") != nil)
        #expect(policy.refusal(forHost: "[::1]") != nil)
        #expect(policy.refusal(forHost: "[fe80::1]") != nil)
        #expect(policy.refusal(forHost: "192.168.0.1") != nil)
        #expect(policy.refusal(forHost: "8.8.8.8") == nil)
        #expect(policy.refusal(forHost: "www.aes.gov.cn") == nil)
    }
}

/// A 12 KB page gzipped to 122 bytes (Python's gzip.compress with mtime 0).
private let gzippedPage: [UInt8] = [
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xed, 0xda, 0xa1, 0x0d, 0xc2, 0x50, 0x14, 0x40, 0xd1, 0x91, 0x7e, 0xf0, 0x2f, 0x6f, 0x18, 0x52, 0x51, 0x51, 0x42, 0x05, 0xa6, 0x13, 0x20, 0x9a, 0x54, 0xd6, 0x21, 0x00, 0x85, 0x40, 0xe2, 0x58, 0x87, 0x92, 0x6e, 0xd1, 0x06, 0x86, 0xa8, 0x39, 0xe6, 0x88, 0x3b, 0xc3, 0x8d, 0xfa, 0x74, 0x68, 0x32, 0xf6, 0xc7, 0xaa, 0xcb, 0xa8, 0x77, 0xf9, 0x19, 0xfa, 0xef, 0xfb, 0x31, 0x5f, 0x5f, 0xf3, 0xe5, 0x16, 0x65, 0x0d, 0xd1, 0xe6, 0xf4, 0xbc, 0x4f, 0xe3, 0x99, 0x24, 0x49, 0x92, 0x24, 0x49, 0x92, 0x24, 0x49, 0x92, 0x24, 0x49, 0x92, 0x24, 0x49, 0x92, 0x24, 0xc9, 0x6d, 0x8d, 0xd2, 0x66, 0x94, 0xff, 0x02, 0x5f, 0x7e, 0x3f, 0xfc, 0x02, 0x5f, 0x36, 0xea, 0x66, 0x16, 0x2f, 0x00, 0x00,
]
