import FlyingFox
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import GovWatchStore
import Synchronization
import Testing

/// The real binary under a fake systemd: NOTIFY_SOCKET, WATCHDOG_USEC, signals.
@Suite(.serialized) struct DaemonTests {
    struct Setup {
        var site: TestSite
        var config: URL
        var port: UInt16
        var database: String
        var notify: NotifySocket
    }

    static func setUp(pages: [String: SitePage] = DemoPortal.pages()) async throws -> Setup {
        let site = try await TestSite.start(pages: pages)
        let dir = site.directory
        let probes = dir.appendingPathComponent("probes")
        try DemoProbe.write(to: probes, origin: site.origin)
        let port = freePort()
        let database = dir.appendingPathComponent("daemon/govwatch.sqlite").path
        let config = dir.appendingPathComponent("govwatch.yaml")
        try Self.config(database: database, probes: probes.path, port: port).write(to: config, atomically: true, encoding: .utf8)
        return Setup(site: site, config: config, port: port, database: database, notify: try NotifySocket(directory: dir))
    }

    static func config(database: String, probes: String, port: UInt16, extra: String = "") -> String {
        // No holidays: file: deadlines that reach past the shipped years are provisional (暂定).
        "database: \(database)\nprobes: \(probes)\nlisten: 127.0.0.1:\(port)\njitter_seconds: 0\nshutdown_grace_seconds: 5\n\(extra)"
    }

    /// What the rules find today in what the daemon stored (the demo's pages age: more of
    /// them are stale each day after the demo's own date).
    static func expectedFindings(_ s: Setup, _ db: AppDatabase) async throws -> Int {
        let probe = try ProbeLoader.loadDirectory(s.site.directory.appendingPathComponent("probes").path)[0]
        let count = try await Checker(probe: probe, database: db).run(asOf: ShanghaiClock.today(), crawl: false).findings.count
        #expect(count >= 13)
        return count
    }

    func start(_ s: Setup, watchdog: Bool = true) throws -> DaemonProcess {
        var env = ["NOTIFY_SOCKET": s.notify.path]
        if watchdog { env["WATCHDOG_USEC"] = "2000000" }
        return try DaemonProcess(arguments: ["run", "--config", s.config.path], environment: env)
    }

