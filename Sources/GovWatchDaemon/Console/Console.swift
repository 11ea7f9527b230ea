import FlyingFox
import Foundation
import GovWatchCore
import GovWatchStore

/// What the console reads: the store, the settings in force and the scheduler's view.
public struct ConsoleContext: Sendable {
    public var database: AppDatabase
    public var settings: @Sendable () -> DaemonSettings
    /// Next and last runs per probe (empty when no scheduler runs, as in `govwatch console`).
    public var schedules: @Sendable () async -> [ProbeSchedule]
    /// Whether the listener is a loopback address: without users, the console is then open read-only.
    public var loopback: Bool
    /// Seconds since 1970.
    public var now: @Sendable () -> Double

    public init(
        database: AppDatabase, settings: @escaping @Sendable () -> DaemonSettings,
        schedules: @escaping @Sendable () async -> [ProbeSchedule], loopback: Bool,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.database = database
        self.settings = settings
        self.schedules = schedules
        self.loopback = loopback
        self.now = now
    }

    var today: CivilDate { ShanghaiClock.day(unixSeconds: now()) }
}

/// Who is looking at a page.
struct Viewer: Sendable {
    var name: String
    var role: ConsoleRole
    /// False in the open, read-only mode on loopback without users.
    var signedIn: Bool
    var csrf: String
    var token: String?

    var canRecord: Bool { signedIn && role == .evaluator }
}

/// The web console under `/ui/`: server-rendered pages for supervisors and evaluators.
///
/// Access: on a loopback listener with no `console.users`, every page is open read-only
/// (like `/status`); with users, or on any other address, a login is required, and without
/// users off loopback the console is closed. Sessions live in a cookie (`HttpOnly`,
/// `SameSite=Strict`, `Secure` when configured); every form carries a CSRF token; failed
/// logins are limited per user and per address.
public struct Console: Sendable {
    let context: ConsoleContext
    let sessions = ConsoleSessions()
    static let cookie = "gw_session"

    public init(context: ConsoleContext) {
        self.context = context
    }

    /// Answers a request whose path starts with `/ui`.
    public func respond(_ request: HTTPRequest) async -> HTTPResponse {
        do {
            return try await route(request)
        } catch let error as ConsoleInputError {
            return page(.badRequest, title: "无法处理", body: message(error.message, link: error.back), viewer: nil)
        } catch let error as StoreError {
            return page(.badRequest, title: "无法处理", body: message(error.message, link: nil), viewer: nil)
        } catch {
            return page(.internalServerError, title: "出错了", body: message("\(error)", link: "/ui/"), viewer: nil)
        }
    }

