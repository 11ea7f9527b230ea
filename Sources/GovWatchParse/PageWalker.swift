import CLibXML2
import Foundation
import GovWatchCore

/// A piece of text between two block boundaries of a page.
struct Segment {
    var text: String
    /// True when a block element (p, div, td …) starts it, false for an inline one (span).
    var startsBlock: Bool
}

/// An element's attributes as libxml2 holds them, read in place.
protocol ElementAttributes {
    /// True when the element has no attributes at all.
    var isEmpty: Bool { get }
    /// The value of attribute `name` (empty for `<td nowrap>`), valid while the parser's data is.
    func value(_ name: StaticString) -> UnsafePointer<xmlChar>?
}

extension ElementAttributes {
    func string(_ name: StaticString) -> String? { value(name).map { String(cString: $0) } }
}

/// What the walker wants of an element's content.
enum ElementContent {
    /// Walk its children.
    case walk
    /// Skip them (`<style>`, `<noscript>`, `<meta>` …).
    case skip
    /// Hand its text over whole, through `script(_:)`, and skip the rest.
    case scriptText
}

/// Collects everything the article parser needs from the events of one pass over a page —
/// meta tags, text segments, links, the body container, the heading and pagination scripts —
/// whether they come from a libxml2 tree (`walk(_:)`, for listings and XPath overrides) or
/// straight from the parser with no tree built (`PageStream`, for articles).
/// (Listings are found by structure in a walk of their own, `ListingFinder`.)
///
/// Elements are told apart by their depth, not by node identity, and tag names are compared
/// as packed integers rather than strings.
struct PageWalker {
    private(set) var meta: [String: String] = [:]
    private(set) var titleTag = ""
    private(set) var segments: [Segment] = []
    private(set) var links: [(href: String, text: String)] = []
    /// `src` of every `<img>`, as written.
    private(set) var images: [String] = []
    /// Segment range of the first element that looks like the article body.
    private(set) var bodyRange: Range<Int>?
    /// Segment range of the first `<h1>`, else of the first `<h2>`.
    private(set) var headingRange: Range<Int>?
    /// Scripts that may describe a pager (`createPageHTML`, page-count variables).
    private(set) var scripts: [String] = []
    /// Listing records a CMS ships inside a script for its pager to render (大汉 JCMS
    /// `<script type="text/xml"><datastore><recordset><record><![CDATA[<li>…</li>]]>`).
    private(set) var recordScripts: [String] = []

    private var current = TextBuffer()
    private var currentStartsBlock = true
    /// Elements open now, counting the one being started or ended.
    private var depth = 0
    private var body: (depth: Int, start: Int)?
    private var bodySeen = false
    private var heading: (depth: Int, start: Int)?
    /// Whether the latest heading started is an `<h1>` (an `<h2>`'s range gives way to a later `<h1>`).
    private var headingIsH1 = false
    private var inTitle = false
    private var openLink: (depth: Int, href: String)?
    private var linkText = TextBuffer()

    /// An element starts; says what to do with its content. Every start has its `end`.
    mutating func start<A: ElementAttributes>(_ name: UnsafePointer<xmlChar>?, _ attributes: A)
        -> ElementContent
    {
        depth += 1
        let tag = Tag(name)
        switch tag {
        case .script:
            return .scriptText
        case .style, .noscript:
            return .skip
        case .meta:
            if let name = attributes.string("name") ?? attributes.string("property"),
                let content = attributes.string("content"), meta[name] == nil
            {
                meta[name] = content
            }
            return .skip
        case .title:
            inTitle = true
        case .a:
            if let href = attributes.string("href") {
                openLink = (depth, href)
                linkText.removeAll()
            }
        case .h1, .h2:
            boundary(block: true)
            if heading == nil && !(headingRange != nil && (headingIsH1 || tag == .h2)) {
                heading = (depth, segments.count)
                headingIsH1 = tag == .h1
            }
        case .block, .br:
            boundary(block: true)
        case .span:
            boundary(block: false)
        case .img:
            if let src = attributes.string("src") { images.append(src) }
        case .other:
            break
        }
        if !bodySeen, !attributes.isEmpty, Self.looksLikeBody(attributes) {
            boundary(block: true)
            bodySeen = true
            body = (depth, segments.count)
        }
        return .walk
    }

