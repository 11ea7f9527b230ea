/// Listing records shipped inside a script, as 大汉 JCMS column pages do: the server writes
///
/// ```
/// <script type="text/xml"><datastore>
///   <nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&columnid=…"></a>]]></nextgroup>
///   <recordset><record><![CDATA[<li><a href="/art/2025/3/5/art_1229_1.html">…</a><span>2025-03-05</span></li>]]></record>…
/// </recordset></datastore></script>
/// ```
///
/// and its pager script renders them in the browser. The records are read as HTML of their
/// own; `nextgroup`'s link leads to the next records.
struct ScriptedRecords {
    /// The records' HTML, in order.
    var records: [String]
    /// Links to the next group of records.
    var nextGroup: [String]

    init?(scripts: [String]) {
        var records: [String] = []
        var next: [String] = []
        for script in scripts {
            records += Self.contents(of: "record", in: script)
            for group in Self.contents(of: "nextgroup", in: script) {
                if let m = group.firstMatch(of: #/href\s*=\s*["']([^"']+)["']/#) { next.append(String(m.1)) }
            }
        }
        guard !records.isEmpty else { return nil }
        self.records = records
        nextGroup = next
    }

    /// The records as one HTML document, to read as a listing.
    func document(url: String) -> HTMLDocument? {
        let html = Array(("<html><body><div>" + records.joined(separator: "\n") + "</div></body></html>").utf8)
        return html.withUnsafeBytes { HTMLDocument(body: $0, url: url, encoding: "UTF-8") }
    }

    /// The texts of every `<tag>…</tag>` in `script`, CDATA unwrapped.
    private static func contents(of tag: String, in script: String) -> [String] {
        var out: [String] = []
        var rest = script[...]
        while let open = rest.firstRange(of: "<\(tag)>"), let close = rest[open.upperBound...].firstRange(of: "</\(tag)>") {
            var inner = rest[open.upperBound..<close.lowerBound].trimmingWhitespace()
            if inner.hasPrefix("<![CDATA["), inner.hasSuffix("]]>") { inner = String(inner.dropFirst(9).dropLast(3)) }
            out.append(inner)
            rest = rest[close.upperBound...]
        }
        return out
    }
}
