import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import Testing

/// `govwatch inspect`, the operator's view of one page: the binary on a saved GBK page and on
/// a live local URL, in text and in JSON with its stable keys.
@Suite struct InspectTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pages")

    func inspect(_ args: [String]) throws -> (code: Int32, out: String, err: String) {
        let r = try runTool(DaemonProcess.binary.path, ["inspect"] + args)
        return (r.code, String(decoding: r.stdout, as: UTF8.self), r.stderr)
    }

    @Test func aSavedGBKArticleInTextAndJSON() throws {
        let file = Self.fixtures.appendingPathComponent("trs/article-table-gbk.html").path
        let url = "http://www.arq.gov.cn/zwgk/zcwj/202503/t20250305_4711.html"
        let text = try inspect([file, "--url", url])
        #expect(text.code == 0, "\(text.err)")
        #expect(text.out.contains("类型 kind: article") && text.out.contains("编码 GB18030"))
        #expect(text.out.contains("索引号: 11150721011587320X/2025-00041") && text.out.contains("文号: 阿政办发〔2025〕12号"))
        let json = try inspect([file, "--url", url, "--format", "json"])
        let doc = try JSONDecoder().decode(Inspection.self, from: Data(json.out.utf8))
        #expect(doc.kind == "article" && doc.charset == "GB18030")
        #expect(doc.fields == [
            "索引号": "11150721011587320X/2025-00041", "发布机构": "阿荣旗人民政府办公室", "成文日期": "2025-02-27", "发布日期": "2025-03-05",
            "文号": "阿政办发〔2025〕12号",
        ])
        #expect(doc.source == "阿荣旗人民政府办公室" && doc.attachments.count == 1)
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]).keys
        #expect(Set(["kind", "charset", "title", "fields", "source", "entries", "pages", "items"]).isSubset(of: Set(keys)))
    }

    @Test func aLiveListingWithItsPagerAndAFeed() async throws {
        let site = try await TestSite.start(pages: DemoPortal.pages())
        defer { Task { await site.stop() } }
        let listing = try inspect(["\(site.origin)/xwzx/asyw/index.html", "--format", "json"])
        #expect(listing.code == 0, "\(listing.err)")
        let doc = try JSONDecoder().decode(Inspection.self, from: Data(listing.out.utf8))
        #expect(doc.kind == "listing" && doc.status == 200 && doc.entries.count >= 3)
        #expect(doc.entries.allSatisfy { $0.date != nil && $0.url.hasPrefix(site.origin) })
        #expect(doc.pages.first == "\(site.origin)/xwzx/asyw/index_1.html" && doc.page_count == doc.pages.count + 1)
        let text = try inspect(["\(site.origin)/xwzx/asyw/index.html"])
        #expect(text.out.contains("列表条目: \(doc.entries.count)") && text.out.contains("分页: 共\(doc.page_count ?? 0)页"))

        let feedPath = try #require(DemoPortal.pages().keys.first { $0.hasPrefix("/feeds/") })
        let feed = try JSONDecoder().decode(
            Inspection.self, from: Data(try inspect(["\(site.origin)\(feedPath)", "--format", "json"]).out.utf8))
        #expect(feed.kind == "feed" && !feed.items.isEmpty)
        // A URL outside the page's host, and a refused redirect, are errors with their reason.
        let refused = try inspect(["file:///etc/passwd"])
        #expect(refused.code != 0)
    }

    @Test func aProbesOverridesApply() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let probe = dir.appendingPathComponent("p.yaml")
        try """
            probe: { id: p, name: 测试, base: "http://www.gov.cn/", homepage: / }
            units: [ { id: u, name: 国办, full_name: 国务院办公厅, type: city } ]
            parse:
              title: "//div[@class='pages-date']/preceding-sibling::h1"
              fields: { 文号: "//span[@class='font']" }
            """.write(to: probe, atomically: true, encoding: .utf8)
        let file = Self.fixtures.appendingPathComponent("govcn/content.html").path
        let r = try inspect([file, "--probe", probe.path, "--url", "http://www.gov.cn/yaowen/a.htm", "--format", "json"])
        let doc = try JSONDecoder().decode(Inspection.self, from: Data(r.out.utf8))
        #expect(doc.overrides == ["title", "fields.文号"] && doc.fields["文号"] == "来源： 新华社", "\(r.err)")

        try "probe: { id: p, name: 测试, base: \"http://www.gov.cn/\" }\nunits: [ { id: u, name: 国办, full_name: 国务院办公厅, type: city } ]\nparse:\n  entry: \"//ul[@class=\"\n"
            .write(to: probe, atomically: true, encoding: .utf8)
        let bad = try inspect([file, "--probe", probe.path])
        #expect(bad.code != 0 && bad.err.contains("p.yaml:4") && bad.err.contains("parse.entry"), "\(bad.err)")
    }
}

@Suite struct InspectAttachmentTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/attachments")

    func runGovwatch(_ args: [String]) throws -> (code: Int32, out: String, err: String) {
        let r = try runTool(DaemonProcess.binary.path, args)
        return (r.code, String(decoding: r.stdout, as: UTF8.self), r.stderr)
    }

    @Test func anAttachmentFileShowsItsPartsAndWhatTheLeakRuleFindsMasked() throws {
        let list = try runGovwatch(["inspect", Self.dir.appendingPathComponent("subsidy-list.xlsx").path])
        #expect(list.code == 0, "\(list.err)")
        #expect(list.out.contains("格式: xlsx") && list.out.contains("部分: 工作表「sheet」，4行（表格）"))
        #expect(list.out.contains("发现: 居民身份证号码 152202********2010（工作表「sheet」第2行） 上下文: 1 | 张建国 | 152202********2010 | 1200"))
        #expect(!list.out.contains("152202198503172010"))
        let scan = try runGovwatch(["inspect", Self.dir.appendingPathComponent("scanned.pdf").path, "--format", "json"])
        let doc = try JSONDecoder().decode(AttachmentInspection.self, from: Data(scan.out.utf8))
        #expect(doc.format == "pdf" && doc.note == "扫描件，未能检查" && doc.hits.isEmpty)
    }
}
