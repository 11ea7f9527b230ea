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
    /// Segment range of the first element that looks like the article body.
    private(set) var bodyRange: Range<Int>?
    /// Segment range of the first `<h1>`, else of the first `<h2>`.
    private(set) var headingRange: Range<Int>?
    /// Scripts that may describe a pager (`createPageHTML`, page-count variables).
    private(set) var scripts: [String] = []
    /// Listing records a CMS ships inside a script for its pager to render (大汉 JCMS
    /// `<script type="text/xml"><datastore><recordset><record><![CDATA[<li>…</li>]]>`).
    private(set) var recordScripts: [String] = []

    private var current = ""
    private var currentStartsBlock = true
    private var bodyNode: UnsafeMutablePointer<xmlNode>?
    private var bodyStart = 0
    private var headingNode: UnsafeMutablePointer<xmlNode>?
    private var headingIsH1 = false
    private var headingStart = 0
    private var inTitle = false
    private var openLink: (node: UnsafeMutablePointer<xmlNode>, href: String, text: String)?

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
            if let href = Self.attribute(node, "href") { openLink = (node, href, "") }
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
                links.append((link.href, link.text.collapsingWhitespace()))
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
        let s = String(cString: raw)
        if inTitle {
            titleTag += s
            return
        }
        current += s
        if openLink != nil { openLink!.text += s }
    }

    private mutating func boundary(block: Bool) {
        flush(startsBlockNext: block)
    }

    private mutating func flush(startsBlockNext: Bool) {
        if !current.isEmpty {
            let t = current.collapsingWhitespace()
            if !t.isEmpty { segments.append(Segment(text: t, startsBlock: currentStartsBlock)) }
            current = ""
            currentStartsBlock = startsBlockNext
        } else if startsBlockNext {
            currentStartsBlock = true
        }
    }

    // MARK: libxml2 helpers

    private static let recordsetTag = Array("<recordset>".utf8)
    private static let pagerHints = ["createPageHTML", "ountPage", "ageCount", "otalPage", "ageSize"].map { Array($0.utf8) }

    private static let bodyIDs: Set<String> = [
        "zoom", "Zoom", "content", "UCAP-CONTENT", "fontzoom", "article_content", "ivs_content", "js_content",
    ]
    private static let bodyClasses = [
        "TRS_Editor", "TRS_UEDITOR", "article-content", "Custom_UnionStyle", "pages_content", "xxgk_content",
        "content_text", "article_con", "news_content", "rich_media_content",
    ]

    private static let bodyClassBytes = bodyClasses.map { Array($0.utf8) }

    private static func looksLikeBody(_ node: UnsafeMutablePointer<xmlNode>) -> Bool {
        if let id = attribute(node, "id"), bodyIDs.contains(id) { return true }
        if let cls = attribute(node, "class") { return bodyClassBytes.contains { cls.utf8.containsBytes($0) } }
        return false
    }

    /// An attribute's value, read without allocating through libxml2.
    static func attribute(_ node: UnsafeMutablePointer<xmlNode>, _ name: StaticString) -> String? {
        var attr = node.pointee.properties
        while let a = attr {
            if let n = a.pointee.name, strcmp(n, name.utf8Start) == 0 {
                guard let t = a.pointee.children, let c = t.pointee.content else { return "" }
                return String(cString: c)
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
    case script, style, noscript, meta, title, a, h1, h2, block, span, br, other

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

extension String {
    /// White space runs folded to one space, ends trimmed (U+00A0 and the ideographic space
    /// U+3000 count as white space). Works on UTF-8 bytes: it runs on every text segment.
    func collapsingWhitespace() -> String {
        var utf8 = self.utf8
        return utf8.withContiguousStorageIfAvailable(Self.collapse) ?? {
            var copy = self
            copy.makeContiguousUTF8()
            utf8 = copy.utf8
            return utf8.withContiguousStorageIfAvailable(Self.collapse)!
        }()
    }

    private static func collapse(_ b: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: b.count) { out in
            var n = 0
            var pendingSpace = false
            var i = 0
            while i < b.count {
                let c = b[i]
                var width = 0
                if c == 0x20 || (c >= 0x09 && c <= 0x0D) {
                    width = 1
                } else if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 {
                    width = 2
                } else if c == 0xE3, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x80 {
                    width = 3
                }
                if width > 0 {
                    pendingSpace = n > 0
                    i += width
                    continue
                }
                if pendingSpace {
                    out[n] = 0x20
                    n += 1
                    pendingSpace = false
                }
                out[n] = c
                n += 1
                i += 1
            }
            return n
        }
    }
}

extension Collection where Element == UInt8 {
    /// True when `needle` occurs in these bytes (a plain byte search, no Unicode folding).
    func containsBytes(_ needle: [UInt8]) -> Bool { firstIndex(ofBytes: needle) != nil }

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
