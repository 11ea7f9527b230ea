import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import Testing

/// Files people edit, malformed the ways people really get them wrong: each gives a clear
/// message with the file and the line.
@Suite struct MalformedInputTests {
    let dir: URL = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("malformed-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }()

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let url = dir.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        return url.path
    }

    func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func aFiftyMegabyteProbeFileIsRefused() throws {
        let path = dir.appendingPathComponent("huge.yaml").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(count: 50 << 20))
        #expect(message { _ = try ProbeLoader.loadFile(path) } == "\(path):0: file of 50 MB is larger than 4 MB")
    }

    @Test func aGBKProbeFileIsRefusedAsNotUTF8() {
        let path = write("gbk.yaml", GBK.encode("probe:\n  id: x\n  name: 阿尔山\n"))
        #expect(message { _ = try ProbeLoader.loadFile(path) } == "\(path):1: not UTF-8 text (save the file as UTF-8)")
    }

    @Test(arguments: [
        ("listen: 0.0.0.0:9464\n", ":1: listen: listening on 0.0.0.0 (not loopback) needs status_token: the status endpoint would be open to the network"),
        ("database: /tmp/x\nconcurency: 2\n", ":2: concurency: unknown key; expected one of concurrency, console, database, default_schedule, delivery, every_seconds, holidays, jitter_seconds, listen, probes, rubric, shutdown_grace_seconds, status_token"),
        ("default_schedule: \"0 25 * * *\"\n", ":1: default_schedule: bad value '25' in the hour field (0-23)"),
        ("listen: 127.0.0.1:9464\nlisten: 127.0.0.1:9465\n", ":2: listen: duplicate key"),
        ("jitter_seconds: -5\n", ":1: jitter_seconds: expected a number from 0 to 3600, got -5"),
        ("delivery:\n  quiet_hours: 22-7\n", ":2: delivery.quiet_hours: expected HH:MM-HH:MM, got '22-7'"),
        ("delivery:\n  channels:\n    - { name: m, type: fax }\n", ":3: delivery.channels.type: expected one of files, smtp, webhook, wecom, dingtalk, got 'fax'"),
        ("delivery:\n  channels:\n    - { name: m, type: smtp, url: \"smtps://127.0.0.1\" }\n", ":3: delivery.channels: channel 'm' (smtp) needs from, to"),
        ("delivery:\n  channels:\n    - { name: w, type: wecom, url: \"ftp://127.0.0.1/x?key=SECRET\" }\n", ":3: delivery.channels.url: channel 'w' needs a http:// or https:// URL, got ftp://127.0.0.1/x?***"),
        ("delivery:\n  channels:\n    - { name: w, type: webhook, url: \"http://127.0.0.1/\", send: [alerts, faxes] }\n", ":3: delivery.channels.send: unknown message kind 'faxes'; kinds: alerts, digests, notices, tests"),
        ("delivery:\n  channels:\n    - { name: a, type: files, directory: /tmp/a }\n    - { name: a, type: files, directory: /tmp/b }\n", ":4: delivery.channels: two channels are named 'a'"),
        ("delivery:\n  channels:\n    - { name: m, type: smtp, url: \"smtps://127.0.0.1\", from: a@b, to: [c@d], password_file: /nonexistent/pw }\n", ":3: delivery.channels.password_file: cannot read /nonexistent/pw"),
    ])
    func daemonConfigErrors(text: String, expected: String) {
        let path = write("govwatch-\(UUID().uuidString).yaml", Array(text.utf8))
        #expect(message { _ = try DaemonConfig.load(path) } == path + expected)
    }

    @Test func aDeliverySectionIsReadWithSecretsFromFiles() throws {
        let pw = write("smtp-password", Array("s3cret\n".utf8))
        let path = write("delivery.yaml", Array("""
            database: /tmp/gw/govwatch.sqlite
            delivery:
              quiet_hours: "22:00-07:00"
              digest_time: "08:30"
              deadline_days: 7
              channels:
                - { name: mail, type: smtp, url: "smtps://127.0.0.1:465", from: gw@a, to: [gkb@a], username: gw, password_file: \(pw), send: [digests, notices] }
                - { name: robot, type: wecom, url: "https://127.0.0.1/send?key=K", send: [alerts] }

            """.utf8))
        let c = try DaemonConfig.load(path)
        #expect(c.delivery.quietHours == QuietHours("22:00-07:00") && c.delivery.digestMinute == 510 && c.delivery.deadlineDays == 7)
        let channels = c.delivery.channels(database: c.database)
        #expect(channels.map(\.name) == ["outbox", "mail", "robot"])
        #expect(channels[0].directory == "/tmp/gw/outbox")  // the spool directory sits next to the database
        #expect(channels[1].password == "s3cret" && channels[1].kinds == [.digest, .notice, .test])
        #expect(channels[2].kinds == [.alert, .test])
    }

    @Test func aDaemonConfigWithBOMAndWindowsLineEndsIsRead() throws {
        let path = write("win.yaml", Array("\u{FEFF}database: /tmp/gw.sqlite\r\nconcurrency: 3\r\n".utf8))
        let c = try DaemonConfig.load(path)
        #expect(c.database == "/tmp/gw.sqlite" && c.concurrency == 3)
    }

    @Test func anExcelGBKRegisterWithCRLFAndSlashDatesIsRead() throws {
        let csv = "链接,标题,发布单位,审核人,审核日期,审批人,审批日期,保密审查意见,是否敏感,市政府办公室审批人\r\n"
            + ",甲,阿尔山市人民政府办公室,张三,2025/3/5,李四,2025/3/5,主动公开,否,\r\n"
            + ",乙,阿尔山市人民政府办公室,张三,2025/3/5,李四,2025/3/6,主动公开,否,,多出一列\r\n"
            + ",丙,阿尔山市人民政府办公室,张三\r\n"
        let path = write("approvals.csv", GBK.encode(csv))
        let register = ApprovalRegister(text: try EditedFile.text(path, allowGB18030: true), file: path)
        #expect(register.records.map(\.title) == ["甲"])
        #expect(register.records.first?.approvalDate == CivilDate(iso: "2025-03-05"))
        #expect(register.problems == [
            "\(path):3: expected 10 fields, found 11; row skipped", "\(path):4: expected 10 fields, found 4; row skipped",
        ])
    }

    @Test func aHolidayFileWithBOMAndCRLFIsReadAndABadLineNamed() throws {
        let good = write("h.tsv", Array("\u{FEFF}2027-01-01\toff\r\n2027-02-06\twork\r\n".utf8))
        #expect(try WorkdayCalendar.parse(tsv: EditedFile.text(good), file: good).count == 2)
        let bad = write("bad.tsv", Array("2027-01-01\toff\n2027/2/6\twork\n".utf8))
        #expect(message { _ = try WorkdayCalendar.parse(tsv: EditedFile.text(bad), file: bad) } == "\(bad):2: '2027/2/6' is not a YYYY-MM-DD date")
    }

    @Test func aRubricWithAnUnknownRuleIsNamed() {
        let text = RubricLoader.standardText.replacingOccurrences(of: "  leak: { line: content-timely, points: 3 }", with: "  leek: { line: content-timely, points: 3 }")
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("  leek:") }! + 1
        #expect(message { _ = try RubricLoader.parse(text, file: "r.yaml") }?.hasPrefix("r.yaml:\(line): rules.leek: unknown key") == true)
    }

    @Test(arguments: [
        (["calendar", "add", "2025/3/5", "20"], "'2025/3/5' is not a YYYY-MM-DD date"),
        (["calendar", "add", "2061-01-02", "3"], "the working-day calendar has no data for 2061"),
        (["findings", "--db", "/nonexistent/x.sqlite", "--rule", "nope"], "unknown rule 'nope'"),
        (["score", "--db", "/nonexistent/x.sqlite"], "no database at /nonexistent/x.sqlite"),
        (["check", "--probes", "/nonexistent", "--db", "/tmp/x.sqlite", "--as-of", "2025-13-01"], "'2025-13-01' is not a YYYY-MM-DD date"),
    ])
    func commandLineMistakes(arguments: [String], expected: String) async throws {
        let p = try DaemonProcess(arguments: arguments)
        let code = await p.exitCode(within: 20)
        #expect(code != nil && code != 0)
        #expect(p.log.contains(expected), "\(p.log)")
    }
}
