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
    /// Room for the 政府网站发展指引 tags (SiteName … ContentSource, about 13) without regrowing.
    private(set) var meta = [String: String](minimumCapacity: 16)
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
        "TRS_Editor", "TRS_UEDITOR", "article-content", "Custom_UnionStyle", "pages_content", "xxgk_content",
        "content_text", "article_con", "news_content", "rich_media_content",
    ]

    /// Compares libxml2's bytes in place: this runs on every element that has attributes.
    private static func looksLikeBody<A: ElementAttributes>(_ attributes: A) -> Bool {
        if let id = attributes.value("id").map(cString),
            bodyIDs.contains(where: { strcmp(id, $0) == 0 })
        {
            return true
        }
        // Every body class has a `_` or a `-`: one scan rules out most class values.
        if let cls = attributes.value("class").map(cString), strpbrk(cls, "_-") != nil {
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
        self = Tag.named(key)
    }

    /// The tag for a packed name: a switch over integer constants (a binary search, no
    /// hashing), as this runs twice for every element of every page.
    private static func named(_ key: UInt64) -> Tag {
        switch key {
        case 0x736372697074: .script  // script
        case 0x7374796C65: .style  // style
        case 0x6E6F736372697074: .noscript  // noscript
        case 0x74656D706C617465: .noscript  // template
        case 0x696672616D65: .noscript  // iframe
        case 0x6F626A656374: .noscript  // object
        case 0x737667: .noscript  // svg
        case 0x73656C656374: .noscript  // select
        case 0x6F7074696F6E: .noscript  // option
        case 0x7465787461726561: .noscript  // textarea
        case 0x6D657461: .meta  // meta
        case 0x7469746C65: .title  // title
        case 0x61: .a  // a
        case 0x696D67: .img  // img
        case 0x6831: .h1  // h1
        case 0x6832: .h2  // h2
        case 0x70: .block  // p
        case 0x646976: .block  // div
        case 0x7464: .block  // td
        case 0x7468: .block  // th
        case 0x7461626C65: .block  // table
        case 0x74626F6479: .block  // tbody
        case 0x7468656164: .block  // thead
        case 0x756C: .block  // ul
        case 0x6F6C: .block  // ol
        case 0x6C69: .block  // li
        case 0x7472: .block  // tr
        case 0x6464: .block  // dd
        case 0x6833: .block  // h3
        case 0x6834: .block  // h4
        case 0x6835: .block  // h5
        case 0x6836: .block  // h6
        case 0x646C: .block  // dl
        case 0x6474: .block  // dt
        case 0x73656374696F6E: .block  // section
        case 0x61727469636C65: .block  // article
        case 0x686561646572: .block  // header
        case 0x666F6F746572: .block  // footer
        case 0x6E6176: .block  // nav
        case 0x666F726D: .block  // form
        case 0x63656E746572: .block  // center
        case 0x707265: .block  // pre
        case 0x6173696465: .block  // aside
        case 0x6D61696E: .block  // main
        case 0x6872: .block  // hr
        case 0x63617074696F6E: .block  // caption
        case 0x626F6479: .block  // body
        case 0x7370616E: .span  // span
        case 0x6C6162656C: .span  // label
        case 0x62: .span  // b
        case 0x7374726F6E67: .span  // strong
        case 0x656D: .span  // em
        case 0x666F6E74: .span  // font
        case 0x69: .span  // i
        case 0x6272: .br  // br
        default: .other
        }
    }
}
