import FlyingFox
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import GovWatchStore
import Testing

@Suite(.serialized) struct CheckTests {
    static let asOf = CivilDate(iso: DemoPortal.asOf)!

    /// The demo site and its probe with the approval register beside it.
    static func demo() async throws -> (TestSite, Probe) {
        let site = try await TestSite.start(pages: DemoPortal.pages())
        let file = try DemoProbe.write(to: site.directory.appendingPathComponent("probes"), origin: site.origin)
        return (site, try ProbeLoader.loadFile(file.path))
    }

    @Test func theDemosPlantedViolationsAreAllFoundAndNothingElse() async throws {
        let (site, probe) = try await Self.demo()
        defer { Task { await site.stop() } }
        let report = try await Checker(probe: probe, database: site.database).run(asOf: Self.asOf)
        let found = Set(report.findings.map { "\($0.rule) \($0.unitID) \(URLParts($0.url)?.rest ?? $0.url)" })
        #expect(found == [
            "late-disclosure szfb /zwgk/zcwj/202610/t20261020_3003.html",
            "interpretation-missing szfb /zwgk/zcwj/202610/t20261009_3004.html",
            "interpretation-link szfb /zwgk/zcwj/202610/t20261012_3005.html",
            "stale-catalogue szfb /zwgk/zcjd/202610/t20260930_3103.html",
            "unsourced-repost szfb /xwzx/asyw/202611/t20261105_1006.html",
            "unapproved szfb /xwzx/asyw/202611/t20261110_1004.html",
            "unapproved xhjd /xzjd/xhjd/gzdt/202611/t20261111_5002.html",
            "leak wcgz /xzjd/wcgz/tzgg/202611/t20261103_4003.html",
            "stale-column jyj /bmxx/jyj/tzgg/index.html",
            "stale-column wcgz /feeds/wx-wcgz.json",
            "national-veto szfb /feeds/wx-wcgz.json",  // the national line: the site's WeChat account silent 2 weeks
            "stale-guide xhjd /zwgk/xxgkzn/xhjd/index.html",
            "annual-report wcgz /zwgk/ndbg/wcgz/t20260128_ndbg.html",
            "request-late jyj 依申请公开台账#2026-002",
            "request-fee wcgz 依申请公开台账#2026-003",
            "request-late szfb 依申请公开台账#2026-004",
            "request-extension szfb 依申请公开台账#2026-004",
            "request-corrected xhjd 依申请公开台账#2026-005",
            "request-third-party-late jyj 依申请公开台账#2026-006",
            "request-late szfb 依申请公开台账#2026-007",  // 预警: due in 2 working days
        ])
        #expect(report.findings.filter { $0.severity == .warning }.map(\.url) == ["依申请公开台账#2026-007"])
        #expect(report.findings.count == 21)  // the 五岔沟镇 report: a bad title and a missing section
        #expect(report.notes.isEmpty)
        #expect(report.findings.allSatisfy { !$0.clause.isEmpty && !$0.evidence.isEmpty })
    }

    @Test func aHomepageThatIsDownIsASevereFindingAndNothingIsGuessed() async throws {
        let (site, probe) = try await Self.demo()
        defer { Task { await site.stop() } }
        site.server.route("/index.html") { _ in HTTPResponse(statusCode: .serviceUnavailable) }
        let report = try await Checker(probe: probe, database: site.database).run(asOf: Self.asOf)
        let down = report.findings.filter { $0.rule == .siteUnavailable }
        #expect(down.map(\.unitID) == ["szfb"])
        #expect(down.first?.severity == .severe)
        #expect(report.findings.count == 22)  // the 21 planted ones, and this one
        #expect(!report.findings.contains { $0.rule == .staleColumn && $0.url == probe.homepage })
    }

    /// The daemon frees the store's caches and closes its readers after every check; the next
    /// check reopens them and sees everything the first one stored.
    @Test func aCheckAfterTheStoreReleasedItsMemoryFindsTheSame() async throws {
        let (site, probe) = try await Self.demo()
        defer { Task { await site.stop() } }
        let checker = Checker(probe: probe, database: site.database)
        let first = try await checker.run(asOf: Self.asOf)
        site.database.releaseMemory()
        let second = try await checker.run(asOf: Self.asOf)
        #expect(second.crawl?.unchanged == first.crawl?.fetched)
        #expect(second.reconcile == ReconcileSummary(new: 0, seenAgain: 21, reopened: 0, resolved: 0))
        site.database.releaseMemory()
        #expect(try site.database.findings().count == 21)
    }

    @Test func checkingTwiceKeepsOneRowPerFindingAndAFixResolvesIt() async throws {
        let (site, probe) = try await Self.demo()
        defer { Task { await site.stop() } }
        let checker = Checker(probe: probe, database: site.database)
        let first = try await checker.run(asOf: Self.asOf)
        let second = try await checker.run(asOf: Self.asOf.adding(days: 1))
        #expect(second.reconcile == ReconcileSummary(new: 0, seenAgain: 21, reopened: 0, resolved: 0))
        #expect(Set(first.findings.map(\.fingerprint)) == Set(second.findings.map(\.fingerprint)))
        let stored = try site.database.findings()
        #expect(stored.count == 21)
        #expect(stored.allSatisfy { $0.seenCount == 2 && $0.firstSeen == Self.asOf && $0.lastSeen == Self.asOf.adding(days: 1) })

        // The unit removes the ID number from the page.
        let path = "/xzjd/wcgz/tzgg/202611/t20261103_4003.html"
        site.server.setPage(
            path,
            SitePage(
                body: GBK.encode(PageTemplates.article(
                    title: "五岔沟镇关于低保申请人员名单的公示", column: "五岔沟镇通知公告", pubDate: "2026-11-03 08:30",
                    source: "阿尔山市五岔沟镇人民政府", info: [("发布机构", "阿尔山市五岔沟镇人民政府")], markup: .strongParagraphs,
                    paragraphs: ["申请人：王某某，身份证号：152202********2010。"], charset: "gbk")),
                contentType: "text/html"))
        let third = try await checker.run(asOf: Self.asOf.adding(days: 2))
        #expect(third.reconcile.resolved == 1)
        let leak = try #require(try site.database.findings(rule: .leak).first)
        #expect(leak.status == .resolved)
        #expect(leak.resolvedOn == Self.asOf.adding(days: 2))
        #expect(leak.finding.evidence.first == Evidence("居民身份证号码", "152202********2010"))  // evidence kept
        #expect(try site.database.findings(status: .open).count == 20)
    }
}