    @Test func lifecycleUnderSystemd() async throws {
        let s = try await Self.setUp()
        defer { Task { await s.site.stop() } }
        let daemon = try start(s)
        #expect(await s.notify.wait(for: 20) { $0.hasPrefix("READY=1") } > 0, "\(daemon.log)")
        #expect(await s.notify.wait(for: 10) { $0.contains("STATUS=last: demo") && $0.contains("ok") } > 0, "\(daemon.log)")
        #expect(await s.notify.wait(for: 5) { $0 == "WATCHDOG=1" } > 0)
        try await Task.sleep(nanoseconds: 1_500_000_000)
        #expect(s.notify.received.filter { $0 == "WATCHDOG=1" }.count >= 2)

        // /status matches the database.
        let status = try await httpGet(s.port, "/status")
        #expect(status.status == 200)
        let doc = try JSONDecoder().decode(StatusDocument.self, from: Data(status.body.utf8))
        #expect(doc.probes.map(\.id) == ["demo"])
        #expect(doc.probes.first?.last_outcome == "ok")
        #expect(doc.probes.first?.next_run != nil)
        let db = try AppDatabase(path: s.database)
        let open = try db.findings(status: .open)
        #expect(doc.open_findings == open.reduce(into: [:]) { $0[$1.finding.unitID, default: 0] += 1 })
        #expect(open.count == (try await Self.expectedFindings(s, db)))

        // /metrics is valid Prometheus text and agrees too.
        let metrics = try await httpGet(s.port, "/metrics")
        let samples = try PrometheusText.parse(metrics.body)
        #expect(samples["govwatch_up"] == 1)
        #expect(samples["govwatch_runs_total{probe=\"demo\",outcome=\"ok\"}"] == 1)
        #expect(samples["govwatch_findings_open{rule=\"leak\",unit=\"wcgz\"}"] == 1)
        #expect(samples["govwatch_fetches_total{probe=\"demo\",outcome=\"ok\"}"] == 47)
        #expect((samples["govwatch_database_bytes"] ?? 0) > 0)
        // Every demo unit has problems: four notices issued; the leak alert and the notices go
        // to the spool directory at the next delivery round (every 5 s); the digest too once
        // its time of day has come.
        #expect(samples["govwatch_notices{status=\"issued\"}"] == 4 && doc.notices["issued"] == 4)
        #expect(await eventually(seconds: 10) { (try? db.deliveryCounts()[.sent]).map { $0 >= 5 } == true })
        #expect(samples["govwatch_deliveries{status=\"failed\"}"] == 0)
        #expect(try await httpGet(s.port, "/healthz").status == 200)
        // The console on the same listener: open read-only on loopback, with the scheduler's next run.
        let console = try await httpGet(s.port, "/ui/")
        #expect(console.status == 200 && console.body.contains("各单位得分") && console.body.contains("<td>demo</td>"), "\(console.body)")

        // A second instance on the same database is refused.
        let second = try DaemonProcess(arguments: ["run", "--config", s.config.path])
        #expect(await second.exitCode(within: 10) == 1)
        #expect(second.log.contains("already running on this database"))

        // SIGHUP with a valid config: RELOADING=1, then READY=1.
        let readyBefore = s.notify.received.filter { $0.hasPrefix("READY=1") }.count
        try (Self.config(database: s.database, probes: s.site.directory.appendingPathComponent("probes").path, port: s.port)
            + "concurrency: 3\n").write(to: s.config, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(await s.notify.wait(for: 5) { $0 == "RELOADING=1" } == 1)
        #expect(await eventually { s.notify.received.filter { $0.hasPrefix("READY=1") }.count == readyBefore + 1 })
        #expect(await eventually { daemon.log.contains("configuration reloaded") })

        // SIGHUP with a broken config: logged with file and line, the old one stays.
        try "database: \(s.database)\nconcurrency: many\n".write(to: s.config, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(await eventually { s.notify.received.filter { $0 == "RELOADING=1" }.count == 2 })
        #expect(await eventually { daemon.log.contains("reload refused") })
        #expect(daemon.log.contains("\(s.config.path):2: concurrency: expected a whole number"))
        #expect(try await httpGet(s.port, "/healthz").status == 200)
        #expect(daemon.process.isRunning)

        // SIGTERM: STOPPING=1 and exit 0.
        daemon.signal(SIGTERM)
        #expect(await daemon.exitCode(within: 15) == 0, "\(daemon.log)")
        #expect(s.notify.received.contains("STOPPING=1"))
    }

    @Test func aListenAddressInUseStopsTheDaemonWithTheAddress() async throws {
        let s = try await Self.setUp()
        defer { Task { await s.site.stop() } }
        let taken = s.site.origin.split(separator: ":").last.map(String.init)!  // the demo site's own port
        try Self.config(database: s.database, probes: s.site.directory.appendingPathComponent("probes").path, port: UInt16(taken)!)
            .write(to: s.config, atomically: true, encoding: .utf8)
        let daemon = try start(s)
        let code = await daemon.exitCode(within: 15)
        #expect(code != nil && code != 0, "\(daemon.log)")
        #expect(daemon.log.contains("cannot listen on 127.0.0.1:\(taken)"), "\(daemon.log)")
        #expect(!s.notify.received.contains { $0.hasPrefix("READY=1") })
        #expect(try AppDatabase(path: s.database).runs().isEmpty)  // no check started
    }

    @Test func sigtermMidCrawlExitsCleanlyAfterTheGraceTime() async throws {
        // Every article takes 2 s: the crawl (37 articles, 4 at a time) outlasts the 5 s grace.
        let s = try await Self.setUp()
        defer { Task { await s.site.stop() } }
        for (path, page) in DemoPortal.pages() where path.contains("/t2026") {
            s.site.server.route(path) { request in
                try await Task.sleep(nanoseconds: 2_000_000_000)
                return SiteServer.respond(page, to: request)
            }
        }
        let daemon = try start(s)
        #expect(await s.notify.wait(for: 20) { $0.hasPrefix("READY=1") } > 0, "\(daemon.log)")
        let articles = DemoPortal.pages().keys.filter { $0.contains("/t2026") }
        #expect(await eventually(seconds: 20) { articles.contains { s.site.server.hitCount($0) > 0 } })
        let signalled = Date()
        daemon.signal(SIGTERM)
        #expect(await daemon.exitCode(within: 15) == 0, "\(daemon.log)")
        let took = Date().timeIntervalSince(signalled)
        #expect(took >= 5 && took < 5 + 5, "grace 5 s, then the crawl stops at its next transfer: \(took) s")
        #expect(daemon.log.contains("stopping: waiting up to 5 s for demo"), "\(daemon.log)")
        let db = try AppDatabase(path: s.database)
        #expect(try db.counts()["publication"] == 0)  // nothing of the abandoned crawl is stored
    }

    @Test func killedMidCrawlThenRestartedTheRunIsRedoneAndNothingDuplicated() async throws {
        // Every article answers slowly, so the first crawl is still going when it is killed.
        let s = try await Self.setUp()
        defer { Task { await s.site.stop() } }
        for (path, page) in DemoPortal.pages() where path.contains("/t2026") {
            s.site.server.route(path) { request in
                try await Task.sleep(nanoseconds: 150_000_000)
                return SiteServer.respond(page, to: request)
            }
        }
        let first = try start(s, watchdog: false)
        #expect(await s.notify.wait(for: 20) { $0.hasPrefix("READY=1") } > 0, "\(first.log)")
        #expect(await eventually { s.site.server.hitCount("/xwzx/asyw/202611/t20261118_1001.html") > 0 })
        first.signal(SIGKILL)
        #expect(await first.exitCode(within: 5) != nil)
        let db = try AppDatabase(path: s.database)
        #expect(try db.runs().map(\.status) == [.running])
        #expect(try db.counts()["publication"] == 0)  // the crawl's transaction never committed

        let second = try start(s, watchdog: false)
        #expect(await eventually(seconds: 30) { (try? db.runs().map(\.status)) == [.interrupted, .completed] }, "\(second.log)")
        #expect(second.log.contains("runs interrupted by the last stop are redone now"))
        second.signal(SIGTERM)
        #expect(await second.exitCode(within: 15) == 0)
        #expect(try db.counts()["publication"] == 37)
        #expect(try db.findings().count == (try await Self.expectedFindings(s, db)))
        // One deduction per finding that costs points, as the rules see the stored pages today.
        let rubric = RubricLoader.standard()
        #expect(
            try db.deductions(period: ShanghaiClock.today().year).count
                == db.findings().filter { rubric.costsPoints($0.finding) }.count)
    }

    @Test func deliveriesFailThenGoOutOnceAfterARestart() async throws {
        let s = try await Self.setUp()
        defer { Task { await s.site.stop() } }
        let up = Mutex(false)
        let received = Mutex<[String]>([])
        s.site.server.route("/hook") { request in
            guard up.withLock({ $0 }) else { return HTTPResponse(statusCode: .serviceUnavailable) }
            let json = try JSONSerialization.jsonObject(with: try await request.bodyData) as? [String: Any]
            received.withLock { $0.append(json?["name"] as? String ?? "?") }
            return HTTPResponse(statusCode: .ok)
        }
        let delivery = """
            delivery:
              digest_time: "00:00"
              retry_seconds: 1
              channels:
                - { name: hook, type: webhook, url: "\(s.site.origin)/hook?token=SECRET" }

            """
        try (Self.config(database: s.database, probes: s.site.directory.appendingPathComponent("probes").path, port: s.port) + delivery)
            .write(to: s.config, atomically: true, encoding: .utf8)
        let first = try start(s, watchdog: false)
        let db = try AppDatabase(path: s.database)
        // The check queues the leak alert and four notices; the digest is due at once. The
        // spool directory gets them; the webhook answers 503.
        #expect(await eventually(seconds: 30) { ((try? db.deliveries(status: .sent)) ?? []).count == 6 }, "\(first.log)")
        #expect(await eventually { ((try? db.deliveries(status: .pending)) ?? []).filter { $0.attempts >= 1 }.count == 6 })
        #expect(first.log.contains("delivery failed") && first.log.contains("HTTP 503") && !first.log.contains("SECRET"))
        first.signal(SIGTERM)
        #expect(await first.exitCode(within: 15) == 0, "\(first.log)")
        let outbox = URL(fileURLWithPath: s.database).deletingLastPathComponent().appendingPathComponent("outbox").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: outbox).filter { $0.hasSuffix(".docx") }.count == 4)

