import Foundation
import GRDB
import GovWatchCore
@testable import GovWatchStore
import Testing

/// The store's own JSON writer makes exactly the bytes of `JSONEncoder(.sortedKeys)` (stored
/// content hashes of earlier releases are over those bytes), and a version's stored columns
/// (`StoredVersion`) give back what was stored.
@Suite struct PublicationJSONTests {
    static func foundation(_ p: Publication) throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return Array(try e.encode(p))
    }

    /// Every field set, with text the JSON escapes must handle.
    static func hostile() -> Publication {
        let awkward = "引号\"反斜杠\\斜杠/</script>\u{0}\u{1}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1B}\u{1F}\u{7F} \u{2028}\u{2029}😀é\u{3000}"
        var p = Publication(
            url: "http://127.0.0.1:8780/a/b.html?x=1&y=\"2\"", kind: .attachment, title: awkward,
            meta: ["PubDate": "2026-01-15 09:30", "ArticleTitle": awkward, "a": "", "Z": "z", "栏目": "政策", "ab": "1", "a1": "2"],
            info: DisclosureInfo(
                indexNumber: "11152202MB1234567X/2026-00012", publisher: "阿尔山市人民政府办公室", writtenDate: CivilDate(year: 2026, month: 1, day: 14),
                publishedDate: CivilDate(year: 2026, month: 1, day: 15), documentNumber: "阿政办发〔2026〕1号", topic: "综合政务", validity: "有效"),
            published: CivilDate(year: 2026, month: 1, day: 15), publishedMinute: 570, source: "本网", sourceURL: "https://mp.weixin.qq.com/s/x",
            author: "市政府办", isRepost: true, bodyText: awkward + "\n第二段", links: [Link(url: "http://127.0.0.1:8780/", text: awkward)],
            attachments: [Link(url: "http://127.0.0.1:8780/f.xlsx", text: "名单.xlsx")], unitID: "szfb", columnURL: "http://127.0.0.1:8780/zcwj/",
            feedURL: "http://127.0.0.1:8780/feed.json",
            parts: [TextPart(location: "工作表「名单」", lines: ["姓名\t身份证号", awkward], isTable: true), TextPart(location: "第1页", lines: [])])
        p.attachedTo = "http://127.0.0.1:8780/a/b.html"
        p.extractionNote = "扫描件，未能检查"
        p.leaks = [
            LeakHit(kind: .residentID, masked: "152202********2010", context: "身份证号152202********2010", location: "第3行"),
            LeakHit(kind: .secretMark, masked: "秘密★", context: "秘密★一年"),
        ]
        return p
    }

    @Test func hostileTextAndEveryFieldMatchTheEncoder() throws {
        let p = Self.hostile()
        #expect(PublicationJSON.encode(p) == (try Self.foundation(p)))
        let bare = Publication(url: "http://127.0.0.1:8780/")
        #expect(PublicationJSON.encode(bare) == (try Self.foundation(bare)))
        #expect(String(decoding: PublicationJSON.encode(bare), as: UTF8.self).hasPrefix("{\"attachments\":[],\"bodyText\":\"\",\"info\":{}"))
    }

    /// Every publication a released database holds — the demo's pages, feed items and
    /// attachments as `govwatch demo` of the release stored them — hashes to its stored hash.
    @Test func storedPublicationsOfTheReleaseHashAsStored() throws {
        let fixture = MigrationTests.folder.appendingPathComponent("v9-demo.sqlite")
        let queue = try DatabaseQueue(path: fixture.path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT v.data, p.content_hash FROM publication p JOIN publication_version v ON v.id = p.current_version_id")
        }
        #expect(rows.count == 37)
        for row in rows {
            let json: String = row["data"]
            let p = try JSONDecoder().decode(Publication.self, from: Data(json.utf8))
            let bytes = PublicationJSON.encode(p)
            #expect(bytes == Array(json.utf8), "\(p.url)")
            #expect(FNV1a.hex(bytes) == row["content_hash"] as String)
        }
    }

    /// A version's stored columns give back the publication, links apart and compressed.
    @Test func aVersionRoundTripsThroughItsColumns() throws {
        let long = String(repeating: "很长的链接文字", count: 40)  // a length past one LEB128 byte
        var p = Publication(
            url: "http://127.0.0.1:8780/a.html", title: "标题", bodyText: String(repeating: "正文内容，", count: 400),
            links: [Link(url: "http://127.0.0.1:8780/", text: "首页"), Link(url: "http://127.0.0.1:8780/x.html", text: long)],
            attachments: [Link(url: "http://127.0.0.1:8780/f.pdf", text: "")])
        p.meta = ["PubDate": "2026-01-15"]
        let json = PublicationJSON.encode(p)
        let (data, links, _) = StoredVersion.columns(p)
        #expect(data.count < json.count / 3, "\(data.count) of \(json.count)")
        let back = try StoredVersion.publication(data: data.databaseValue, links: links.databaseValue)
        #expect(back == p)
        #expect(try StoredVersion.links(links.databaseValue).links == p.links)
        // No links at all, and a version of before v10 (JSON text, links inside, no column).
        let bare = Publication(url: "http://127.0.0.1:8780/b.html")
        let bareColumns = StoredVersion.columns(bare)
        #expect(try StoredVersion.publication(data: bareColumns.data.databaseValue, links: bareColumns.links.databaseValue) == bare)
        let text = String(decoding: json, as: UTF8.self)
        #expect(try StoredVersion.publication(data: text.databaseValue, links: .null) == p)
    }

    /// A damaged stored page is an error the caller reports, never a crash.
    @Test func aDamagedStoredPageIsAnError() throws {
        let p = Publication(url: "http://127.0.0.1:8780/a.html", links: [Link(url: "http://127.0.0.1:8780/", text: "首页")])
        let (data, links, _) = StoredVersion.columns(p)
        #expect(throws: (any Error).self) { try StoredVersion.publication(data: Data(data.prefix(data.count / 2)).databaseValue, links: links.databaseValue) }
        #expect(throws: (any Error).self) { try StoredVersion.publication(data: Data("not zstd".utf8).databaseValue, links: links.databaseValue) }
        #expect(throws: (any Error).self) { try StoredVersion.publication(data: data.databaseValue, links: .null) }
        let cut = Zstd.compress(Array(LinkList.encode(links: p.links, attachments: []).dropLast(3)), level: StoredVersion.linksLevel)
        #expect(throws: (any Error).self) { try StoredVersion.links(cut.databaseValue) }
    }
}