    /// The element opened by the matching `start` ends.
    mutating func end(_ name: UnsafePointer<xmlChar>?) {
        defer { depth -= 1 }
        let tag = Tag(name)
        switch tag {
        case .title: inTitle = false
        case .a:
            if let link = openLink, link.depth == depth {
                links.append((link.href, linkText.take()))
                openLink = nil
            }
        case .block, .h1, .h2, .br: boundary(block: true)
        case .span: boundary(block: false)
        default: break
        }
        if let h = heading, h.depth == depth {
            boundary(block: true)
            if h.start < segments.count { headingRange = h.start..<segments.count }
            heading = nil
        }
        if let b = body, b.depth == depth {
            boundary(block: true)
            bodyRange = b.start..<segments.count
            body = nil
        }
    }

    /// One whole text node (the parser may deliver it in pieces; join them first).
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !Self.isBlank(bytes) else { return }
        if inTitle {
            titleTag += String(decoding: bytes, as: UTF8.self)
            return
        }
        current.append(bytes)
        if openLink != nil { linkText.append(bytes) }
    }

    /// The text of a `<script>`, for pager hints and scripted listing records.
    mutating func script(_ s: String) {
        if s.utf8.containsBytes(Self.recordsetTag) {
            recordScripts.append(s)
        } else if s.utf8.count < 8192, Self.pagerHints.contains(where: s.utf8.containsBytes) {
            scripts.append(s)
        }
    }

    /// The page has ended: the last text becomes a segment.
    mutating func finish() {
        flush(startsBlockNext: true)
    }

    private mutating func boundary(block: Bool) {
        flush(startsBlockNext: block)
    }

    private mutating func flush(startsBlockNext: Bool) {
        if !current.isEmpty {
            segments.append(Segment(text: current.take(), startsBlock: currentStartsBlock))
            currentStartsBlock = startsBlockNext
        } else if startsBlockNext {
            currentStartsBlock = true
        }
    }

    // MARK: Markers

    private static let recordsetTag = Array("<recordset>".utf8)
    private static let pagerHints = ["createPageHTML", "ountPage", "ageCount", "otalPage", "ageSize"]
        .map { Array($0.utf8) }

    private static let bodyIDs = [
        "zoom", "Zoom", "content", "UCAP-CONTENT", "fontzoom", "article_content", "ivs_content",
        "js_content",
    ]
    private static let bodyClasses = [
        "TRS_Editor", "TRS_UEDITOR", "article-content", "Custom_UnionStyle", "pages_content",
        "xxgk_content",
        "content_text", "article_con", "news_content", "rich_media_content",
    ]

    /// Compares libxml2's bytes in place: this runs on every element that has attributes.
    private static func looksLikeBody<A: ElementAttributes>(_ attributes: A) -> Bool {
        if let id = attributes.value("id").map(cString),
            bodyIDs.contains(where: { strcmp(id, $0) == 0 })
        {
            return true
        }
        if let cls = attributes.value("class").map(cString) {
            return bodyClasses.contains { strstr(cls, $0) != nil }
        }
        return false
    }

    private static func cString(_ p: UnsafePointer<xmlChar>) -> UnsafePointer<CChar> {
        UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)
    }

    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            default: return false
            }
        }
        return true
    }
}

/// The tags the walker distinguishes, found by packing up to 8 bytes of the name.
private enum Tag {
    case script, style, noscript, meta, title, a, h1, h2, block, span, br, img, other

    init(_ name: UnsafePointer<xmlChar>?) {
        guard let name else {
            self = .other
            return
        }
        var key: UInt64 = 0
        var i = 0
        while i < 9, name[i] != 0 {
            if i == 8 {
                self = .other
                return
            }
            key = key << 8 | UInt64(name[i])
            i += 1
        }
        self = Tag.table[key] ?? .other
    }

    private static let table: [UInt64: Tag] = {
        var t: [UInt64: Tag] = [:]
        func put(_ names: [String], _ tag: Tag) {
            for n in names { t[n.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }] = tag }
        }
        put(["script"], .script)
        put(["style"], .style)
        put(
            ["noscript", "template", "iframe", "object", "svg", "select", "option", "textarea"], .noscript
        )
        put(["meta"], .meta)
        put(["title"], .title)
        put(["a"], .a)
        put(["img"], .img)
        put(["h1"], .h1)
        put(["h2"], .h2)
        put(
            [
                "p", "div", "td", "th", "table", "tbody", "thead", "ul", "ol", "li", "tr", "dd", "h3", "h4",
                "h5", "h6", "dl", "dt",
                "section", "article", "header", "footer", "nav", "form", "center", "blockquote", "pre",
                "aside",
                "main", "hr", "caption", "body",
            ], .block)
        put(["span", "label", "b", "strong", "em", "font", "i"], .span)
        put(["br"], .br)
        return t
    }()
}
