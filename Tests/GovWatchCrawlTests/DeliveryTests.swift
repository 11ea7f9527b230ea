import FlyingFox
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import GovWatchCore
@testable import GovWatchDelivery
import GovWatchDemo
import GovWatchReport
@testable import GovWatchStore
import Synchronization
import Testing

/// Deliveries to real peers on 127.0.0.1: an SMTP sink, HTTP webhooks, a failing sink.
@Suite struct DeliveryTests {
    static func notice() throws -> OutboundMessage {
        let items = [
            NoticeItem(
                fingerprint: "f1", rule: .leak, description: "《关于低保申请人员名单的公示》公开了不应公开的居民身份证号码",
                clause: "附件1 第十三条", url: "http://127.0.0.1:9/a.html", points: 2),
            NoticeItem(
                fingerprint: "f2", rule: .lateDisclosure, description: "成文后31个工作日才公开 & <超时>", clause: "附件1 第十条",
                url: "http://127.0.0.1:9/b.html", points: 1),
        ]
        let stored = StoredNotice(
            id: 12, number: "阿政务公开办整改〔2026〕12号", unitID: "wcgz", issuedOn: CivilDate(iso: "2026-11-20")!,
            deadline: CivilDate(iso: "2026-11-27")!, status: .issued, closedOn: nil, followUpOf: nil, items: items)
        let doc = NoticeDocument(
            notice: stored, unitName: "阿尔山市五岔沟镇人民政府", issuer: "阿尔山市政务公开领导小组办公室", deadlineDays: 5, previous: nil)
        return try Messages.notice(doc, recipients: ["wcgz@127.0.0.1"])
    }

    /// A channel's blocking send on a thread of its own: blocking the concurrency pool (two
    /// threads here) would stall the in-process HTTP servers of the tests running beside.
    static func send(_ channel: some Channel, _ message: OutboundMessage) async throws {
        if let error = await OffPool.run({ () -> DeliveryError? in
            do throws(DeliveryError) {
                try channel.send(message)
                return nil
            } catch { return error }
        }) {
            throw error
        }
    }

    @Test func smtpSinkReceivesAWellFormedMIMEMessage() async throws {
        let sink = try SMTPSink()
        defer { sink.stop() }
        var config = ChannelConfig(name: "mail", type: .smtp)
        config.url = "smtp://127.0.0.1:\(sink.port)"
        config.startTLS = false  // the sink speaks no TLS; production URLs require it
        config.username = "govwatch"
        config.password = "s3cret"
        config.from = "govwatch@127.0.0.1"
        config.to = ["gkb@127.0.0.1"]  // the supervisors; the unit's own address comes with the notice
        let message = try Self.notice()
        try await Self.send(SMTPChannel(config: config), message)

        let mail = try #require(sink.mails.first)
        #expect(mail.from == "<govwatch@127.0.0.1>" && mail.to == ["<gkb@127.0.0.1>", "<wcgz@127.0.0.1>"])
        #expect(Data(base64Encoded: mail.auth ?? "").map { String(decoding: $0, as: UTF8.self) } == "\0govwatch\0s3cret")
        let mime = try MIMEReader(mail.data)
        #expect(mime.header("Subject") == "政府信息公开整改通知书（阿政务公开办整改〔2026〕12号）")
        #expect(mime.header("MIME-Version") == "1.0")
        #expect(mime.header("To") == "gkb@127.0.0.1, wcgz@127.0.0.1")
        let plain = try #require(mime.part("text/plain"))
        let html = try #require(mime.part("text/html"))
        #expect(String(decoding: plain.body, as: UTF8.self).contains("阿尔山市五岔沟镇人民政府："))
        #expect(String(decoding: html.body, as: UTF8.self).contains("成文后31个工作日才公开 &amp; &lt;超时&gt;"))
        let docx = try #require(mime.part("application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        #expect(docx.disposition.contains("filename*=UTF-8''notice-"))
        let xml = try DocxCheck.documentXML(docx.body)
        #expect(xml.contains("阿政务公开办整改〔2026〕12号") && xml.contains("仿宋") == false)  // the font is in styles.xml
        #expect(try DocxCheck.styles(docx.body).contains("仿宋_GB2312"))
    }

