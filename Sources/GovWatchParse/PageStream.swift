import CLibXML2
import Foundation

/// Reads a page into a `PageWalker` straight from libxml2's parser events, with no tree:
/// for articles, which need nothing but the walk. Building and freeing the tree (one
/// allocation per node, attribute and text) was a third of the cost of parsing a page: the
/// parse benchmark went from 1,828 to 2,865 pages/s.
///
/// The events are those the tree would have been built from, so the walk sees what a walk
/// of the tree sees: a text node is the text between two other events, joined from the
/// pieces the parser delivers (entities, buffer ends).
enum PageStream {
    /// Walks `body` as HTML in `encoding`; nil when it holds no element at all.
    static func walk(body: UnsafeRawBufferPointer, url: String, encoding: String) -> PageWalker? {
        ParserSetup.once
        gw_xml_silence_generic_errors()
        guard body.count > 0, body.count <= Int(Int32.max),
            let base = body.baseAddress?.assumingMemoryBound(to: CChar.self)
        else { return nil }
        var handler = htmlSAXHandler()
        handler.startElement = { context, name, attributes in
            context.map { State.of($0).pointee.start(name, SAXAttributes(list: attributes)) }
        }
        handler.endElement = { context, name in context.map { State.of($0).pointee.end(name) } }
        handler.characters = { context, bytes, count in
            context.map { State.of($0).pointee.characters(bytes, count) }
        }
        handler.cdataBlock = handler.characters
        handler.comment = { context, _ in context.map { State.of($0).pointee.otherNode() } }
        handler.processingInstruction = { context, _, _ in
            context.map { State.of($0).pointee.otherNode() }
        }
        var state = State()
        let parsed = withUnsafeMutablePointer(to: &state) { pointer in
            gw_html_sax_parse(base, Int32(body.count), url, encoding, HTMLDocument.options, &handler, pointer)
        }
        guard parsed == 0, state.sawElement else { return nil }
        state.otherNode()
        state.walker.finish()
        return state.walker
    }

    /// The walk in progress, reached through the parser's user-data pointer.
    private struct State {
        var walker = PageWalker()
        /// The pieces of the text node being read.
        var text: [UInt8] = []
        /// Inside an element whose content the walker skips: how many elements are open in it,
        /// itself included.
        var skipped = 0
        /// Inside a `<script>`: its text so far.
        var script: [UInt8]?
        var sawElement = false

        static func of(_ context: UnsafeMutableRawPointer) -> UnsafeMutablePointer<State> {
            context.assumingMemoryBound(to: State.self)
        }

        mutating func start(_ name: UnsafePointer<xmlChar>?, _ attributes: SAXAttributes) {
            if skipped > 0 {
                skipped += 1
                return
            }
            otherNode()
            sawElement = true
            switch walker.start(name, attributes) {
            case .walk: break
            case .skip: skipped = 1
            case .scriptText:
                skipped = 1
                script = []
            }
        }

        mutating func end(_ name: UnsafePointer<xmlChar>?) {
            if skipped > 0 {
                skipped -= 1
                guard skipped == 0 else { return }
                if let s = script {
                    walker.script(String(decoding: s, as: UTF8.self))
                    script = nil
                }
            } else {
                otherNode()
            }
            walker.end(name)
        }

        mutating func characters(_ bytes: UnsafePointer<xmlChar>?, _ count: Int32) {
            guard let bytes, count > 0 else { return }
            let piece = UnsafeBufferPointer(start: bytes, count: Int(count))
            if skipped > 0 {
                script?.append(contentsOf: piece)
            } else {
                text.append(contentsOf: piece)
            }
        }

        /// A node that is not text: the text node before it is complete.
        mutating func otherNode() {
            guard !text.isEmpty else { return }
            text.withUnsafeBufferPointer { walker.text($0) }
            text.removeAll(keepingCapacity: true)
        }
    }
}

/// The attributes the parser hands to `startElement`: name, value, name, value …, then nil.
struct SAXAttributes: ElementAttributes {
    let list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    var isEmpty: Bool { list?[0] == nil }

    func value(_ name: StaticString) -> UnsafePointer<xmlChar>? {
        guard let list else { return nil }
        var i = 0
        while let n = list[i] {
            if strcmp(n, name.utf8Start) == 0 { return list[i + 1] ?? ("" as StaticString).utf8Start }
            i += 2
        }
        return nil
    }
}
