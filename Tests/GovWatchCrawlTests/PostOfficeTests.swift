import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDelivery
import GovWatchReport
import GovWatchStore
import Testing

/// The notice lifecycle and the digest against a real SQLite file: issued after a check,
/// never issued or alerted twice, overdue after the deadline in working days, rectified when
/// every problem is gone; files land in the spool directory.
@Suite struct PostOfficeTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("post-\(UUID().uuidString)")
    let probe = try! ProbeLoader.parse(
        """
        probe: { id: p, name: 测试, base: "http://127.0.0.1:9/", homepage: /index.html }
        units:
          - { id: a, name: 甲局, full_name: 阿尔山市甲局, type: department }
          - { id: b, name: 乙镇, full_name: 阿尔山市乙镇人民政府, type: town, email: yz@example.gov.cn }
        columns: [ { url: /c/, name: 栏目, type: news, unit: a } ]
        """, file: "p.yaml")

    func finding(_ rule: RuleID, _ unit: String, _ page: String, severity: Severity = .violation) -> Finding {
        Finding(
            rule: rule, unitID: unit, url: "http://127.0.0.1:9/\(page).html", clause: "附件1 第十条",
            description: "\(page)：<问题> & 说明", evidence: [Evidence("页面", page)], severity: severity)
    }

    /// One check as of `day` that found `findings`: stored, then handed to the post office.
    func check(_ office: PostOffice, _ findings: [Finding], _ day: String) throws -> PostSummary {
        let asOf = CivilDate(iso: day)!
        try office.database.saveUnits(of: probe)
        let reconciled = try office.database.reconcile(probeID: probe.id, findings: findings, asOf: asOf)
        try office.database.recordAutomaticDeductions(findings, period: asOf.year, on: asOf, rubric: office.rubric)
        let report = CheckReport(probe: probe, crawl: nil, findings: findings, reconcile: reconciled, newDeductions: 0, notes: [])
        return try office.afterCheck(report, day: asOf, now: 1_763_600_000)
    }

    func office() throws -> PostOffice {
        var config = DaemonConfig()
        config.database = directory.appendingPathComponent("govwatch.sqlite").path
        let settings = DaemonSettings(config: config, probes: [probe], calendar: .china, rubric: RubricLoader.standard(), templates: .standard)
        return settings.postOffice(database: try AppDatabase(path: config.database))
    }

    @Test func noticesFromIssueToOverdueToRectified() async throws {
        let office = try office()
        let leak = finding(.leak, "b", "list", severity: .severe)
        let late = finding(.lateDisclosure, "a", "doc1")
        let stale = finding(.staleColumn, "a", "col")
        let warning = finding(.interpretationMissing, "a", "warn", severity: .warning)

        // Friday 2026-11-20: one notice per unit, the leak alerted at once, the warning in no notice.
        let first = try check(office, [leak, late, stale, warning], "2026-11-20")
        #expect(first.alerts == 1)
        #expect(first.noticesIssued == ["阿政务公开办整改〔2026〕1号", "阿政务公开办整改〔2026〕2号"])
        let notices = try office.database.notices().reversed().map { $0 }
        #expect(notices.map(\.unitID) == ["a", "b"] && notices[0].items.count == 2)
        #expect(notices.allSatisfy { $0.deadline == CivilDate(iso: "2026-11-27")! && $0.status == .issued })
        let queued = try office.database.deliveries().filter { $0.message.kind == .notice }
        #expect(queued.map(\.message.recipients) == [["yz@example.gov.cn"], []])  // newest first: b's, then a's

        // The same problems the next working day: nothing new.
        #expect(try check(office, [leak, late, stale, warning], "2026-11-23") == PostSummary())

        // The leak is removed; unit a fixes one of two problems; the deadline passes.
        let overdue = try check(office, [stale, warning], "2026-11-30")
        #expect(overdue.rectified == 1 && overdue.overdue == 1)
        #expect(overdue.noticesIssued == ["阿政务公开办整改〔2026〕3号"])
        let followUp = try #require(try office.database.notices().first)
        #expect(followUp.followUpOf == notices[0].id && followUp.items.map(\.rule) == [.staleColumn])
        #expect(followUp.deadline == CivilDate(iso: "2026-12-07")!)
        #expect(try office.database.notice(id: notices[0].id)?.status == .overdue)
        #expect(try office.database.notice(id: notices[1].id)?.status == .rectified)

        // Unit a's written report arrived (附件3 第九条): recorded and audited; it fixes nothing.
        try office.database.recordReport(notice: notices[0].id, on: CivilDate(iso: "2026-11-26")!, by: "张三", note: "阿甲局报〔2026〕3号")
        #expect(try office.database.notice(id: notices[0].id)?.reportedOn == CivilDate(iso: "2026-11-26"))
        #expect(try office.database.auditTrail().last?.detail == "阿政务公开办整改〔2026〕1号: written report received 2026-11-26; 阿甲局报〔2026〕3号")
        #expect(throws: StoreError("no notice 99; see govwatch notices")) {
            try office.database.recordReport(notice: 99, on: CivilDate(iso: "2026-11-26")!, by: "张三", note: nil)
        }

        // The digest of that day puts the overdue notice on the 通报批评 list.
        let digest = try office.makeDigest(date: CivilDate(iso: "2026-11-30")!, window: .afterDay(CivilDate(iso: "2026-11-20")!), now: 0)
        #expect(digest.overdue.map(\.number) == ["阿政务公开办整改〔2026〕1号"] && digest.overdue[0].report == "2026-11-26")
        #expect(digest.dueSoon.isEmpty)  // the follow-up is due 12-07, 5 working days on
        let preview = try Digest.build(
            database: office.database, date: CivilDate(iso: "2026-12-03")!, window: .afterDay(CivilDate(iso: "2026-11-30")!),
            rubric: office.rubric, calendar: .china)
        #expect(preview.dueSoon.map { "\($0.number) \($0.daysLeft) \($0.report)" } == ["阿政务公开办整改〔2026〕3号 2 未报告"])
        #expect(digest.resolved.count == 2, "\(digest.resolved)")
        #expect(digest.newCount == 0 && digest.warnings.count == 1, "\(digest.newByUnit) \(digest.warnings)")
        let html = Templates.standard.render(digest, "digest.html")
        #expect(html.contains("阿尔山市甲局") && html.contains("逾期未整改（通报批评）") && html.contains("阿政务公开办整改〔2026〕1号"))
        #expect(html.contains("&lt;问题&gt; &amp; 说明") && !html.contains("<问题>"))

        // Everything fixed: both of unit a's notices are rectified.
        let fixed = try check(office, [], "2026-12-01")
        #expect(fixed.rectified == 2 && fixed.noticesIssued.isEmpty)
        #expect(try office.database.notices(status: .rectified).count == 3)

        // The spool directory has each message once: 3 notices (HTML + DOCX), the leak alert,
        // the escalation and the digest.
        #expect(try await office.deliver(now: 1_763_700_000).sent == 6)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("outbox").path)
        #expect(files.filter { $0.hasSuffix(".docx") }.count == 3)
        #expect(files.contains("digest-2026-11-30.html") && files.contains { $0.hasPrefix("overdue-") })
    }

    @Test func acrossTheYearBoundaryTheDigestAndTheNoticesSayProvisional() throws {
        let office = try office()
        let late = finding(.lateDisclosure, "a", "doc1")
        let issued = try check(office, [late], "2026-12-28")
        #expect(issued.noticesIssued == ["阿政务公开办整改〔2026〕1号"])
        let notice = try #require(try office.database.notices().first)
        #expect(notice.deadline == CivilDate(iso: "2027-01-05") && notice.provisional)
        let doc = NoticeDocument(notice: notice, unitName: "阿尔山市甲局", issuer: "阿尔山市政务公开办", deadlineDays: 5, previous: nil)
        #expect(doc.requirement.contains("2027年1月5日（暂定）前"))
        let digest = try office.makeDigest(date: CivilDate(iso: "2026-12-30")!, window: .everything, now: 0)
        #expect(digest.calendarNotice == "2027年节假日安排尚未导入，期限暂按法定节假日推算")
        #expect(digest.dueSoon.map(\.deadline) == ["2027-01-05（暂定）"])
        for template in ["digest.html", "digest.txt", "digest.md"] {
            #expect(Templates.standard.render(digest, template).contains("2027年节假日安排尚未导入"), "\(template)")
        }

        // The 2027 notice arrives with 01-04 off: the next check counts the deadline again,
        // shows where it came from and tells the unit.
        var config = DaemonConfig()
        config.database = directory.appendingPathComponent("govwatch.sqlite").path
        let calendar = WorkdayCalendar.china.overlaid(with: [
            HolidayDay(date: CivilDate(iso: "2027-01-01")!, kind: .off), HolidayDay(date: CivilDate(iso: "2027-01-04")!, kind: .off),
        ])
        let updated = DaemonSettings(config: config, probes: [probe], calendar: calendar, rubric: office.rubric, templates: .standard)
            .postOffice(database: office.database)
        #expect(try check(updated, [late], "2026-12-30").deadlinesChanged == 1)
        let moved = try #require(try office.database.notice(id: notice.id))
        #expect(moved.deadline == CivilDate(iso: "2027-01-06") && !moved.provisional && moved.deadlineWas == CivilDate(iso: "2027-01-05"))
        #expect(try office.database.deliveries().contains { $0.key == "deadline:\(notice.id):2027-01-06" })
        let after = try updated.makeDigest(date: CivilDate(iso: "2026-12-31")!, window: .everything, now: 1)
        #expect(after.calendarNotice == nil && after.dueSoon.map(\.deadline) == ["2027-01-06（原为2027-01-05）"])
        // Nothing more to say at the check after.
        #expect(try check(updated, [late], "2026-12-31") == PostSummary())
    }

    @Test func theDigestComesOnceADayAfterItsTime() throws {
        let office = try office()
        let doc1 = finding(.lateDisclosure, "a", "doc1")
        _ = try check(office, [doc1], "2026-11-20")
        let digestTime = 1_795_134_600.0  // 2026-11-20 08:30 in Shanghai is 00:30 UTC
        #expect(try office.digestIfDue(now: digestTime - 60) == nil)
        let first = try #require(try office.digestIfDue(now: digestTime + 60))
        #expect(first.date == "2026-11-20" && first.newCount == 1 && first.period == nil)
        #expect(try office.digestIfDue(now: digestTime + 3600) == nil)

        // Found later the same day: not in that digest, so in the next one; doc1 is fixed.
        let doc2 = finding(.lateDisclosure, "a", "doc2")
        _ = try check(office, [doc1, doc2], "2026-11-20")
        _ = try check(office, [doc2], "2026-11-21")
        // Stopped over the 21st: one digest at the next start, counting from the last one.
        let later = try #require(try office.digestIfDue(now: digestTime + 2 * 86400 + 60))
        #expect(later.date == "2026-11-22" && later.period == "上期日报（2026-11-20）以来")
        #expect(later.newByUnit.flatMap(\.items).map(\.url) == [doc2.url])
        #expect(later.resolved.map(\.url) == [doc1.url])
        #expect(try office.digestIfDue(now: digestTime + 2 * 86400 + 120) == nil)
    }
}
