import Foundation
import GovWatchCore
import GovWatchDemo
import Testing

@testable import GovWatchParse

/// Articles are read from libxml2's parser events with no tree (`PageStream`); listings and
/// pages with XPath overrides from the tree. Both readings must give the same page: every
/// fixture page and a set of hostile ones are read both ways and compared whole.
@Suite struct PageStreamTests {
    static let fixtures: [String] = {
        let folder = FixturePagesTests.folder
        let files =
            FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".html") }.sorted()
    }()

    /// Markup that tests how a reading joins and splits text, skips content and balances tags.
    static let hostile: [String: String] = [
        "comment-inside-text": "<p>前<!-- 注释 -->后</p><a href='a.html'>链<!--x-->接</a>",
        "entities":
            "<div id='zoom'><p>A&amp;B &lt;c&gt;&nbsp;&#x4E2D;&#25991;&copy;&bogus;&amp</p></div>",
        "boolean-and-empty-attributes":
            "<div id=\"zoom\" nowrap><a href>x</a><a href=\"\">y</a><img src></div>",
        "scripts": """
        <script>var countPage = 5; createPageHTML(5, 0, "index", "html");</script>
        <script type="text/xml"><datastore><recordset><record><![CDATA[<li><a href="a.html">甲</a></li>]]></record></recordset></datastore></script>
        <script></script><p>正文</p><script>if (a < b && c > d) { document.write("<p>x</p>") }</script>
        """,
        "misnested":
            "<b><p>粗<i>斜</b>体</p></i><table><tr><td>格<td>子</table></zzz>尾 < 5 <br>   < 6 <img src=x> </q>q",
        "skipped-content":
            "<noscript><p>不见</p><a href='n.html'>n</a></noscript><select><option>选</select><iframe><p>框</p></iframe>正文",
        "headings": "<h1></h1><h2>副</h2><h1>主<h1>内</h1></h1><h2>再</h2>",
        "nested-links": "<a href='1.html'>一<a href='2.html'>二</a>三</a><a name='x'>锚</a>",
        "text-in-html-and-head":
            "<html> 前言 <head> <title>标 &amp; 题</title> 头 </head> 体 <body> 身 </body> 后 </html> 尾",
        "meta":
            "<meta name='ArticleTitle' content='题'><meta property='og:title' content='og'><meta name='ArticleTitle' content='二'><meta content='无名'>",
        "cdata-and-pi": "<?xml version=\"1.0\"?><p><![CDATA[数据]]>后<?php echo 1 ?>续</p>",
        "bodies":
            "<div class='TRS_Editor x'><p>一</p></div><div id='zoom'><p>二</p></div><div id='content'>三</div>",
        "nul-and-garbage": "<p>a\u{0}b\u{1}c</p>\u{FFFD}<<<>>><p",
        "just-under-the-tree-depth-limit": String(repeating: "<div>", count: 250) + "深"
            + String(repeating: "</div>", count: 250),
        "entity-split-link": "<p><a href='x.html'>A&amp;</a>   <a href='y.html'>&lt;B</a></p>",
    ]

    static func read(_ bytes: [UInt8], url: String, _ reading: PageParser.Reading) -> ParsedPage? {
        bytes.withUnsafeBytes {
            PageParser().parse(
                $0, url: url, contentType: nil, listing: nil, overrides: ParseOverrides(), reading: reading)
        }
    }

    static func expectSame(_ bytes: [UInt8], url: String, _ name: String) {
        let tree = read(bytes, url: url, .tree)
        let stream = read(bytes, url: url, .stream)
        #expect((tree == nil) == (stream == nil), "\(name)")
        guard let tree, let stream else { return }
        #expect(stream.publication == tree.publication, "\(name)")
        #expect(stream.charset == tree.charset, "\(name)")
        #expect(stream.hasArticleBody == tree.hasArticleBody, "\(name)")
        #expect(stream.images == tree.images, "\(name)")
    }

    @Test(arguments: fixtures)
    func aFixturePageReadsTheSameWithoutItsTree(name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: FixturePagesTests.folder.appendingPathComponent(name)))
        Self.expectSame(bytes, url: "http://127.0.0.1/\(name)", name)
    }

    @Test(arguments: hostile.keys.sorted())
    func hostileMarkupReadsTheSameWithoutItsTree(name: String) throws {
        Self.expectSame(
            Array(try #require(Self.hostile[name]).utf8), url: "http://127.0.0.1/h/\(name).html", name)
    }

    /// The one difference: libxml2 stops building a tree 256 elements deep (and drops the rest
    /// of the page); without a tree there is no such limit, and the walk is iterative.
    @Test func aPageNestedDeeperThanTheTreeLimitIsReadWhole() throws {
        let html =
            "<p>前</p>" + String(repeating: "<div>", count: 3000) + "深"
            + String(repeating: "</div>", count: 3000) + "<p>后</p>"
        let stream = try #require(
            Self.read(Array(html.utf8), url: "http://127.0.0.1/deep.html", .stream))
        #expect(stream.publication.bodyText == "前\n深\n后")
        let tree = try #require(Self.read(Array(html.utf8), url: "http://127.0.0.1/deep.html", .tree))
        #expect(tree.publication.bodyText == "前")
    }

    @Test func aGBKPageReadsTheSameWithoutItsTree() throws {
        let html =
            "<html><head><meta charset=gbk><title>公告</title></head><body><div id='zoom'><p>索引号：11152202MB1</p><p>正文内容</p></div></body></html>"
        let gbk = GBK.encode(html)
        Self.expectSame(gbk, url: "http://127.0.0.1/gbk.html", "gbk")
        let page = try #require(Self.read(gbk, url: "http://127.0.0.1/gbk.html", .stream))
        #expect(
            page.publication.bodyText.contains("正文内容")
                && page.publication.info.indexNumber == "11152202MB1")
    }

    @Test func nothingToReadIsNilBothWays() {
        for text in ["   \n ", "<!-- 只有注释 -->", ""] {
            #expect(
                Self.read(Array(text.utf8), url: "http://127.0.0.1/e.html", .stream) == nil, "\(text)")
            #expect(Self.read(Array(text.utf8), url: "http://127.0.0.1/e.html", .tree) == nil, "\(text)")
        }
    }

    @Test func articlesAreStreamedAndOverriddenOnesUseTheTree() {
        #expect(!ParseOverrides().readsArticleTree)
        var o = ParseOverrides()
        o.body = "//div[@class='x']"
        #expect(o.readsArticleTree)
    }
}
