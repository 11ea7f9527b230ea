import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import GovWatchStore
import Testing

/// A local site whose pages link the real attachment files of `Tests/Fixtures/attachments/`,
/// crawled and checked as an office's portal is.
@Suite(.serialized) struct AttachmentCrawlTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/attachments")

    /// Each page links one attachment; the link text is how offices name them.
    static let files: [(file: String, type: String, leak: String?)] = [
        ("subsidy-list.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "居民身份证号码"),
        ("subsidy-list-masked.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", nil),
        ("bank-card.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "银行卡号"),
        ("id-number.pdf", "application/pdf", "居民身份证号码"),
        ("secret-mark.pdf", "application/pdf", "密级标志"),
        ("notice.doc", "application/msword", "居民身份证号码"),
        ("subsidy-list.xls", "application/vnd.ms-excel", "居民身份证号码"),
        ("mobile-list.xlsx", "application/octet-stream", "个人手机号码"),
        ("office-phone.pdf", "application/pdf", nil),
        ("scanned.pdf", "application/pdf", nil),
    ]

    static func site() throws -> [String: SitePage] {
        var pages: [String: SitePage] = ["/index.html": html("<html><body>首页</body></html>")]
        var items = ""
        for (k, f) in files.enumerated() {
            let page = "/c/t20261102_\(k).html"
            items += "<li><a href=\"\(page)\">公示\(k)</a><span>2026-11-02</span></li>"
            // Half the links go to a download address without an extension, named only by their text.
            let href = k % 2 == 0 ? "/files/\(f.file)" : "/download/\(k)"
            pages[page] = html("""
                <html><body><h1>关于公示的通知\(k)</h1><p>发布机构：阿尔山市测试单位</p><p>发布日期：2026-11-02</p>
                <p>附件：<a href="\(href)">\(f.file)</a></p></body></html>
                """)
            let body = try Data(contentsOf: dir.appendingPathComponent(f.file))
            let path = k % 2 == 0 ? "/files/\(f.file)" : "/download/\(k)"
            pages[path] = SitePage(body: Array(body), contentType: f.type)
        }
        pages["/c/index.html"] = html("<html><body><ul>\(items)</ul></body></html>")
        return pages
    }

    @Test func findingsNameThePageAndTheAttachmentAndTheTextIsReadOncePerContent() async throws {
        let site = try await TestSite.start(pages: try Self.site())
        defer { Task { await site.stop() } }
        let probe = try site.probe()
        let asOf = CivilDate(year: 2026, month: 11, day: 20)!
        let report = try await Checker(probe: probe, database: site.database).run(asOf: asOf)
        let leaks = report.findings.filter { $0.rule == .leak }
        for (k, f) in Self.files.enumerated() {
            let mine = leaks.filter { URLParts($0.url)?.rest == "/c/t20261102_\(k).html" }
            let severe = mine.filter { $0.severity == .severe }
            #expect(severe.map { $0.evidence[0].label } == (f.leak.map { [$0] } ?? []), "\(f.file)")
            for finding in severe {
                let attachment = finding.evidence.first { $0.label == "附件" }?.value ?? ""
                #expect(attachment.hasSuffix(k % 2 == 0 ? "/files/\(f.file)" : "/download/\(k)"), "\(f.file)")
                #expect(finding.description.contains(f.file) && finding.unitID == "u")
                #expect(finding.evidence.contains { $0.label == "位置" })
            }
            if f.file == "scanned.pdf" {
                #expect(mine.map(\.severity) == [.warning] && mine[0].description.contains("扫描件，未能检查"))
            }
        }
        let first = try #require(report.crawl)
        #expect(first.attachmentsRead == Self.files.count && first.attachmentsReused == 0)

        // Full numbers reach neither the stored text nor the findings.
        let file = try Data(contentsOf: site.directory.appendingPathComponent("govwatch.sqlite"))
            + ((try? Data(contentsOf: site.directory.appendingPathComponent("govwatch.sqlite-wal"))) ?? Data())
        for number in ["152202198503172010", "152202196209081020", "13904821234"] {
            #expect(file.range(of: Data(number.utf8)) == nil, "\(number)")
        }

        // The same bytes again (no conditional GET): the stored text is used, nothing is extracted.
        try site.database.clearHTTPCache()
        let again = try await Checker(probe: probe, database: site.database).run(asOf: asOf.adding(days: 1))
        let second = try #require(again.crawl)
        #expect(second.attachmentsRead == 0 && second.attachmentsReused == Self.files.count)
        #expect(second.changedPublications == 0)
        #expect(Set(again.findings.map(\.fingerprint)) == Set(report.findings.map(\.fingerprint)))
    }

    /// A sharedStrings bomb and a PDF its reader loops on: notes on their pages, and the crawl
    /// finishes with every other page stored.
    @Test func bombsBecomeNotesAndTheCrawlFinishes() async throws {
        var pages: [String: SitePage] = ["/index.html": html("<html><body>首页</body></html>")]
        let files = ["bomb.xlsx", "loop.pdf", "subsidy-list.xlsx"]
        var items = ""
        for (k, file) in files.enumerated() {
            items += "<li><a href=\"/c/p\(k).html\">公示\(k)</a><span>2026-11-02</span></li>"
            pages["/c/p\(k).html"] = html("<html><body><h1>公示\(k)</h1><p><a href=\"/files/\(file)\">附件：\(file)</a></p></body></html>")
            pages["/files/\(file)"] = SitePage(
                body: Array(try Data(contentsOf: Self.dir.appendingPathComponent(file))), contentType: "application/octet-stream")
        }
        pages["/c/index.html"] = html("<html><body><ul>\(items)</ul></body></html>")
        let site = try await TestSite.start(pages: pages)
        defer { Task { await site.stop() } }
        let probe = try site.probe(
            crawl: ", attachment_timeout_seconds: 2, attachment_memory_mb: 128", maxBodyBytes: 4_000_000)
        let started = Date()
        let report = try await Checker(probe: probe, database: site.database).run(asOf: CivilDate(year: 2026, month: 11, day: 20)!)
        #expect(Date().timeIntervalSince(started) < 20)
        let leaks = report.findings.filter { $0.rule == .leak }
        func on(_ k: Int) -> [Finding] { leaks.filter { URLParts($0.url)?.rest == "/c/p\(k).html" } }
        #expect(on(0).map(\.description) == ["《附件：bomb.xlsx》未能检查是否泄露个人信息：无法提取文本：解压后超过大小限制"])
        #expect(on(1).count == 1 && on(1)[0].severity == .warning)
        #expect(["无法提取文本：超时", "无法提取文本：超出内存限制"].contains(on(1).first?.evidence.last?.value ?? ""))
        #expect(on(2).map(\.severity) == [.severe])
        #expect(report.crawl?.failed == 0 && report.crawl?.attachmentsRead == 3)
    }
}
