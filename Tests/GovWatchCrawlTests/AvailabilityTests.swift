import FlyingFox
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import GovWatchStore
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