    /// A TLS SMTP peer: Tests/Scripts/smtp_tls_sink.py with a fresh self-signed certificate
    /// for 127.0.0.1; returns its port, its directory and the process.
    static func tlsSink(_ mode: String) throws -> (port: Int, dir: URL, cert: String, process: Process) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let cert = dir.appendingPathComponent("cert.pem").path
        let key = dir.appendingPathComponent("key.pem").path
        let made = try runTool(
            "/usr/bin/openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1"])
        guard made.code == 0 else { throw HarnessError("openssl: \(made.stderr)") }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root.appendingPathComponent("Scripts/smtp_tls_sink.py").path, mode, cert, key, dir.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line += byte }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else { throw HarnessError("the TLS sink printed no port") }
        return (port, dir, cert, p)
    }

    @Test(arguments: ["starttls", "smtps"])
    func smtpOverTLSVerifiesTheServerAndNeverSpeaksPlainAfterHello(mode: String) async throws {
        let sink = try Self.tlsSink(mode)
        defer {
            sink.process.terminate()
            try? FileManager.default.removeItem(at: sink.dir)
        }
        var config = ChannelConfig(name: "mail", type: .smtp)
        config.url = "\(mode == "smtps" ? "smtps" : "smtp")://127.0.0.1:\(sink.port)"
        config.caFile = sink.cert
        config.username = "govwatch"
        config.password = "s3cret"
        config.from = "govwatch@127.0.0.1"
        config.to = ["gkb@127.0.0.1"]
        let message = try Self.notice()
        try await Self.send(SMTPChannel(config: config), message)
        sink.process.waitUntilExit()

        let mail = try String(contentsOf: sink.dir.appendingPathComponent("mail-1.eml"), encoding: .utf8)
        #expect(try MIMEReader(mail).header("Subject") == message.subject)
        let commands = try String(contentsOf: sink.dir.appendingPathComponent("commands.log"), encoding: .utf8)
            .split(separator: "\n")
        let plain = commands.filter { $0.hasPrefix("PLAIN ") }.map { $0.dropFirst(6).prefix(4).uppercased() }
        #expect(plain == (mode == "smtps" ? [] : ["EHLO", "STAR"]), "\(commands)")
        #expect(commands.contains("TLS AUTH ...") && commands.contains { $0.hasPrefix("TLS MAIL FROM:") })
    }

    @Test func anUntrustedCertificateIsRefused() async throws {
        let sink = try Self.tlsSink("smtps")
        defer {
            sink.process.terminate()
            try? FileManager.default.removeItem(at: sink.dir)
        }
        var config = ChannelConfig(name: "mail", type: .smtp)
        config.url = "smtps://127.0.0.1:\(sink.port)"  // no ca_file: the self-signed certificate is not trusted
        config.from = "govwatch@127.0.0.1"
        config.to = ["gkb@127.0.0.1"]
        await #expect(throws: DeliveryError.self) { try await Self.send(SMTPChannel(config: config), try Self.notice()) }
        #expect(!FileManager.default.fileExists(atPath: sink.dir.appendingPathComponent("mail-1.eml").path))
    }

    @Test func webhooksPostJSONAndRobotsKeepTheirSizeLimits() async throws {
        let site = try SiteServer(pages: [:])
        try await site.start()
        defer { Task { await site.stop() } }
        let bodies = Mutex<[(path: String, auth: String?, body: Data)]>([])
        for path in ["/hook", "/wecom", "/dingtalk", "/refuse"] {
            site.route(path) { request in
                let body = try await request.bodyData
                bodies.withLock { $0.append((path, request.headers[HTTPHeader("Authorization")], body)) }
                let answer = path == "/refuse" ? #"{"errcode":93000,"errmsg":"invalid webhook url"}"# : #"{"errcode":0,"errmsg":"ok"}"#
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: Data(answer.utf8))
            }
        }
        let origin = await site.origin
        func channel(_ type: ChannelType, _ path: String) -> WebhookChannel {
            var c = ChannelConfig(name: type.rawValue, type: type)
            c.url = origin + path + "?key=SECRET-KEY"
            c.bearerToken = type == .webhook ? "tok" : nil
            return WebhookChannel(config: c)
        }
        let long = (1...400).map { "- 第\($0)项问题：某单位某栏目超过14天未更新，请及时处理" }.joined(separator: "\n")
        let message = OutboundMessage(kind: .digest, name: "digest-2026-11-20", subject: "日报", text: "正文", html: "<p>正文</p>", markdown: long)
        try await Self.send(channel(.webhook, "/hook"), message)
        try await Self.send(channel(.wecom, "/wecom"), message)
        try await Self.send(channel(.dingtalk, "/dingtalk"), message)
        await #expect(throws: DeliveryError.self) { try await Self.send(channel(.wecom, "/refuse"), message) }

        let got = bodies.withLock { $0 }
        let generic = try #require(got.first { $0.path == "/hook" })
        #expect(generic.auth == "Bearer tok")
        let json = try #require(try JSONSerialization.jsonObject(with: generic.body) as? [String: Any])
        #expect(json["kind"] as? String == "digest" && json["subject"] as? String == "日报" && json["markdown"] as? String == long)

        let wecom = got.filter { $0.path == "/wecom" }
        #expect(wecom.count == WebhookChannel.maxParts)  // ~25 KB of markdown: cut at 5 parts of 4096 bytes
        for (i, request) in wecom.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            let content = try #require((object["markdown"] as? [String: Any])?["content"] as? String)
            #expect(object["msgtype"] as? String == "markdown")
            #expect(content.utf8.count <= 4096)
            #expect(content.hasPrefix("（\(i + 1)/\(WebhookChannel.maxParts)）"))
        }
        let dingtalk = got.filter { $0.path == "/dingtalk" }
        #expect(dingtalk.count == 2)  // 20,000 bytes a message
        let text = try #require(
            ((try JSONSerialization.jsonObject(with: dingtalk[1].body) as? [String: Any])?["markdown"] as? [String: Any])?["text"] as? String)
        #expect(text.hasPrefix("（2/2）") && text.hasSuffix("请及时处理\n"))
    }

    @Test func errorsNeverShowTheRobotKey() async {
        var c = ChannelConfig(name: "wecom", type: .wecom)
        c.url = "http://127.0.0.1:1/cgi-bin/webhook/send?key=SECRET-KEY"
        let message = OutboundMessage(kind: .test, name: "t", subject: "t", text: "t", markdown: "t")
        do {
            try await Self.send(WebhookChannel(config: c), message)
            Issue.record("a closed port accepted the message")
        } catch {
            #expect(!"\(error)".contains("SECRET") && "\(error)".contains("?***"))
        }
        #expect(ChannelConfig.mask("smtps://user:pw@127.0.0.1:465") == "smtps://user:***@127.0.0.1:465")
    }

    @Test func aFailingSinkIsRetriedWithBackoffAndNothingIsLostAcrossARestart() async throws {
        let site = try SiteServer(pages: [:])
        try await site.start()
        defer { Task { await site.stop() } }
        let calls = Mutex(0)
        site.route("/hook") { _ in
            let n = calls.withLock { $0 += 1; return $0 }
            return HTTPResponse(statusCode: n <= 2 ? .internalServerError : .ok)
        }
        var c = ChannelConfig(name: "hook", type: .webhook)
        c.url = await site.origin + "/hook"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)")
        let path = dir.appendingPathComponent("govwatch.sqlite").path
        let message = OutboundMessage(kind: .alert, name: "alert-1", subject: "【紧急】", text: "t", markdown: "m")
        let t0 = 1_763_600_000.0

        do {  // first life of the daemon
            let database = try AppDatabase(path: path)
            let outbox = Outbox(database: database, channels: [c])
            #expect(try database.enqueue(message, key: "alert:f1", channels: ["hook"], notBefore: t0) == 1)
            let first = try await outbox.deliverDue(now: t0)
            #expect(first.retrying == 1 && first.sent == 0 && first.errors.first?.contains("HTTP 500") == true)
            #expect(try await outbox.deliverDue(now: t0 + 30).retrying == 0)  // not due before the backoff (60 s)
        }
        // A restart: a new connection to the same file; the queued delivery is still there.
        let database = try AppDatabase(path: path)
        let outbox = Outbox(database: database, channels: [c])
        let pending = try database.deliveries(status: .pending)
        #expect(pending.count == 1 && pending[0].attempts == 1 && pending[0].nextAttemptAt == t0 + 60)
        #expect(try await outbox.deliverDue(now: t0 + 61).retrying == 1)  // the second 500; next in 120 s
        #expect(try database.deliveries(status: .pending).first?.nextAttemptAt == t0 + 61 + 120)
        #expect(try await outbox.deliverDue(now: t0 + 200).sent == 1)
        #expect(calls.withLock { $0 } == 3)
        let sent = try database.deliveries(status: .sent)
        #expect(sent.count == 1 && sent[0].attempts == 3 && sent[0].lastError == nil)
        // Queuing the same key again (a repeated check) sends nothing twice.
        #expect(try database.enqueue(message, key: "alert:f1", channels: ["hook"], notBefore: t0) == 0)
        #expect(try await outbox.deliverDue(now: t0 + 10_000).sent == 0)

        // A channel that never answers is given up after max attempts, and says why.
        var dead = ChannelConfig(name: "dead", type: .webhook)
        dead.url = "http://127.0.0.1:\(freePort())/hook"
        let giving = Outbox(database: database, channels: [dead], maxAttempts: 2)
        try database.enqueue(message, key: "alert:f2", channels: ["dead"], notBefore: t0)
        _ = try await giving.deliverDue(now: t0)
        #expect(try await giving.deliverDue(now: t0 + 3600).gaveUp == 1)
        #expect(try database.deliveries(status: .failed).first?.lastError?.isEmpty == false)
    }
}

