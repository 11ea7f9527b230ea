import Foundation
import CLibXML2
import GovWatchCore

/// A piece of text between two block boundaries of a page.
struct Segment {
    var text: String
    /// True when a block element (p, div, td …) starts it, false for an inline one (span).
    var startsBlock: Bool
}

/// One walk over a libxml2 tree that collects everything the article parser needs: meta
/// tags, text segments, links, the body container, the heading and pagination scripts.
/// (Listings are found by structure in a walk of their own, `ListingFinder`.)
///
/// Iterative (no recursion, so 100,000 nested elements cannot overflow the stack), and it
/// compares tag names as packed integers rather than strings.
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
    private var bodyNode: UnsafeMutablePointer<xmlNode>?
    private var bodyStart = 0
    private var headingNode: UnsafeMutablePointer<xmlNode>?
    private var headingIsH1 = false
    private var headingStart = 0
    private var inTitle = false
    private var openLink: (node: UnsafeMutablePointer<xmlNode>, href: String)?
    private var linkText = TextBuffer()

    /// Walks the children of `root` (a document or an element).
    mutating func walk(_ root: UnsafeMutablePointer<xmlNode>) {
        var next = root.pointee.children
        while let node = next {
            if enter(node), let child = node.pointee.children {
                next = child
                continue
            }
            var done = node
            next = nil
            while true {
                leave(done)
                if let sibling = done.pointee.next {
                    next = sibling
                    break
                }
                guard let parent = done.pointee.parent, parent != root else { break }
                done = parent
            }
        }
        flush(startsBlockNext: true)
    }

    /// Handles the start of a node; returns whether to descend into its children.
    private mutating func enter(_ node: UnsafeMutablePointer<xmlNode>) -> Bool {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            text(node)
            return false
        case XML_ELEMENT_NODE:
            break
        default:
            return false
        }
        let tag = Tag(node.pointee.name)
        switch tag {
        case .script:
            if let s = Self.content(of: node) {
                if s.utf8.containsBytes(Self.recordsetTag) {
                    recordScripts.append(s)
                } else if s.utf8.count < 8192, Self.pagerHints.contains(where: s.utf8.containsBytes) {
                    scripts.append(s)
                }
            }
            return false
        case .style, .noscript:
            return false
        case .meta:
            if let name = Self.attribute(node, "name") ?? Self.attribute(node, "property"),
                let content = Self.attribute(node, "content"), meta[name] == nil
            {
                meta[name] = content
            }
            return false
        case .title:
            inTitle = true
        case .a:
            if let href = Self.attribute(node, "href") {
                openLink = (node, href)
                linkText.removeAll()
            }
        case .h1, .h2:
            boundary(block: true)
            if headingNode == nil && !(headingRange != nil && (headingIsH1 || tag == .h2)) {
                headingNode = node
                headingIsH1 = tag == .h1
                headingStart = segments.count
            }
        case .block:
            boundary(block: true)
        case .span:
            boundary(block: false)
        case .br:
            boundary(block: true)
        case .img:
            if let src = Self.attribute(node, "src") { images.append(src) }
        case .other:
            break
        }
        if bodyNode == nil, node.pointee.properties != nil, Self.looksLikeBody(node) {
            boundary(block: true)
            bodyNode = node
            bodyStart = segments.count
        }
        return true
    }

    private mutating func leave(_ node: UnsafeMutablePointer<xmlNode>) {
        guard node.pointee.type == XML_ELEMENT_NODE else { return }
        let tag = Tag(node.pointee.name)
        switch tag {
        case .title: inTitle = false
        case .a:
            if let link = openLink, link.node == node {
                links.append((link.href, linkText.take()))
                openLink = nil
            }
        case .block, .h1, .h2, .br: boundary(block: true)
        case .span: boundary(block: false)
        default: break
        }
        if node == headingNode {
            boundary(block: true)
            if headingStart < segments.count { headingRange = headingStart..<segments.count }
            headingNode = nil
        }
        if node == bodyNode {
            boundary(block: true)
            bodyRange = bodyStart..<segments.count
        }
    }

    private mutating func text(_ node: UnsafeMutablePointer<xmlNode>) {
        guard let raw = node.pointee.content, !Self.isBlank(raw) else { return }
        if inTitle {
            titleTag += String(cString: raw)
            return
        }
        current.append(raw)
        if openLink != nil { linkText.append(raw) }
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

    // MARK: libxml2 helpers

    private static let recordsetTag = Array("<recordset>".utf8)
    private static let pagerHints = ["createPageHTML", "ountPage", "ageCount", "otalPage", "ageSize"].map { Array($0.utf8) }

    private static let bodyIDs = [
        "zoom", "Zoom", "content", "UCAP-CONTENT", "fontzoom", "article_content", "ivs_content", "js_content",
    ]
    private static let bodyClasses = [
        "TRS_Editor", "TRS_UEDITOR", "article-content", "Custom_UnionStyle", "pages_content", "xxgk_content",
        "content_text", "article_con", "news_content", "rich_media_content",
    ]

    /// Compares libxml2's bytes in place: this runs on every element that has attributes.
    private static func looksLikeBody(_ node: UnsafeMutablePointer<xmlNode>) -> Bool {
        if let id = attributeValue(node, "id").map(cString), bodyIDs.contains(where: { strcmp(id, $0) == 0 }) { return true }
        if let cls = attributeValue(node, "class").map(cString) { return bodyClasses.contains { strstr(cls, $0) != nil } }
        return false
    }

    private static func cString(_ p: UnsafePointer<xmlChar>) -> UnsafePointer<CChar> {
        UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)
    }

    /// An attribute's value, read without allocating through libxml2.
    static func attribute(_ node: UnsafeMutablePointer<xmlNode>, _ name: StaticString) -> String? {
        attributeValue(node, name).map { String(cString: $0) }
    }

    /// An attribute's value as libxml2 holds it (empty for `<td nowrap>`); valid while the tree is.
    static func attributeValue(_ node: UnsafeMutablePointer<xmlNode>, _ name: StaticString) -> UnsafePointer<xmlChar>? {
        var attr = node.pointee.properties
        while let a = attr {
            if let n = a.pointee.name, strcmp(n, name.utf8Start) == 0 {
                guard let t = a.pointee.children, let c = t.pointee.content else { return ("" as StaticString).utf8Start }
                return UnsafePointer(c)
            }
            attr = a.pointee.next
        }
        return nil
    }

    static func content(of node: UnsafeMutablePointer<xmlNode>) -> String? {
        guard let c = xmlNodeGetContent(node) else { return nil }
        defer { gw_xml_free(c) }
        return String(cString: c)
    }

    private static func isBlank(_ p: UnsafePointer<xmlChar>) -> Bool {
        var q = p
        while q.pointee != 0 {
            switch q.pointee {
            case 0x20, 0x09, 0x0A, 0x0D: q += 1
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
        put(["noscript", "template", "iframe", "object", "svg", "select", "option", "textarea"], .noscript)
        put(["meta"], .meta)
        put(["title"], .title)
        put(["a"], .a)
        put(["img"], .img)
        put(["h1"], .h1)
        put(["h2"], .h2)
        put(
            [
                "p", "div", "td", "th", "table", "tbody", "thead", "ul", "ol", "li", "tr", "dd", "h3", "h4", "h5", "h6", "dl", "dt",
                "section", "article", "header", "footer", "nav", "form", "center", "blockquote", "pre", "aside",
                "main", "hr", "caption", "body",
            ], .block)
        put(["span", "label", "b", "strong", "em", "font", "i"], .span)
        put(["br"], .br)
        return t
    }()
}

/// Text gathered from a page's text nodes with white space folded as it arrives: runs become
/// one space, the ends are trimmed (U+00A0 and the ideographic space U+3000 count as white
/// space). Works on UTF-8 bytes, with no string made until `take()`.
struct TextBuffer {
    private var bytes: [UInt8] = []
    private var pendingSpace = false

    /// True when no visible character has arrived.
    var isEmpty: Bool { bytes.isEmpty }

    /// Appends a NUL-terminated UTF-8 string.
    mutating func append(_ text: UnsafePointer<xmlChar>) {
        append(UnsafeBufferPointer(start: text, count: strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self))))
    }

    mutating func append(_ b: UnsafeBufferPointer<UInt8>) {
        var i = 0
        while i < b.count {
            let width = Self.spaceWidth(b, at: i)
            if width > 0 {
                pendingSpace = !bytes.isEmpty
                i += width
                continue
            }
            // A run of visible bytes goes in at once.
            var end = i + 1
            while end < b.count, Self.spaceWidth(b, at: end) == 0 { end += 1 }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<end]))
            i = end
        }
    }

    /// The length of the white space character at `i`, 0 when there is none.
    @inline(__always)
    private static func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = b[i]
        if c <= 0x20 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : 0 }
        if c == 0xC2 { return i + 1 < b.count && b[i + 1] == 0xA0 ? 2 : 0 }
        if c == 0xE3 { return i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x80 ? 3 : 0 }
        return 0
    }

    /// The text so far, leaving the buffer empty.
    mutating func take() -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        removeAll()
        return s
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        pendingSpace = false
    }
}

