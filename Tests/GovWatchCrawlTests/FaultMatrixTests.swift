import FlyingFox
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import GovWatchStore
import Testing

/// Every fault a hostile or broken site can throw at a crawl, in one crawl: each becomes a
/// recorded fetch outcome, the other pages are stored, and memory stays bounded.
@Suite(.serialized) struct FaultMatrixTests {
    struct Row {
        var fault: String
        var url: String
        var expected: Set<FetchOutcome>
        var errorContains: String? = nil
    }

    @Test func theFaultMatrix() async throws {
        let closedPort = freePort()
        let raw = try RawFaultServer(routes: [
            "/reset": .resetMidBody, "/stall-headers": .stallBeforeHeaders(seconds: 4), "/stall-body": .stallMidBody(seconds: 4),
            "/wrong-length": .wrongContentLength, "/huge": .hugeBody, "/endless": .endlessChunked,
            "/gzip-bomb": .gzipBomb(megabytes: 64), "/feed": .rssItems(count: 1_000_000),
        ])
        defer { raw.stop() }
        let r = "http://127.0.0.1:\(raw.port)"
        let site = try await TestSite.start(pages: [
            "/index.html": html("<html><body><ul><li><a href=\"/c/ok.html\">正常</a><span>2026-11-20</span></li></ul></body></html>"),
            "/c/ok.html": html("<html><body><h1>正常页面</h1></body></html>"),
            "/f/pdf.html": SitePage(body: Array("%PDF-1.7\n%âãÏÓ\n".utf8), contentType: "text/html"),
            "/f/image.html": SitePage(body: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], contentType: "text/html"),
            "/f/nested.html": html(String(repeating: "<div>", count: 100_000) + "<h1>深层嵌套</h1>" + String(repeating: "</div>", count: 100_000)),
            "/f/bad-utf8.html": SitePage(body: Array("<html><body><h1>坏字节".utf8) + [0xFF, 0xFE, 0xC3] + Array("</h1></body></html>".utf8), contentType: "text/html; charset=utf-8"),
            "/f/mixed.html": SitePage(body: Array("<html><body><h1>".utf8) + GBK.encode("混合编码") + Array("</h1><p>正文</p></body></html>".utf8), contentType: "text/html; charset=utf-8"),
        ])
        defer { Task { await site.stop() } }
        let a = site.origin
        func redirect(_ target: String) -> @Sendable (HTTPRequest) async throws -> HTTPResponse {
            { _ in
                var h = HTTPHeaders()
                h[.location] = target
                return HTTPResponse(statusCode: .found, headers: h)
            }
        }
        for code in [500, 502, 503] {
            site.server.route("/f/\(code).html") { _ in HTTPResponse(statusCode: HTTPStatusCode(code, phrase: "Error")) }
        }
        site.server.route("/f/503-retry-after.html") { _ in
            var h = HTTPHeaders()
            h[HTTPHeader("Retry-After")] = "1"
            return HTTPResponse(statusCode: .serviceUnavailable, headers: h)
        }
        site.server.route("/f/429.html") { _ in
            var h = HTTPHeaders()
            h[HTTPHeader("Retry-After")] = "1"
            return HTTPResponse(statusCode: .tooManyRequests, headers: h)
        }
        site.server.route("/f/loop-a.html", redirect("/f/loop-b.html"))
        site.server.route("/f/loop-b.html", redirect("/f/loop-a.html"))
        for i in 0..<20 { site.server.route("/f/chain-\(i).html", redirect("/f/chain-\(i + 1).html")) }
        site.server.route("/f/other-host.html", redirect(a.replacingOccurrences(of: "127.0.0.1", with: "127.0.0.2") + "/c/ok.html"))
        site.server.route("/f/file.html", redirect("file:///etc/passwd"))
        site.server.route("/f/other-name.html", redirect(a.replacingOccurrences(of: "127.0.0.1", with: "localhost") + "/c/ok.html"))
        // A listing whose pager never ends: every page links the next.
        for n in 0..<50 {
            let name = n == 0 ? "index.html" : "index_\(n).html"
            site.server.setPage("/endless/\(name)", html("<html><body><ul><li><a href=\"/c/ok.html\">x</a><span>2026-11-20</span></li></ul><a href=\"index_\(n + 1).html\">下一页</a></body></html>"))
        }

