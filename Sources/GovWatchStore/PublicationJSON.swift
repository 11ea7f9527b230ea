import CByteSearch
import GovWatchCore

/// A publication's stored form and content identity: the bytes `JSONEncoder` with
/// `.sortedKeys` makes of it, written directly.
///
/// Every page of a crawl is serialised once to hash and store it, and Foundation's encoder
/// builds a tree of boxed values first; this writes the same bytes in one pass. The bytes
/// must stay exactly the encoder's — stored hashes of earlier releases are FNV-1a over them,
/// so any difference would mark every stored page as changed — and `PublicationJSONTests`
/// compares the two on hostile and real publications. Rules of the encoder kept here (Swift
/// Foundation on Linux): keys sorted by their UTF-8 bytes; nil fields left out; `"`, `\`
/// and `/` escaped, `\b \f \n \r \t` short, other control bytes as `\u00xx`; everything else
/// as its UTF-8 bytes.
enum PublicationJSON {
    /// The JSON of `p`, as `JSONEncoder` with `.sortedKeys` writes it; with `links: false`,
    /// its `attachments` and `links` written empty (the store keeps those apart, `LinkList`).
    static func encode(_ p: Publication, links withLinks: Bool = true) -> [UInt8] {
        var w = Writer()
        w.bytes.reserveCapacity(p.bodyText.utf8.count + (withLinks ? 96 * (p.links.count + p.attachments.count) : 0) + 1024)
        // Keys in the order of their UTF-8 bytes.
        w.open()
        w.key("attachedTo", p.attachedTo)
        w.key("attachments")
        w.links(withLinks ? p.attachments : [])
        w.key("author", p.author)
        w.key("bodyText", p.bodyText)
        w.key("columnURL", p.columnURL)
        w.key("extractionNote", p.extractionNote)
        w.key("feedURL", p.feedURL)
        w.key("info")
        w.info(p.info)
        w.key("isRepost")
        w.bool(p.isRepost)
        w.key("kind", p.kind.rawValue)
        if let leaks = p.leaks {
            w.key("leaks")
            w.array(leaks) { w, hit in
                w.open()
                w.key("context", hit.context)
                w.key("kind", hit.kind.rawValue)
                w.key("location", hit.location)
                w.key("masked", hit.masked)
                w.close()
            }
        }
        w.key("links")
        w.links(withLinks ? p.links : [])
        w.key("meta")
        w.open()
        for name in p.meta.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            w.key(name, p.meta[name])
        }
        w.close()
        if let parts = p.parts {
            w.key("parts")
            w.array(parts) { w, part in
                w.open()
                w.key("isTable")
                w.bool(part.isTable)
                w.key("lines")
                w.array(part.lines) { w, line in w.string(line) }
                w.key("location", part.location)
                w.close()
            }
        }
        w.key("published", p.published?.description)
        if let minute = p.publishedMinute {
            w.key("publishedMinute")
            w.bytes.append(contentsOf: String(minute).utf8)
        }
        w.key("source", p.source)
        w.key("sourceURL", p.sourceURL)
        w.key("title", p.title)
        w.key("unitID", p.unitID)
        w.key("url", p.url)
        w.close()
        return w.bytes
    }

    /// A JSON text being written: objects track whether a member was written yet.
    private struct Writer {
        var bytes: [UInt8] = []
        private var first = true

        mutating func open() {
            bytes.append(UInt8(ascii: "{"))
            first = true
        }

        mutating func close() {
            bytes.append(UInt8(ascii: "}"))
            first = false
        }

        /// A member's key and colon; its value comes next.
        mutating func key(_ name: StaticString) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }

        /// A string member, left out when nil (as `encodeIfPresent` does).
        mutating func key(_ name: StaticString, _ value: String?) {
            guard let value else { return }
            key(name)
            string(value)
        }

        /// A string member whose key is data (a meta tag's name).
        mutating func key(_ name: String, _ value: String?) {
            guard let value else { return }
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            string(name)
            bytes.append(UInt8(ascii: ":"))
            string(value)
        }

        mutating func bool(_ value: Bool) {
            bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
        }

        mutating func array<T>(_ items: [T], _ element: (inout Writer, T) -> Void) {
            bytes.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                element(&self, item)
            }
            bytes.append(UInt8(ascii: "]"))
            first = false
        }

        mutating func links(_ links: [Link]) {
            array(links) { w, link in
                w.open()
                w.key("text", link.text)
                w.key("url", link.url)
                w.close()
            }
        }

        mutating func info(_ info: DisclosureInfo) {
            open()
            key("documentNumber", info.documentNumber)
            key("indexNumber", info.indexNumber)
            key("publishedDate", info.publishedDate?.description)
            key("publisher", info.publisher)
            key("topic", info.topic)
            key("validity", info.validity)
            key("writtenDate", info.writtenDate?.description)
            close()
        }

        /// A JSON string: runs of bytes that need no escape are found sixteen bytes at a time
        /// (`gw_json_plain_prefix`) and copied whole.
        mutating func string(_ s: String) {
            bytes.append(UInt8(ascii: "\""))
            var s = s
            s.withUTF8 { utf8 in
                guard let base = utf8.baseAddress else { return }
                var mark = 0
                var i = 0
                while true {
                    i += gw_json_plain_prefix(base + i, utf8.count - i)
                    guard i < utf8.count else { break }
                    let c = utf8[i]
                    defer { i += 1 }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<i]))
                    mark = i + 1
                    bytes.append(UInt8(ascii: "\\"))
                    switch c {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(c)
                    case 0x08: bytes.append(UInt8(ascii: "b"))
                    case 0x0C: bytes.append(UInt8(ascii: "f"))
                    case 0x0A: bytes.append(UInt8(ascii: "n"))
                    case 0x0D: bytes.append(UInt8(ascii: "r"))
                    case 0x09: bytes.append(UInt8(ascii: "t"))
                    default:
                        let hex = Array("0123456789abcdef".utf8)
                        bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(c >> 4)], hex[Int(c & 0xF)]])
                    }
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark...]))
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
