import Foundation
import GovWatchCore
import Testing

@testable import GovWatchParse

/// Pages in the markups Chinese government CMSs emit (`Tests/Fixtures/pages/FAMILY/NAME.html`),
/// each with what govwatch must read from it beside it (`NAME.json`): one table-driven test
/// over the folder. Only the keys an expectation names are compared.
@Suite struct FixturePagesTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pages")

    struct Expected: Decodable {
        struct EntryExpectation: Decodable {
            var title: String?
            var url: String?
            var date: String?
        }
        struct Entries: Decodable {
            var count: Int
            var dated: Int?
            var newest: String?
            var first: EntryExpectation?
            var last: EntryExpectation?
        }
        struct Pages: Decodable {
            var count: Int
            var first: String
            var last: String
        }
        var url: String
        var role: String
        var charset: String?
        var title: String?
        var fields: [String: String]?
        var published: String?
        var source: String?
        var attachments: Int?
        var entries: Entries?
        var pages: Pages?
        var page_links: [String]?
        var max_listing_pages: Int?
    }

    static let cases: [String] = {
        let files = (FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? [])
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test func theFolderCoversTheCMSFamilies() {
        let families = Set(Self.cases.map { $0.split(separator: "/")[0] })
        #expect(Self.cases.count >= 40 && families.count >= 6, "\(Self.cases.count) pages, \(families.sorted())")
    }

    @Test(arguments: cases)
    func readsWhatThePageSays(name: String) throws {
        let html = try Data(contentsOf: Self.folder.appendingPathComponent(name + ".html"))
        let e = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Self.folder.appendingPathComponent(name + ".json")))
        let role: ListingRole? = e.role == "homepage" ? .homepage : e.role == "column" ? .column : nil
        let parser = PageParser(maxListingPages: e.max_listing_pages ?? 100, referenceDay: CivilDate(iso: "2025-11-20"))
        let page = try #require(parser.parse(Array(html), url: e.url, contentType: nil, listing: role))
        let p = page.publication
        if let charset = e.charset { #expect(page.charset == charset) }
        if let title = e.title { #expect(p.title == title) }
        if let fields = e.fields {
            let read: [String: String?] = [
                "索引号": p.info.indexNumber, "发布机构": p.info.publisher, "文号": p.info.documentNumber,
                "成文日期": p.info.writtenDate?.description, "发布日期": p.info.publishedDate?.description,
            ]
            for (label, value) in fields { #expect(read[label] ?? nil == value, "\(label)") }
        }
        if let published = e.published { #expect(p.published?.description == published) }
        if let source = e.source { #expect(p.source == source) }
        if let n = e.attachments { #expect(p.attachments.count == n) }
        if let x = e.entries {
            let entries = page.listing?.entries ?? []
            #expect(entries.count == x.count, "\(entries.map { "\($0.title) \($0.url) \($0.date?.description ?? "-")" })")
            if let dated = x.dated { #expect(entries.filter { $0.date != nil }.count == dated) }
            if let newest = x.newest { #expect(page.listing?.newestDate?.description == newest) }
            for (want, got) in [(x.first, entries.first), (x.last, entries.last)] {
                guard let want else { continue }
                if let t = want.title { #expect(got?.title == t) }
                if let u = want.url { #expect(got?.url == u) }
                if let d = want.date { #expect(got?.date?.description == d) }
            }
        }
        if let pages = e.pages {
            let urls = page.listing?.pageURLs(limit: e.max_listing_pages ?? 100) ?? []
            #expect(page.listing?.pager?.count == pages.count, "\(String(describing: page.listing?.pager))")
            #expect(urls.first == pages.first && urls.last == pages.last, "\(urls.prefix(3)) … \(urls.suffix(2))")
        }
        if let links = e.page_links { #expect(page.listing?.pageLinks == links) }
    }
}