extension String {
    /// White space runs folded to one space, ends trimmed (U+00A0 and the ideographic space
    /// U+3000 count as white space).
    func collapsingWhitespace() -> String {
        var buffer = TextBuffer()
        var copy = self
        copy.withUTF8 { buffer.append($0) }
        return buffer.take()
    }
}

extension Collection where Element == UInt8 {
    /// True when `needle` occurs in these bytes (a plain byte search, no Unicode folding).
    func containsBytes(_ needle: [UInt8]) -> Bool {
        let found = withContiguousStorageIfAvailable { hay in
            needle.withUnsafeBufferPointer { Self.search(hay, $0) }
        }
        return found ?? (firstIndex(ofBytes: needle) != nil)
    }

    /// memchr for the needle's first byte, memcmp for the rest.
    private static func search(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = hay.baseAddress, let n = needle.baseAddress, needle.count > 0 else { return needle.isEmpty }
        var offset = 0
        while hay.count - offset >= needle.count {
            guard let hit = memchr(base + offset, Int32(n.pointee), hay.count - offset - needle.count + 1) else { return false }
            let at = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
            if memcmp(base + at, n, needle.count) == 0 { return true }
            offset = at + 1
        }
        return false
    }

    /// Where `needle` first occurs in these bytes.
    func firstIndex(ofBytes needle: [UInt8]) -> Index? {
        guard let first = needle.first, count >= needle.count else { return nil }
        var i = startIndex
        while let hit = self[i...].firstIndex(of: first) {
            if self[hit...].starts(with: needle) { return hit }
            i = index(after: hit)
        }
        return nil
    }
}
