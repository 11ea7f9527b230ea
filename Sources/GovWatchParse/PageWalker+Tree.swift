import CLibXML2
import Foundation

/// The attributes of a tree node (`xmlNode.properties`).
struct NodeAttributes: ElementAttributes {
    let node: UnsafeMutablePointer<xmlNode>

    var isEmpty: Bool { node.pointee.properties == nil }

    func value(_ name: StaticString) -> UnsafePointer<xmlChar>? {
        PageWalker.attributeValue(node, name)
    }
}

extension PageWalker {
    /// Walks the children of `root` (a document or an element) of a libxml2 tree.
    ///
    /// Iterative (no recursion, so 100,000 nested elements cannot overflow the stack).
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
        finish()
    }

    /// Handles the start of a node; returns whether to descend into its children.
    private mutating func enter(_ node: UnsafeMutablePointer<xmlNode>) -> Bool {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let raw = node.pointee.content {
                text(
                    UnsafeBufferPointer(
                        start: raw, count: strlen(UnsafeRawPointer(raw).assumingMemoryBound(to: CChar.self))))
            }
            return false
        case XML_ELEMENT_NODE:
            switch start(node.pointee.name, NodeAttributes(node: node)) {
            case .walk: return true
            case .skip: return false
            case .scriptText:
                if let s = Self.content(of: node) { script(s) }
                return false
            }
        default:
            return false
        }
    }

    private mutating func leave(_ node: UnsafeMutablePointer<xmlNode>) {
        guard node.pointee.type == XML_ELEMENT_NODE else { return }
        end(node.pointee.name)
    }

    // MARK: libxml2 tree helpers

    /// An attribute's value, read without allocating through libxml2.
    static func attribute(_ node: UnsafeMutablePointer<xmlNode>, _ name: StaticString) -> String? {
        attributeValue(node, name).map { String(cString: $0) }
    }

    /// An attribute's value as libxml2 holds it (empty for `<td nowrap>`); valid while the tree is.
    static func attributeValue(_ node: UnsafeMutablePointer<xmlNode>, _ name: StaticString)
        -> UnsafePointer<xmlChar>?
    {
        var attr = node.pointee.properties
        while let a = attr {
            if let n = a.pointee.name, strcmp(n, name.utf8Start) == 0 {
                guard let t = a.pointee.children, let c = t.pointee.content else {
                    return ("" as StaticString).utf8Start
                }
                return UnsafePointer(c)
            }
            attr = a.pointee.next
        }
        return nil
    }

    /// The text of a node and its descendants.
    static func content(of node: UnsafeMutablePointer<xmlNode>) -> String? {
        guard let c = xmlNodeGetContent(node) else { return nil }
        defer { gw_xml_free(c) }
        return String(cString: c)
    }
}