        // The sink comes back; a new daemon sends each queued message exactly once.
        up.withLock { $0 = true }
        let second = try start(s, watchdog: false)
        #expect(await eventually(seconds: 30) { received.withLock { $0.count } == 6 }, "\(second.log)")
        try await Task.sleep(nanoseconds: 2_000_000_000)
        let names = received.withLock { $0 }
        #expect(Set(names).count == 6 && names.filter { $0.hasPrefix("notice-") }.count == 4)
        #expect(names.contains { $0.hasPrefix("digest-") } && names.contains { $0.hasPrefix("alert-") })
        #expect(try db.deliveries(status: .pending).isEmpty && db.deliveries(status: .sent).count == 12)
        second.signal(SIGTERM)
        #expect(await second.exitCode(within: 15) == 0)
    }

    @Test func acrossTheYearBoundaryDeadlinesAreProvisionalUntilTheNoticeIsImported() async throws {
        // 2026-12-28: five working days reach into 2027, which the shipped data lacks.
        let s = try await Self.setUp()
        defer { Task { await s.site.stop() } }
        let probes = s.site.directory.appendingPathComponent("probes").path
        try Self.config(database: s.database, probes: probes, port: s.port, extra: "every_seconds: 2\n")
            .write(to: s.config, atomically: true, encoding: .utf8)
        var env = ["NOTIFY_SOCKET": s.notify.path, "GOVWATCH_TODAY": "2026-12-28"]
        env["WATCHDOG_USEC"] = nil
        let daemon = try DaemonProcess(arguments: ["run", "--config", s.config.path], environment: env)
        let db = try AppDatabase(path: s.database)
        #expect(await eventually(seconds: 30) { ((try? db.notices()) ?? []).count == 4 }, "\(daemon.log)")
        let notices = try db.notices()
        #expect(notices.allSatisfy { $0.issuedOn == CivilDate(iso: "2026-12-28") && $0.deadline == CivilDate(iso: "2027-01-05") })
        #expect(notices.allSatisfy { $0.provisional && $0.deadlineText == "2027-01-05（暂定）" })
        #expect(daemon.log.contains("no official holidays for 2027: deadlines are provisional"))
        #expect(s.notify.received.contains { $0.contains("holidays 2027 provisional") })
        let status = try JSONDecoder().decode(StatusDocument.self, from: Data(try await httpGet(s.port, "/status").body.utf8))
        #expect(status.calendar.years.last == 2026 && status.calendar.provisional_years.first == 2027)
        let samples = try PrometheusText.parse(try await httpGet(s.port, "/metrics").body)
        #expect(samples["govwatch_calendar_official_until_year"] == 2026)

        // The 2027 notice is published (this text is made up for the test: 1月4日 is a bridge
        // day) and imported; after a reload the next check counts the deadlines again.
        let noticeText = s.site.directory.appendingPathComponent("2027.txt")
        try """
            国务院办公厅关于2027年部分节假日安排的通知
            一、元旦：1月1日（周五）至4日（周一）放假调休，共4天。1月9日（周六）上班。
            """.write(to: noticeText, atomically: true, encoding: .utf8)
        let holidays = s.site.directory.appendingPathComponent("holidays-2027.tsv").path
        let imported = try runTool(DaemonProcess.binary.path, ["calendar", "import", noticeText.path, "--out", holidays])
        #expect(imported.code == 0, "\(imported.stderr)")
        try Self.config(database: s.database, probes: probes, port: s.port, extra: "every_seconds: 2\nholidays: \(holidays)\n")
            .write(to: s.config, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        #expect(
            await eventually(seconds: 20) {
                ((try? db.notices()) ?? []).allSatisfy { !$0.provisional && $0.deadline == CivilDate(iso: "2027-01-06") }
            }, "\(daemon.log)")
        #expect(try db.notices().allSatisfy { $0.deadlineWas == CivilDate(iso: "2027-01-05") && $0.deadlineText == "2027-01-06（原为2027-01-05）" })
        // The notices are updated first, the four changes queued right after.
        #expect(await eventually { ((try? db.deliveries()) ?? []).filter { $0.key.hasPrefix("deadline:") }.count == 4 })
        try await Task.sleep(nanoseconds: 2_000_000_000)
        #expect(try db.deliveries().filter { $0.key.hasPrefix("deadline:") }.count == 4, "queued once each")
        daemon.signal(SIGTERM)
        #expect(await daemon.exitCode(within: 15) == 0)
    }

    @Test func theExampleConfigIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let c = try DaemonConfig.load(root.appendingPathComponent("systemd/govwatch.yaml").path)
        #expect(c.database == "/var/lib/govwatch/govwatch.sqlite" && c.delivery.digestMinute == 8 * 60 + 30)
        #expect(c.delivery.channels(database: c.database).map(\.directory) == ["/var/lib/govwatch/outbox"])
    }

    @Test func theUnitFileVerifiesAndIsHardened() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let analyze = "/usr/bin/systemd-analyze"
        try #require(FileManager.default.isExecutableFile(atPath: analyze), "systemd-analyze is part of Debian's systemd package")
        // Verify a copy whose ExecStart points at this build's binary (nothing is installed here).
        let unit = try String(contentsOf: root.appendingPathComponent("systemd/govwatch.service"), encoding: .utf8)
            .replacingOccurrences(of: "/usr/local/bin/govwatch", with: DaemonProcess.binary.path)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("govwatch.service")
        try unit.write(to: copy, atomically: true, encoding: .utf8)
        let verify = try run(analyze, ["verify", copy.path])
        #expect(verify.code == 0 && verify.output.isEmpty, "\(verify.output)")
        let security = try run(analyze, ["security", "--offline=yes", copy.path])
        let line = security.output.split(separator: "\n").first { $0.contains("Overall exposure level") } ?? ""
        print("systemd-analyze security: \(line)")
        let level = Double(line.split(separator: " ").compactMap { Double($0) }.first ?? 99)
        #expect(level <= 2.0, "\(security.output)")
    }

    private func run(_ tool: String, _ args: [String]) throws -> (code: Int32, output: String) {
        let r = try runTool(tool, args)
        return (r.code, String(decoding: r.stdout, as: UTF8.self) + r.stderr)
    }
}

