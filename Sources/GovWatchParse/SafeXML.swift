import CLibXML2
import Foundation

/// Why an XML document was refused.
public enum XMLSafetyError: Error, Equatable, CustomStringConvertible {
    /// The document declares a DTD subset or entities: the billion-laughs, quadratic-blowup
    /// and XXE attacks all need one, and no feed does.
    case dtdDeclared
    case malformed(String)

    public var description: String {
        switch self {
        case .dtdDeclared: "XML with a DTD subset or entity declarations is refused"
        case .malformed(let m): "malformed XML: \(m)"
        }
    }
}

/// A parsed XML document, read safely: no network, no external entities, no DTD loading,
/// and no document with a DTD subset at all (entity expansion happens when node content is
/// read, long after a "safe" parse, so the only safe entity is one that was never declared).
final class XMLDocument {
    let doc: xmlDocPtr

    private static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_RECOVER.rawValue)

    init(body: UnsafeRawBufferPointer, url: String) throws {
        ParserSetup.once
        gw_xml_silence_generic_errors()
        if Self.declaresDTD(body) { throw XMLSafetyError.dtdDeclared }
        guard let base = body.baseAddress?.assumingMemoryBound(to: CChar.self), body.count > 0,
            body.count <= Int(Int32.max)
        else { throw XMLSafetyError.malformed("empty document") }
        guard let ctxt = xmlNewParserCtxt() else { throw XMLSafetyError.malformed("no parser context") }
        defer { xmlFreeParserCtxt(ctxt) }
        guard let doc = xmlCtxtReadMemory(ctxt, base, Int32(body.count), url, nil, Self.options) else {
            let message = xmlCtxtGetLastError(ctxt).flatMap { $0.pointee.message.map { String(cString: $0) } }
            throw XMLSafetyError.malformed(message?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "no tree")
        }
        if doc.pointee.intSubset != nil || doc.pointee.extSubset != nil {
            xmlFreeDoc(doc)
            throw XMLSafetyError.dtdDeclared
        }
        self.doc = doc
    }

    deinit { xmlFreeDoc(doc) }

    var root: UnsafeMutablePointer<xmlNode>? { xmlDocGetRootElement(doc) }

    /// True when the bytes contain `<!DOCTYPE` or `<!ENTITY` (any case) anywhere.
    static func declaresDTD(_ body: UnsafeRawBufferPointer) -> Bool {
        let b = body.bindMemory(to: UInt8.self)
        let doctype = Array("doctype".utf8)
        let entity = Array("entity".utf8)
        func matches(_ word: [UInt8], at i: Int) -> Bool {
            guard i + word.count <= b.count else { return false }
            for (k, c) in word.enumerated() where b[i + k] | 0x20 != c { return false }
            return true
        }
        var i = 0
        while i + 1 < b.count {
            if b[i] == UInt8(ascii: "<"), b[i + 1] == UInt8(ascii: "!"),
                matches(doctype, at: i + 2) || matches(entity, at: i + 2)
            {
                return true
            }
            i += 1
        }
        return false
    }
}

/// Helpers to read an XML tree by element names.
enum XMLNodes {
    static func name(_ node: UnsafeMutablePointer<xmlNode>) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func children(_ node: UnsafeMutablePointer<xmlNode>) -> [UnsafeMutablePointer<xmlNode>] {
        var out: [UnsafeMutablePointer<xmlNode>] = []
        var c = node.pointee.children
        while let n = c {
            if n.pointee.type == XML_ELEMENT_NODE { out.append(n) }
            c = n.pointee.next
        }
        return out
    }

    /// The text of the first child element called `name` (local name, any namespace).
    static func childText(_ node: UnsafeMutablePointer<xmlNode>, _ name: String) -> String? {
        children(node).first { self.name($0) == name }.flatMap(text)
    }

    static func text(_ node: UnsafeMutablePointer<xmlNode>) -> String? {
        guard let c = xmlNodeGetContent(node) else { return nil }
        defer { gw_xml_free(c) }
        return String(cString: c)
    }

    static func attribute(_ node: UnsafeMutablePointer<xmlNode>, _ name: String) -> String? {
        guard let v = xmlGetProp(node, name) else { return nil }
        defer { gw_xml_free(v) }
        return String(cString: v)
    }
}
