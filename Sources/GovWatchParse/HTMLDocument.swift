import CLibXML2

/// A parsed HTML page, owned and freed by this object.
final class HTMLDocument {
    let doc: htmlDocPtr

    /// Options: recover from broken markup, stay off the network, report nothing globally
    /// (`PageStream` parses with the same).
    static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// Parses `body` as HTML in `encoding`; nil when libxml2 produced no tree at all.
    init?(body: UnsafeRawBufferPointer, url: String, encoding: String) {
        ParserSetup.once
        gw_xml_silence_generic_errors()
        guard body.count > 0, body.count <= Int(Int32.max),
            let base = body.baseAddress?.assumingMemoryBound(to: CChar.self),
            let doc = htmlReadMemory(base, Int32(body.count), url, encoding, HTMLDocument.options)
        else { return nil }
        self.doc = doc
    }

    deinit { xmlFreeDoc(doc) }

    var root: UnsafeMutablePointer<xmlNode>? { xmlDocGetRootElement(doc) }

    /// The first node an XPath expression selects, for per-site overrides.
    func firstNode(xpath: String) -> UnsafeMutablePointer<xmlNode>? {
        guard let context = xmlXPathNewContext(doc) else { return nil }
        defer { xmlXPathFreeContext(context) }
        guard let result = xmlXPathEvalExpression(xpath, context) else { return nil }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0 else { return nil }
        return set.pointee.nodeTab[0]
    }
}

/// libxml2's one-time initialisation, before any worker thread parses.
enum ParserSetup {
    static let once: Void = { xmlInitParser() }()
}