/// A strict reader of the Prometheus text format 0.0.4: HELP and TYPE before samples, names
/// and labels by the grammar, one family's samples together, numeric values.
enum PrometheusText {
    struct Invalid: Error, CustomStringConvertible { var description: String }

    /// Samples keyed `name{labels}` as written.
    static func parse(_ text: String) throws -> [String: Double] {
        var samples: [String: Double] = [:]
        var typed: [String: String] = [:]
        var seenFamilies: [String] = []
        let name = #/[a-zA-Z_:][a-zA-Z0-9_:]*/#
        let sample = #/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})? (-?[0-9.eE+]+|NaN|\+Inf|-Inf)$/#
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty { continue }
            if line.hasPrefix("# HELP ") {
                guard let n = line.dropFirst(7).split(separator: " ").first, n.wholeMatch(of: name) != nil else {
                    throw Invalid(description: "line \(i + 1): bad HELP")
                }
                continue
            }
            if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ")
                guard parts.count == 2, ["counter", "gauge", "histogram", "summary", "untyped"].contains(String(parts[1])) else {
                    throw Invalid(description: "line \(i + 1): bad TYPE")
                }
                guard typed[String(parts[0])] == nil else { throw Invalid(description: "line \(i + 1): TYPE repeated") }
                typed[String(parts[0])] = String(parts[1])
                seenFamilies.append(String(parts[0]))
                continue
            }
            guard let m = line.wholeMatch(of: sample) else { throw Invalid(description: "line \(i + 1): not a sample: \(line)") }
            var metric = String(m.1)
            // A histogram's samples are its name with _bucket, _sum and _count.
            if typed[metric] == nil, let family = seenFamilies.last, typed[family] == "histogram",
                ["_bucket", "_sum", "_count"].contains(where: { metric == family + $0 })
            {
                metric = family
            }
            guard typed[metric] != nil, seenFamilies.last == metric else {
                throw Invalid(description: "line \(i + 1): sample of \(metric) outside its family")
            }
            guard let value = Double(String(m.5)) else { throw Invalid(description: "line \(i + 1): bad value") }
            let key = String(line[..<line.lastIndex(of: " ")!])
            guard samples[key] == nil else { throw Invalid(description: "line \(i + 1): duplicate sample \(key)") }
            samples[key] = value
        }
        return samples
    }
}

/// Polls a condition for up to `seconds` of real time.
func eventually(seconds: Double, _ condition: () async -> Bool) async -> Bool {
    for _ in 0..<Int(seconds * 20) {
        if await condition() { return true }
        try? await Task.sleep(nanoseconds: 50_000_000)
    }
    return false
}