    private func route(_ request: HTTPRequest) async throws -> HTTPResponse {
        let path = request.path.hasSuffix("/") && request.path.count > 4 ? String(request.path.dropLast()) : request.path
        let post = request.method == .POST
        if path == "/ui/console.css" {
            return ConsoleHTTP.response(.ok, type: "text/css; charset=utf-8", body: Data(ConsoleTemplates.css.utf8))
        }
        let users = context.settings().config.console.users
        if users.isEmpty && !context.loopback {
            return page(
                .forbidden, title: "控制台未开放",
                body: message("监听地址不是本机，须先在配置文件的 console.users 中添加用户（govwatch user add）。", link: nil), viewer: nil)
        }
        let form = post ? ConsoleHTTP.fields(String(decoding: try await request.bodyData.prefix(64 << 10), as: UTF8.self)) : [:]
        if path == "/ui/login" { return try await login(request, form: form, users: users) }
        guard let viewer = await viewer(request, users: users) else {
            return ConsoleHTTP.redirect("/ui/login?next=" + ConsoleHTTP.escape(path))
        }
        if post {
            guard viewer.signedIn, form["csrf"] == viewer.csrf else {
                return page(.forbidden, title: "请求被拒绝", body: message("表单已失效（缺少或错误的校验码），请刷新页面后重试。", link: nil), viewer: viewer)
            }
            if path == "/ui/logout" {
                if let token = viewer.token { await sessions.end(token) }
                return ConsoleHTTP.redirect("/ui/login", extra: [HTTPHeader("Set-Cookie"): "\(Self.cookie)=; Path=/ui; Max-Age=0; HttpOnly; SameSite=Strict"])
            }
            guard viewer.canRecord else {
                return page(.forbidden, title: "无权操作", body: message("只有考评人员可以记录扣分和书面报告。", link: nil), viewer: viewer)
            }
        }
        let parts = path.split(separator: "/").map(String.init)  // ["ui", …]
        let query = Dictionary(request.query.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        switch (parts.dropFirst().first, parts.count, post) {
        case (nil, 1, false): return try await overview(viewer)
        case ("unit", 3, false): return try unit(parts[2], viewer, flash: query["done"])
        case ("unit", 4, true) where parts[3] == "deduct": return try await deduct(unit: parts[2], form: form, viewer)
        case ("findings", 2, false): return try findings(query, viewer)
        case ("finding", 3, false): return try finding(parts[2], viewer)
        case ("notices", 2, false): return try notices(query, viewer)
        case ("notice", 3, false): return try notice(parts[2], viewer, flash: query["done"])
        case ("notice", 4, true) where parts[3] == "report": return try await recordReport(notice: parts[2], form: form, viewer)
        case ("scores", 2, false): return try scores(query, viewer)
        case ("scores", 3, false): return try await scoreDownload(parts[2])
        case ("runs", 2, false): return try runs(viewer)
        default:
            return page(.notFound, title: "页面不存在", body: message("没有这个页面。", link: "/ui/"), viewer: viewer)
        }
    }

    // MARK: Access

    private func viewer(_ request: HTTPRequest, users: [ConsoleUser]) async -> Viewer? {
        if users.isEmpty { return Viewer(name: "本机", role: .supervisor, signedIn: false, csrf: "", token: nil) }
        guard let token = ConsoleHTTP.cookies(request.headers[.cookie])[Self.cookie],
            let s = await sessions.session(token, now: context.now()),
            users.contains(where: { $0.name == s.user && $0.role == s.role })  // a user removed on reload is out
        else { return nil }
        return Viewer(name: s.user, role: s.role, signedIn: true, csrf: s.csrf, token: token)
    }

    private func login(_ request: HTTPRequest, form: [String: String], users: [ConsoleUser]) async throws -> HTTPResponse {
        struct View { var next: String }
        let next = (request.method == .POST ? form["next"] : request.query.first { $0.name == "next" }?.value) ?? "/ui/"
        let safeNext = next.hasPrefix("/ui") && !next.hasPrefix("//") ? next : "/ui/"
        let loginPage = ConsoleTemplates.render(View(next: safeNext), "login")
        if users.isEmpty { return ConsoleHTTP.redirect("/ui/") }
        guard request.method == .POST else { return page(.ok, title: "登录", body: loginPage, viewer: nil) }
        let name = form["user"] ?? ""
        let address = Self.peer(request)
        let now = context.now()
        guard await sessions.mayTry(user: name, address: address, now: now) else {
            return page(.tooManyRequests, title: "登录", body: message("登录失败次数过多，请 15 分钟后再试。", link: nil), viewer: nil)
        }
        let password = form["password"] ?? ""
        let user = users.first { $0.name == name }
        // Argon2id costs ~19 MiB and tens of ms: off the pool.
        let matches = await OffPool.run { PasswordHash.verify(password, hash: user?.passwordHash ?? Self.decoyHash) }
        guard let user, matches else {
            await sessions.failed(user: name, address: address, now: now)
            return page(.unauthorized, title: "登录", body: "<p class=\"bad\">用户名或密码错误。</p>" + loginPage, viewer: nil)
        }
        let settings = context.settings().config.console
        let (token, _) = await sessions.start(user: user.name, role: user.role, now: now, hours: settings.sessionHours)
        let cookie =
            "\(Self.cookie)=\(token); Path=/ui; Max-Age=\(Int(settings.sessionHours * 3600)); HttpOnly; SameSite=Strict"
            + (settings.secureCookie ? "; Secure" : "")
        return ConsoleHTTP.redirect(safeNext, extra: [HTTPHeader("Set-Cookie"): cookie])
    }

    /// The socket's peer address; `X-Forwarded-For` is not trusted (a client could name any address).
    private static func peer(_ request: HTTPRequest) -> String {
        switch request.remoteAddress {
        case .ip4(let ip, port: _), .ip6(let ip, port: _): ip
        case .unix(let path): path
        case nil: ""
        }
    }

    /// Verified against when the user name is unknown, so both failures take as long.
    private static let decoyHash = (try? PasswordHash.make(ConsoleSessions.randomToken())) ?? ""

    // MARK: Rendering

    func page(_ status: HTTPStatusCode, title: String, body: String, viewer: Viewer?, flash: String? = nil) -> HTTPResponse {
        struct Layout {
            var title: String
            var body: String
            var viewer: ViewerView?
            var flash: String?
            var version: String
            var generated: String
        }
        struct ViewerView {
            var name: String
            var role: String
            var signedIn: Bool
            var csrf: String
        }
        let html = ConsoleTemplates.render(
            Layout(
                title: title, body: body,
                viewer: viewer.map { ViewerView(name: $0.name, role: $0.role.label, signedIn: $0.signedIn, csrf: $0.csrf) },
                flash: flash, version: StatusServer.version, generated: ConsoleFormat.time(context.now())),
            "layout")
        return ConsoleHTTP.response(status, body: Data(html.utf8))
    }

    func message(_ text: String, link: String?) -> String {
        struct View {
            var text: String
            var link: String?
        }
        return ConsoleTemplates.render(View(text: text, link: link), "message")
    }
}

/// A form or query value the console cannot take; shown with a way back.
struct ConsoleInputError: Error {
    var message: String
    var back: String?
}
