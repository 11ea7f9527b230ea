import CLibXML2

/// XPath evaluation over a parsed page, for the probe's `parse:` overrides.
extension HTMLDocument {
    /// The nodes `xpath` selects, relative to `context` (the document when nil).
    func nodes(xpath: String, relativeTo context: UnsafeMutablePointer<xmlNode>? = nil) -> [UnsafeMutablePointer<xmlNode>] {
        guard let ctx = xmlXPathNewContext(doc) else { return [] }
        defer { xmlXPathFreeContext(ctx) }
        let result = context.map { xmlXPathNodeEval($0, xpath, ctx) } ?? xmlXPathEvalExpression(xpath, ctx)
        guard let result else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0 else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { set.pointee.nodeTab[$0] }
    }

    /// The text of a node (an element's text, an attribute's value), white space folded.
    static func text(of node: UnsafeMutablePointer<xmlNode>) -> String {
        PageWalker.content(of: node)?.collapsingWhitespace() ?? ""
    }
}

/// Checks an XPath expression when a probe is loaded.
public enum XPathCheck {
    /// Nil when libxml2 compiles `xpath`, else what is wrong.
    public static func problem(_ xpath: String) -> String? {
        ParserSetup.once
        gw_xml_silence_generic_errors()
        guard !xpath.isEmpty else { return "an empty XPath" }
        guard let compiled = xmlXPathCompile(xpath) else { return "not a valid XPath expression: '\(xpath)'" }
        xmlXPathFreeCompExpr(compiled)
        return nil
    }
}