        let rows: [Row] = [
            Row(fault: "connection refused", url: "http://127.0.0.1:\(closedPort)/x.html", expected: [.networkError]),
            Row(fault: "reset mid-body", url: "\(r)/reset", expected: [.networkError]),
            Row(fault: "stall before headers", url: "\(r)/stall-headers", expected: [.timeout]),
            Row(fault: "stall mid-body (slowloris)", url: "\(r)/stall-body", expected: [.timeout]),
            Row(fault: "wrong Content-Length", url: "\(r)/wrong-length", expected: [.networkError]),
            Row(fault: "1 GB body", url: "\(r)/huge", expected: [.tooLarge]),
            Row(fault: "endless chunked body", url: "\(r)/endless", expected: [.tooLarge]),
            Row(fault: "gzip bomb (64 MB inflated)", url: "\(r)/gzip-bomb", expected: [.tooLarge]),
            Row(fault: "500", url: "\(a)/f/500.html", expected: [.httpError]),
            Row(fault: "502", url: "\(a)/f/502.html", expected: [.httpError]),
            Row(fault: "503", url: "\(a)/f/503.html", expected: [.httpError]),
            Row(fault: "503 with Retry-After", url: "\(a)/f/503-retry-after.html", expected: [.httpError]),
            Row(fault: "429 with Retry-After", url: "\(a)/f/429.html", expected: [.httpError]),
            Row(fault: "redirect loop", url: "\(a)/f/loop-a.html", expected: [.refused], errorContains: "redirect loop"),
            Row(fault: "redirect chain of 20", url: "\(a)/f/chain-0.html", expected: [.refused], errorContains: "more than 10 redirects"),
            Row(fault: "redirect to another host", url: "\(a)/f/other-name.html", expected: [.refused], errorContains: "outside the probe's scope"),
            Row(fault: "redirect to 127.0.0.2", url: "\(a)/f/other-host.html", expected: [.refused], errorContains: "outside the probe's scope"),
            Row(fault: "redirect to file:///etc/passwd", url: "\(a)/f/file.html", expected: [.refused], errorContains: "scheme file is not allowed"),
            Row(fault: "PDF under an .html name", url: "\(a)/f/pdf.html", expected: [.unparseable]),
            Row(fault: "image under an .html name", url: "\(a)/f/image.html", expected: [.unparseable]),
            Row(fault: "100,000 nested elements", url: "\(a)/f/nested.html", expected: [.ok]),
            Row(fault: "invalid UTF-8", url: "\(a)/f/bad-utf8.html", expected: [.ok]),
            Row(fault: "GBK bytes in a UTF-8 page", url: "\(a)/f/mixed.html", expected: [.ok]),  // stored with U+FFFD
            Row(fault: "feed with 1,000,000 items", url: "\(r)/feed", expected: [.tooLarge]),
        ]
        let pageRows = rows.filter { !$0.url.hasSuffix("/feed") }
        let probe = try ProbeLoader.parse(
            """
            probe: { id: faults, name: 故障站点, base: "\(a)/", homepage: /index.html,
                     hosts: ["127.0.0.1:\(await site.server.port)", "127.0.0.1:\(raw.port)", "127.0.0.1:\(closedPort)"] }
            crawl: { concurrency: 8, timeout_seconds: 1.5, connect_timeout_seconds: 1, retries: 1, max_body_bytes: 2000000, max_listing_pages: 5 }
            units: [ { id: u, name: 测试单位, full_name: 阿尔山市测试单位, type: department } ]
            columns:
              - { url: /endless/, name: 无尽分页, type: news, unit: u }
              - { url: /fault-list/, name: 故障, type: news, unit: u }
            feeds: [ { url: "\(r)/feed", format: rss, account: 测试, unit: u } ]
            """, file: "faults.yaml")
        site.server.setPage(
            "/fault-list/index.html",
            html("<html><body><ul>" + pageRows.map { "<li><a href=\"\($0.url)\">\($0.fault)</a><span>2026-11-20</span></li>" }.joined() + "</ul></body></html>"))

        let started = Date()
        let summary = try await site.crawl(probe)
        let elapsed = Date().timeIntervalSince(started)
        let run = try #require(try site.database.runs().last)
        #expect(run.status == .completed)
        let fetches = try site.database.fetches(runID: run.id)
        let byURL = Dictionary(fetches.map { ($0.url, $0) }, uniquingKeysWith: { a, _ in a })

        var table = "fault                              outcome         status  attempts  error\n"
        for row in rows {
            let f = byURL[row.url]
            table += row.fault.padding(toLength: 35, withPad: " ", startingAt: 0)
                + (f?.outcome.rawValue ?? "MISSING").padding(toLength: 16, withPad: " ", startingAt: 0)
                + String(f?.status ?? 0).padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(f?.attempts ?? 0).padding(toLength: 10, withPad: " ", startingAt: 0) + (f?.error ?? "") + "\n"
            #expect(f.map { row.expected.contains($0.outcome) } == true, "\(row.fault): \(String(describing: f))")
            if let needle = row.errorContains { #expect(f?.error?.contains(needle) == true, "\(row.fault): \(f?.error ?? "")") }
        }
        let endlessPages = fetches.filter { $0.url.contains("/endless/") }.count
        table += "endless pagination                 \(endlessPages) pages fetched (max_listing_pages: 5)\n"
        let peak = Self.peakRSSMegabytes()
        table += "crawl: \(fetches.count) fetches in \(String(format: "%.1f", elapsed)) s; peak RSS of the test process \(peak) MB\n"
        print(table)

        #expect(endlessPages == 5)
        #expect(byURL["\(a)/f/503-retry-after.html"]?.attempts == 2)
        #expect(byURL["\(a)/f/500.html"]?.attempts == 2)
        let stored = try site.database.publications()
        #expect(stored.contains { $0.publication.title == "正常页面" })
        // libxml2 stops building the tree at its depth limit; the page is still stored.
        #expect(stored.contains { $0.publication.url == "\(a)/f/nested.html" })
        #expect(summary.failed >= rows.count - 3)
        #expect(peak < 1024)
    }

    /// VmHWM of this process, in MB.
    static func peakRSSMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }
}