@Suite(.serialized) struct AttachmentTests {
    @Test func attachmentsAreReadForLeaksAndABrokenOneIsReportedNotChecked() async throws {
        let article = """
            <html><body><h1>低保名单公示</h1><p>发布机构：阿尔山市测试单位</p>
            <p><a href="/files/list.txt">附件1：名单.txt</a></p><p><a href="/files/note.html">附件2：说明</a></p>
            <p><a href="/files/scan.pdf">附件3：扫描件</a></p></body></html>
            """
        let site = try await TestSite.start(pages: [
            "/index.html": html("<html><body>首页</body></html>"),
            "/c/index.html": html("<html><body><ul><li><a href=\"/c/a.html\">公示</a><span>2026-11-01</span></li></ul></body></html>"),
            "/c/a.html": html(article),
            "/files/list.txt": SitePage(body: GBK.encode("姓名 王某某 身份证号 152202198503172010\n"), contentType: "text/plain"),
            "/files/note.html": html("<html><body><p>开户行：工商银行 卡号：6222020200112233446</p></body></html>"),
            "/files/scan.pdf": SitePage(body: Array("%PDF-1.4".utf8), contentType: "application/pdf"),
        ])
        defer { Task { await site.stop() } }
        let report = try await Checker(probe: try site.probe(), database: site.database).run(asOf: CheckTests.asOf)
        let leaks = report.findings.filter { $0.rule == .leak && $0.severity == .severe }
        // Findings name the page (where the office takes the file down) and the attachment.
        #expect(leaks.allSatisfy { URLParts($0.url)!.rest == "/c/a.html" && $0.unitID == "u" })
        #expect(Set(leaks.compactMap { $0.evidence.first { $0.label == "附件" }.flatMap { URLParts($0.value)?.rest } })
            == ["/files/list.txt", "/files/note.html"])
        let unchecked = report.findings.filter { $0.rule == .leak && $0.severity == .warning }
        #expect(unchecked.map(\.description) == ["《附件3：扫描件》未能检查是否泄露个人信息：无法提取文本：文件无法解析"])
        #expect(!report.findings.contains { $0.url.contains("/files/") && $0.rule != .leak })
    }
}
