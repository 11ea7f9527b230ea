import FlyingFox
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
@testable import GovWatchStore
import Synchronization
import Testing

/// Homepage availability: the daemon's samples against a server that fails a known share of
/// requests, and the national line over samples of an injected window.
@Suite(.serialized) struct AvailabilityTests {
    /// Counts the homepage's requests and fails every 10th (503) and every 20th from the 7th
    /// (a 3-second stall against a 1-second timeout): 15 % in all.
    final class FlakyHomepage: Sendable {
        let counts = Mutex((requests: 0, failures: 0))

        func answer() async throws -> HTTPResponse {
            let n = counts.withLock { c -> Int in
                c.requests += 1
                return c.requests
            }
            if n % 10 == 0 {
                counts.withLock { $0.failures += 1 }
                return HTTPResponse(statusCode: .serviceUnavailable)
            }
            if n % 20 == 7 {
                counts.withLock { $0.failures += 1 }
                try await Task.sleep(for: .seconds(3))
            }
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html"], body: Data("<html><body>首页</body></html>".utf8))
        }
    }

    @Test func theDaemonsSamplesMatchTheFailuresInMetricsAndStatus() async throws {
        let site = try await TestSite.start(pages: [:])
        defer { Task { await site.stop() } }
        let flaky = FlakyHomepage()
        site.server.route("/index.html") { _ in try await flaky.answer() }
        let probes = site.directory.appendingPathComponent("probes")
        try FileManager.default.createDirectory(at: probes, withIntermediateDirectories: true)
        try """
            probe: { id: t, name: 测试, base: "\(site.origin)/", homepage: /index.html, schedule: "0 3 1 1 *" }
            availability: { every_seconds: 0.25, timeout_seconds: 1 }
            units: [ { id: u, name: 测试单位, full_name: 阿尔山市测试单位, type: city } ]
            """.write(to: probes.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
        let port = freePort()
        let database = site.directory.appendingPathComponent("daemon/govwatch.sqlite").path
        let config = site.directory.appendingPathComponent("govwatch.yaml")
        try DaemonTests.config(database: database, probes: probes.path, port: port).write(to: config, atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(arguments: ["run", "--config", config.path])
        defer { daemon.signal(SIGTERM) }

        // Until 60 samples are stored (about 20 s), then /metrics against the server's own count.
        var stored = AvailabilityWindow(samples: 0, failed: 0)
        for _ in 0..<240 {
            try await Task.sleep(for: .milliseconds(250))
            guard FileManager.default.fileExists(atPath: database) else { continue }
            stored = (try? AppDatabase(path: database).availability(probeID: "t", since: 0)) ?? stored
            if stored.samples >= 60 { break }
        }
        #expect(stored.samples >= 60, "\(daemon.log)")
        let metrics = try PrometheusText.parse(try await httpGet(port, "/metrics").body)
        let truth = flaky.counts.withLock { Double($0.failures) / Double($0.requests) }
        let ratio = try #require(metrics["govwatch_homepage_availability_ratio{probe=\"t\",window=\"7d\"}"])
        #expect(abs((1 - ratio) - truth) <= 0.02, "failed share \(1 - ratio), truth \(truth)")
        #expect(abs(truth - 0.15) <= 0.03)
        #expect(metrics["govwatch_homepage_up{probe=\"t\"}"] != nil)
        let inf = try #require(metrics["govwatch_homepage_response_seconds_bucket{probe=\"t\",le=\"+Inf\"}"])
        #expect(inf >= 60 && metrics["govwatch_homepage_response_seconds_bucket{probe=\"t\",le=\"0.5\"}"].map { $0 < inf } == true)
        let status = try JSONDecoder().decode(StatusDocument.self, from: Data(try await httpGet(port, "/status").body.utf8))
        #expect((status.availability_7d["t"]?.samples ?? 0) >= 60)
    }

    /// Samples over an injected window: the finding from 5 %, only the 预警 from 3 % to 5 %.
    @Test(arguments: [(0, nil), (2, nil), (3, Severity.warning), (4, .warning), (5, .violation), (9, .violation)] as [(Int, Severity?)])
    func theNationalLineOverTheWindow(failedOf100: Int, expected: Severity?) async throws {
        let site = try await TestSite.start(pages: ["/index.html": html("<html><body>首页</body></html>")])
        defer { Task { await site.stop() } }
        let probe = try site.probe()
        let now = 1_800_000_000.0
        for k in 0..<100 {
            try site.database.record(
                AvailabilitySample(probeID: probe.id, at: now - Double(k) * 600, ok: k >= failedOf100, status: 200, outcome: "ok", seconds: 0.1))
        }
        // Samples older than the window do not count.
        for k in 0..<50 {
            try site.database.record(
                AvailabilitySample(probeID: probe.id, at: now - 8 * 86_400 - Double(k), ok: false, status: 0, outcome: "timeout", seconds: 15))
        }
        let report = try await Checker(probe: probe, database: site.database)
            .run(asOf: CivilDate(year: 2027, month: 1, day: 15)!, crawl: false, sampledUntil: now)
        let found = report.findings.filter { $0.rule == .siteAvailability }
        #expect(found.map(\.severity) == (expected.map { [$0] } ?? []))
        if let f = found.first {
            #expect(f.evidence.first == Evidence("抽样次数", "100") && f.evidence[1] == Evidence("失败次数", "\(failedOf100)"))
        }
    }
}

/// Links: dead internal links, a dead image on the homepage, a link to another host (checked
/// only when the probe asks), and a link dead once then alive.
@Suite(.serialized) struct BrokenLinkTests {
    static func pages() -> [String: SitePage] {
        [
            "/index.html": html("""
                <html><body><img src="/img/missing.png"><img src="/img/logo.png">
                <a href="/c/index.html">栏目</a> <a href="/gone.html">旧链接</a> <a href="http://127.0.0.2:9/x.html">外部网站</a>
                </body></html>
                """),
            "/img/logo.png": SitePage(body: [0x89, 0x50, 0x4E, 0x47], contentType: "image/png"),
            "/c/index.html": html("<html><body><ul><li><a href=\"/c/a.html\">公示</a><span>2026-11-01</span></li></ul></body></html>"),
            "/c/a.html": html("""
                <html><body><h1>公示</h1><p>发布机构：阿尔山市测试单位</p><p><a href="/dead/page.html">相关文件</a>
                <a href="/flaky.html">时好时坏</a></p></body></html>
                """),
            "/flaky.html": html("<html><body>ok</body></html>"),
        ]
    }

    func brokenLinks(external: Bool) async throws -> (first: [Finding], second: [Finding], site: TestSite) {
        let site = try await TestSite.start(pages: Self.pages())
        let extra = "links: { external: \(external) }"
        let probe = try site.probe(extra: extra)
        let checker = Checker(probe: probe, database: site.database)
        site.server.removePage("/flaky.html")  // dead in the first crawl only
        let first = try await checker.run(asOf: CivilDate(year: 2026, month: 11, day: 20)!)
        site.server.setPage("/flaky.html", html("<html><body>ok</body></html>"))
        let second = try await checker.run(asOf: CivilDate(year: 2026, month: 11, day: 21)!)
        return (first.findings.filter { $0.rule == .brokenLink }, second.findings.filter { $0.rule == .brokenLink }, site)
    }

    @Test func deadTwiceIsAFindingWithItsPageTextAndError() async throws {
        let (first, second, site) = try await brokenLinks(external: false)
        defer { Task { await site.stop() } }
        #expect(first.isEmpty)  // dead once is not yet broken
        let seen = second.map { "\($0.evidence.last!.value) \(URLParts($0.evidence[0].value)!.rest) \($0.evidence[2].value)" }
        #expect(Set(seen) == ["首页 /gone.html 旧链接", "首页 /img/missing.png 图片", "其他页面 /dead/page.html 相关文件"])
        #expect(second.allSatisfy { $0.evidence[3].value == "HTTP 404" && $0.unitID == "u" }, "\(second.map(\.evidence))")
        let onPage = try #require(second.first { $0.evidence.last?.value == "其他页面" })
        #expect(URLParts(onPage.url)?.rest == "/c/a.html" && onPage.description.contains("《公示》上的链接“相关文件”"))
        #expect(site.server.hitCount("/img/logo.png") == 2)  // once per crawl
        let fetched = try await site.database.writer.read {
            try String.fetchAll($0, sql: "SELECT url FROM fetch_result WHERE role = 'link-check'")
        }
        #expect(!fetched.contains { $0.hasPrefix("http://127.0.0.2") })
    }

    @Test func anotherHostIsCheckedOnlyWhenTheProbeAsks() async throws {
        let (_, second, site) = try await brokenLinks(external: true)
        defer { Task { await site.stop() } }
        let external = second.filter { $0.evidence[0].value == "http://127.0.0.2:9/x.html" }
        #expect(external.count == 1 && external[0].evidence[2].value == "外部网站")
    }
}