/// Reads a MIME message as the SMTP sink received it: top headers (RFC 2047 decoded) and
/// the leaf parts of the multipart tree, bodies decoded from base64.
struct MIMEReader {
    struct Part {
        var contentType: String
        var disposition: String
        var body: [UInt8]
    }

    private var headers: [(String, String)] = []
    private(set) var parts: [Part] = []

    init(_ raw: String) throws {
        let (head, body) = Self.split(raw)
        headers = Self.headers(head)
        let type = headers.first { $0.0.lowercased() == "content-type" }?.1 ?? ""
        parts = try Self.leaves(type: type, body: body)
    }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }.map { Self.decodeWords($0.1) }
    }

    func part(_ type: String) -> Part? { parts.first { $0.contentType.hasPrefix(type) } }

    private static func split(_ raw: String) -> (String, String) {
        guard let r = raw.range(of: "\r\n\r\n") else { return (raw, "") }
        return (String(raw[..<r.lowerBound]), String(raw[r.upperBound...]))
    }

    private static func headers(_ head: String) -> [(String, String)] {
        var out: [(String, String)] = []
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !out.isEmpty {
                out[out.count - 1].1 += "\r\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                out.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        return out
    }

    private static func leaves(type: String, body: String) throws -> [Part] {
        guard type.hasPrefix("multipart/") else { throw HarnessError("not multipart: \(type)") }
        guard let b = type.range(of: "boundary=\"") else { throw HarnessError("no boundary in \(type)") }
        let boundary = String(type[b.upperBound...].prefix { $0 != "\"" })
        var out: [Part] = []
        let chunks = body.components(separatedBy: "--\(boundary)")
        for chunk in chunks.dropFirst() where !chunk.hasPrefix("--") {
            let (head, content) = split(String(chunk.drop { $0 == "\r\n" || $0 == "\r" || $0 == "\n" }))
            let h = headers(head)
            let t = h.first { $0.0.lowercased() == "content-type" }?.1 ?? ""
            if t.hasPrefix("multipart/") {
                out += try leaves(type: t, body: content)
                continue
            }
            let encoded = content.components(separatedBy: "\r\n").joined()
            guard let data = Data(base64Encoded: encoded) else { throw HarnessError("a \(t) part is not base64") }
            out.append(Part(contentType: t, disposition: h.first { $0.0.lowercased() == "content-disposition" }?.1 ?? "", body: [UInt8](data)))
        }
        return out
    }

    /// `=?UTF-8?B?…?=` words, folded or not, back to text.
    static func decodeWords(_ value: String) -> String {
        let words = value.components(separatedBy: "\r\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard words.allSatisfy({ $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") }) else { return value }
        var bytes = Data()
        for w in words { bytes += Data(base64Encoded: String(w.dropFirst(10).dropLast(2))) ?? Data() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Opens a DOCX the way a reader does: unzip it, parse its parts as XML.
enum DocxCheck {
    static func documentXML(_ docx: [UInt8]) throws -> String { try part(docx, "word/document.xml") }
    static func styles(_ docx: [UInt8]) throws -> String { try part(docx, "word/styles.xml") }

    static func part(_ docx: [UInt8], _ name: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("notice-\(UUID().uuidString).docx")
        try Data(docx).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (code, data, errors) = try runTool("/usr/bin/unzip", ["-p", file.path, name])
        guard code == 0 else { throw HarnessError("unzip \(name): status \(code) \(errors)") }
        let parser = XMLParser(data: data)
        guard parser.parse() else { throw HarnessError("\(name) is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")") }
        return String(decoding: data, as: UTF8.self)
    }
}
