import FlyingFox
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import GovWatchReport
import GovWatchStore
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The console over real HTTP on 127.0.0.1, on the demo checked once.
@Suite(.serialized) struct ConsoleTests {
    /// The console's clock: the demo's day at noon in Shanghai, moved by the tests.
    final class Clock: Sendable {
        let seconds = Mutex(Double(CheckTests.asOf.daysSinceEpoch) * 86_400 + 4 * 3600)
        var now: Double { seconds.withLock { $0 } }
        func advance(hours: Double) { seconds.withLock { $0 += hours * 3600 } }
    }

    struct Setup {
        let site: TestSite
        let server: HTTPServer
        let port: UInt16
        let clock: Clock
        var database: AppDatabase { site.database }

        func stop() async {
            await server.stop(timeout: 1)
            await site.stop()
        }
    }

    static let evaluatorPassword = "evaluator-secret-1"
    static let supervisorPassword = "supervisor-secret-1"

    static func users() throws -> [ConsoleUser] {
        [
            ConsoleUser(name: "李考评", role: .evaluator, passwordHash: try PasswordHash.make(evaluatorPassword)),
            ConsoleUser(name: "supervisor", role: .supervisor, passwordHash: try PasswordHash.make(supervisorPassword)),
        ]
    }

    static func setUp(users: [ConsoleUser] = [], loopback: Bool = true, secureCookie: Bool = false) async throws -> Setup {
        let (site, probe) = try await CheckTests.demo()
        var config = DaemonConfig()
        config.database = site.directory.appendingPathComponent("govwatch.sqlite").path
        config.console.users = users
        config.console.secureCookie = secureCookie
        let settings = DaemonSettings(config: config, probes: [probe], calendar: .china, rubric: RubricLoader.standard(), templates: .standard)
        // The demo checked once as of its day, with its notices issued.
        let report = try await Checker(probe: probe, database: site.database).run(asOf: CheckTests.asOf)
        try settings.postOffice(database: site.database).afterCheck(report, day: CheckTests.asOf, now: Double(CheckTests.asOf.daysSinceEpoch) * 86_400)
        let clock = Clock()
        let console = Console(
            context: ConsoleContext(
                database: site.database, settings: { settings }, schedules: { [] }, loopback: loopback, now: { clock.now }))
        let server = try ConsoleServer.server(console, host: "127.0.0.1", port: 0)
        Task { try? await server.run() }
        try await server.waitUntilListening(timeout: 5)
        guard case .ip4(_, let port) = await server.listeningAddress else { throw CancellationError() }
        return Setup(site: site, server: server, port: port, clock: clock)
    }

    // MARK: Pages

    @Test func everyPageAnswersWithWhatTheStoreHolds() async throws {
        let s = try await Self.setUp()
        defer { Task { await s.stop() } }
        let c = ConsoleClient(port: s.port)
        let units = try s.database.units()
        let scores = try Evaluation(database: s.database, rubric: RubricLoader.standard()).scores(period: CheckTests.asOf.year)

        let overview = try await c.get("/ui/")
        #expect(overview.status == 200)
        #expect(overview.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
        #expect(overview.header("X-Content-Type-Options") == "nosniff")
        for u in units { #expect(overview.body.contains(u.fullName)) }
        for score in scores { #expect(overview.body.contains("<td class=\"num\">\(Rubric.format(score.total))</td>")) }
        #expect(overview.body.contains("国办检查指标") && overview.body.contains("不合格"))  // the demo fails the national lines
        #expect(!overview.body.contains("<script"))

        let unit = units[0]
        let unitPage = try await c.get("/ui/unit/\(unit.id)")
        #expect(unitPage.status == 200)
        #expect(unitPage.body.contains("<svg") && unitPage.body.contains("<polyline"))  // the score over the year
        #expect(unitPage.body.contains("按月、按规则"))
        #expect(!unitPage.body.contains("记录人工扣分"))  // read-only without a login

        var q = FindingQuery()
        q.unitID = unit.id
        q.status = .open
        let expected = try s.database.findingPage(q)
        let list = try await c.get("/ui/findings?unit=\(unit.id)&status=open")
        #expect(list.status == 200)
        #expect(list.body.contains("共 \(expected.total) 条"))
        for f in expected.findings { #expect(list.body.contains("href=\"/ui/finding/\(f.id)\"")) }
        #expect(try await c.get("/ui/findings?from=2026-13-01").status == 400)

        let f = expected.findings[0]
        let findingPage = try await c.get("/ui/finding/\(f.id)")
        #expect(findingPage.status == 200)
        #expect(findingPage.body.contains(Self.escaped(f.finding.clause)))
        #expect(findingPage.body.contains(f.firstSeen.description))
        for e in f.finding.evidence { #expect(findingPage.body.contains(Self.escaped(e.value))) }

        let notice = try #require(try s.database.notices().first)
        #expect(try await c.get("/ui/notices").body.contains(notice.number))
        let noticePage = try await c.get("/ui/notice/\(notice.id)")
        #expect(noticePage.status == 200 && noticePage.body.contains(notice.deadlineText))
        #expect(try await c.get("/ui/notice/\(notice.id).html").body.contains("整改通知书"))
        let docx = try await c.get("/ui/notice/\(notice.id).docx")
        #expect(docx.data.prefix(2) == Data("PK".utf8))

        let scoresPage = try await c.get("/ui/scores?year=\(CheckTests.asOf.year)")
        #expect(scoresPage.status == 200 && scoresPage.body.contains(units[0].fullName))
        let xlsx = try await c.get("/ui/scores/\(CheckTests.asOf.year).xlsx")
        #expect(xlsx.status == 200 && xlsx.data.prefix(2) == Data("PK".utf8))
        let sheet = try YearEndPack.sheet(Evaluation(database: s.database, rubric: RubricLoader.standard()), year: CheckTests.asOf.year)
        let csv = try await c.get("/ui/scores/\(CheckTests.asOf.year)-log.csv")
        #expect(csv.data == CSVExport.render(header: EvaluationSheet.logHeader, rows: sheet.log))
        #expect(try await c.get("/ui/scores/\(CheckTests.asOf.year).json").data == (try JSONExport(sheet).encoded()))
        #expect(try await c.get("/ui/scores/1999.json").status == 400)

        let runs = try await c.get("/ui/runs")
        let run = try #require(try s.database.recentRuns(limit: 1).first)
        #expect(runs.status == 200 && runs.body.contains("<td>\(run.id)</td>") && runs.body.contains("发送队列"))
        #expect(try await c.get("/ui/nothing").status == 404)
        #expect(try await c.get("/ui/console.css").header("Content-Type")?.hasPrefix("text/css") == true)
    }

    @Test func aHostileTitleRendersAsTextAndItsLinkIsNotFollowed() async throws {
        let s = try await Self.setUp()
        defer { Task { await s.stop() } }
        let hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>"
        let unit = try s.database.units()[0].id
        _ = try s.database.reconcile(
            probeID: "hostile",
            findings: [
                Finding(
                    rule: "unsourced-repost", unitID: unit, url: "javascript:alert(1)", clause: "附件4 第六条",
                    description: "转载的《\(hostile)》未注明信息来源", evidence: [Evidence("标题", hostile)])
            ], asOf: CheckTests.asOf)
        let id = try #require(try s.database.findingPage(FindingQuery()).findings.first { $0.probeID == "hostile" }?.id)
        let c = ConsoleClient(port: s.port)
        for path in ["/ui/finding/\(id)", "/ui/findings", "/ui/unit/\(unit)"] {
            let page = try await c.get(path)
            #expect(page.status == 200)
            #expect(!page.body.contains("<script>") && !page.body.contains("<img src=x"), "\(path)")
            #expect(page.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "\(path)")
            #expect(!page.body.contains("href=\"javascript:"), "\(path)")
        }
    }

    // MARK: Access

    @Test func offLoopbackWithoutUsersTheConsoleIsClosed() async throws {
        let s = try await Self.setUp(loopback: false)
        defer { Task { await s.stop() } }
        let c = ConsoleClient(port: s.port)
        let page = try await c.get("/ui/")
        #expect(page.status == 403 && page.body.contains("govwatch user add"))
        #expect(try await c.get("/ui/findings").status == 403)

        // With users, the same listener asks for a login, and an evaluator gets in.
        let withUsers = try await Self.setUp(users: try Self.users(), loopback: false)
        defer { Task { await withUsers.stop() } }
        let e = ConsoleClient(port: withUsers.port)
        #expect(try await e.get("/ui/").status == 303)
        #expect(try await e.login("李考评", Self.evaluatorPassword).status == 303)
        #expect(try await e.get("/ui/").status == 200)
    }

    @Test func withUsersEveryPageNeedsALoginAndWrongPasswordsAreRefusedThenThrottled() async throws {
        let s = try await Self.setUp(users: try Self.users(), secureCookie: true)
        defer { Task { await s.stop() } }
        let c = ConsoleClient(port: s.port)
        for path in ["/ui/", "/ui/findings", "/ui/scores/2026.json", "/ui/notice/1.docx"] {
            let r = try await c.get(path)
            #expect(r.status == 303 && r.header("Location")?.hasPrefix("/ui/login?next=") == true, "\(path)")
        }
        let wrong = try await c.post("/ui/login", ["user": "李考评", "password": "not-the-password"])
        #expect(wrong.status == 401 && wrong.body.contains("用户名或密码错误"))
        #expect(wrong.header("Set-Cookie") == nil)
        #expect(try await c.post("/ui/login", ["user": "nobody", "password": Self.evaluatorPassword]).status == 401)

        let ok = try await c.login("李考评", Self.evaluatorPassword, next: "/ui/findings")
        #expect(ok.status == 303 && ok.header("Location") == "/ui/findings")
        let cookie = try #require(ok.header("Set-Cookie"))
        for attribute in ["HttpOnly", "SameSite=Strict", "Path=/ui", "Secure"] { #expect(cookie.contains(attribute)) }
        #expect(try await c.get("/ui/").status == 200)
        #expect(try await c.get("/ui/").body.contains("李考评 · 考评"))

        // An open redirect after login is not possible.
        let other = ConsoleClient(port: s.port)
        #expect(try await other.login("supervisor", Self.supervisorPassword, next: "//127.0.0.2/").header("Location") == "/ui/")

        // Five failures for a user: the sixth try is refused even with the right password.
        let attacker = ConsoleClient(port: s.port)
        for _ in 0..<5 { #expect(try await attacker.post("/ui/login", ["user": "supervisor", "password": "guess"]).status == 401) }
        #expect(try await attacker.post("/ui/login", ["user": "supervisor", "password": Self.supervisorPassword]).status == 429)
        s.clock.advance(hours: 0.26)  // the window has passed
        #expect(try await attacker.login("supervisor", Self.supervisorPassword).status == 303)

        // Sessions end after session_hours (8 by default).
        s.clock.advance(hours: 8.1)
        #expect(try await c.get("/ui/").status == 303)
    }

    @Test func formsNeedTheCSRFTokenAndTheEvaluatorRoleAndWriteAuditedRows() async throws {
        let s = try await Self.setUp(users: try Self.users())
        defer { Task { await s.stop() } }
        let year = CheckTests.asOf.year
        let unit = try s.database.units()[0].id
        let evaluator = ConsoleClient(port: s.port)
        #expect(try await evaluator.login("李考评", Self.evaluatorPassword).status == 303)
        let unitPage = try await evaluator.get("/ui/unit/\(unit)")
        #expect(unitPage.body.contains("记录人工扣分"))
        let csrf = try #require(unitPage.csrf)
        let before = try s.database.deductions(period: year).count
        let form = ["line": "content-timely", "points": "1", "reason": "栏目更新不及时（人工核查）"]

        #expect(try await evaluator.post("/ui/unit/\(unit)/deduct", form).status == 403)  // no token
        #expect(try await evaluator.post("/ui/unit/\(unit)/deduct", form.merging(["csrf": "forged"]) { $1 }).status == 403)
        #expect(try s.database.deductions(period: year).count == before)

        let done = try await evaluator.post("/ui/unit/\(unit)/deduct", form.merging(["csrf": csrf]) { $1 })
        #expect(done.status == 303)
        let added = try #require(try s.database.deductions(period: year).last)
        #expect(try s.database.deductions(period: year).count == before + 1)
        #expect(added.by == "李考评" && added.reason == form["reason"] && added.source == .manual && added.points == 1)
        #expect(try await evaluator.get(done.header("Location")!).body.contains("已记录"))

        // Bad input is refused with the reason and writes nothing.
        let tooMuch = try await evaluator.post("/ui/unit/\(unit)/deduct", ["line": "content-timely", "points": "99", "reason": "x", "csrf": csrf])
        #expect(tooMuch.status == 400 && tooMuch.body.contains("points must be"))
        #expect(try s.database.deductions(period: year).count == before + 1)

        let notice = try #require(try s.database.notices().first)
        let reported = try await evaluator.post("/ui/notice/\(notice.id)/report", ["on": "2026-11-25", "note": "阿政办报〔2026〕3号", "csrf": csrf])
        #expect(reported.status == 303)
        let after = try #require(try s.database.notice(id: notice.id))
        #expect(after.reportedOn?.description == "2026-11-25" && after.reportedBy == "李考评")

        // A supervisor reads but cannot record, token or not.
        let supervisor = ConsoleClient(port: s.port)
        #expect(try await supervisor.login("supervisor", Self.supervisorPassword).status == 303)
        let supervisorPage = try await supervisor.get("/ui/unit/\(unit)")
        #expect(!supervisorPage.body.contains("记录人工扣分"))
        let token = try #require(supervisorPage.csrf)
        #expect(try await supervisor.post("/ui/unit/\(unit)/deduct", form.merging(["csrf": token]) { $1 }).status == 403)
        #expect(try s.database.deductions(period: year).count == before + 1)

        // Logging out ends the session.
        #expect(try await evaluator.post("/ui/logout", ["csrf": csrf]).status == 303)
        #expect(try await evaluator.get("/ui/").status == 303)
    }

    // MARK: Users in the config

    @Test func userAddWritesAHashIntoTheConfigAndKeepsItsComments() throws {
        let user = ConsoleUser(name: "王督查", role: .supervisor, passwordHash: try PasswordHash.make("correct horse battery"))
        let plain = "# govwatch\ndatabase: /var/lib/govwatch/govwatch.sqlite\n"
        let once = try ConsoleUsersFile.adding(user, to: plain, file: "g.yaml")
        #expect(once.hasPrefix("# govwatch\n"))
        let parsed = try DaemonConfig.parse(once, file: "g.yaml")
        #expect(parsed.console.users == [user])
        #expect(PasswordHash.verify("correct horse battery", hash: parsed.console.users[0].passwordHash))
        #expect(!PasswordHash.verify("wrong", hash: parsed.console.users[0].passwordHash))
        #expect(!once.contains("correct horse battery"))

        let second = ConsoleUser(name: "李考评", role: .evaluator, passwordHash: try PasswordHash.make("another secret"))
        let twice = try ConsoleUsersFile.adding(second, to: once + "rubric: arxan-2021\n", file: "g.yaml")
        #expect(try DaemonConfig.parse(twice, file: "g.yaml").console.users.map(\.name) == ["王督查", "李考评"])
        #expect(throws: ConfigError.self) { try ConsoleUsersFile.adding(user, to: twice, file: "g.yaml") }  // exists

        let withSettings = "console:\n  session_hours: 4\n  users: []\n"
        let third = try DaemonConfig.parse(try ConsoleUsersFile.adding(user, to: withSettings, file: "g.yaml"), file: "g.yaml")
        #expect(third.console.sessionHours == 4 && third.console.users == [user])
    }

    @Test func aPlainPasswordInTheConfigIsRefusedWithItsLine() {
        let text = "database: /tmp/x.sqlite\nconsole:\n  users:\n    - { name: a, role: evaluator, password_hash: secret }\n"
        #expect {
            try DaemonConfig.parse(text, file: "g.yaml")
        } throws: { error in
            "\(error)".contains("g.yaml:4") && "\(error)".contains("not an Argon2id hash")
        }
        #expect(throws: ConfigError.self) {
            try DaemonConfig.parse("console:\n  users:\n    - { name: a, role: admin, password_hash: x }\n", file: "g.yaml")
        }
    }

    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}

/// A browser's part: keeps the session cookie, does not follow redirects.
final class ConsoleClient: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    struct Response {
        var status: Int
        var headers: [String: String]
        var data: Data
        var body: String { String(decoding: data, as: UTF8.self) }
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
        /// The CSRF token of the page's first form.
        var csrf: String? {
            guard let r = body.range(of: "name=\"csrf\" value=\"") else { return nil }
            return String(body[r.upperBound...].prefix { $0 != "\"" })
        }
    }

    let port: UInt16
    private let cookie = Mutex<String?>(nil)
    private lazy var session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)

    init(port: UInt16) { self.port = port }

    func get(_ path: String) async throws -> Response { try await send(path, method: "GET", body: nil) }

    func post(_ path: String, _ form: [String: String]) async throws -> Response {
        let body = form.sorted { $0.key < $1.key }.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(path, method: "POST", body: Data(body.utf8))
    }

    func login(_ user: String, _ password: String, next: String = "/ui/") async throws -> Response {
        try await post("/ui/login", ["user": user, "password": password, "next": next])
    }

    private func send(_ path: String, method: String, body: Data?) async throws -> Response {
        var r = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        r.httpMethod = method
        r.httpShouldHandleCookies = false
        if let body {
            r.httpBody = body
            r.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
        if let c = cookie.withLock({ $0 }) { r.setValue(c, forHTTPHeaderField: "Cookie") }
        let (data, response) = try await session.data(for: r)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields { headers["\(k)"] = "\(v)" }
        let result = Response(status: http.statusCode, headers: headers, data: data)
        if let set = result.header("Set-Cookie"), let pair = set.split(separator: ";").first {
            cookie.withLock { $0 = pair.hasSuffix("=") ? nil : String(pair) }
        }
        return result
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
        completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }
}
