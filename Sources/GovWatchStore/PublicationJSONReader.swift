import Foundation
import GovWatchCore

extension PublicationJSON {
    /// A stored publication read back. The store's own bytes (`encoded`) are read in one
    /// pass; anything this reader does not expect — JSON of an earlier release with a field
    /// it no longer has, say — is handed to `JSONDecoder`, which decides as it always did.
    ///
    /// A check reads every stored publication, and `JSONDecoder` (a tree of boxed values,
    /// then the `Decodable` machinery) was a third of its time.
    static func decode(_ json: Data) throws -> Publication {
        let fast = json.withUnsafeBytes { raw in try? read(raw) }
        return try fast ?? JSONDecoder().decode(Publication.self, from: json)
    }

    /// Reads a publication's JSON as `JSONDecoder` would, without falling back.
    static func read(_ json: UnsafeRawBufferPointer) throws -> Publication {
        var reader = JSONReader(bytes: json)
        reader.skipWhiteSpace()
        let p = try reader.publication()
        reader.skipWhiteSpace()
        guard reader.atEnd else { throw reader.error("text after the publication") }
        return p
    }
}

/// What `PublicationJSON.read` could not read.
struct PublicationJSONError: Error, CustomStringConvertible {
    let description: String
}

/// A cursor over JSON bytes that reads the values a `Publication` is made of.
private struct JSONReader {
    let bytes: UnsafeRawBufferPointer
    var i = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var atEnd: Bool { i == bytes.count }

    func error(_ what: String) -> PublicationJSONError {
        PublicationJSONError(description: "publication JSON at byte \(i): \(what)")
    }

    // MARK: The publication's shape (the keys `Codable` synthesises: the property names)

    mutating func publication() throws -> Publication {
        var p = Publication(url: "")
        // The non-optional fields: JSONDecoder refuses a publication without one of them.
        var required: Set<String> = ["url", "kind", "title", "meta", "info", "isRepost", "bodyText", "links", "attachments"]
        try object { r, key in
            required.remove(key)
            switch key {
            case "attachedTo": p.attachedTo = try r.optionalString()
            case "attachments": p.attachments = try r.links()
            case "author": p.author = try r.optionalString()
            case "bodyText": p.bodyText = try r.string()
            case "columnURL": p.columnURL = try r.optionalString()
            case "extractionNote": p.extractionNote = try r.optionalString()
            case "feedURL": p.feedURL = try r.optionalString()
            case "info": p.info = try r.info()
            case "isRepost": p.isRepost = try r.bool()
            case "kind":
                guard let kind = PublicationKind(rawValue: try r.string()) else { throw r.error("an unknown kind") }
                p.kind = kind
            case "leaks": p.leaks = try r.ifPresent { try $0.array { try $0.leak() } }
            case "links": p.links = try r.links()
            case "meta":
                var meta: [String: String] = [:]
                try r.object { r, name in meta[name] = try r.string() }
                p.meta = meta
            case "parts": p.parts = try r.ifPresent { try $0.array { try $0.part() } }
            case "published": p.published = try r.ifPresent { try $0.date() }
            case "publishedMinute": p.publishedMinute = try r.ifPresent { try $0.int() }
            case "source": p.source = try r.optionalString()
            case "sourceURL": p.sourceURL = try r.optionalString()
            case "title": p.title = try r.string()
            case "unitID": p.unitID = try r.optionalString()
            case "url": p.url = try r.string()
            default: try r.skipValue()
            }
        }
        guard required.isEmpty else { throw error("no \(required.sorted().joined(separator: ", "))") }
        return p
    }

    mutating func links() throws -> [Link] {
        try array { r in
            var url: String?
            var text: String?
            try r.object { r, key in
                switch key {
                case "url": url = try r.string()
                case "text": text = try r.string()
                default: try r.skipValue()
                }
            }
            guard let url, let text else { throw r.error("a link without its url or text") }
            return Link(url: url, text: text)
        }
    }

    mutating func info() throws -> DisclosureInfo {
        var info = DisclosureInfo()
        try object { r, key in
            switch key {
            case "documentNumber": info.documentNumber = try r.optionalString()
            case "indexNumber": info.indexNumber = try r.optionalString()
            case "publishedDate": info.publishedDate = try r.ifPresent { try $0.date() }
            case "publisher": info.publisher = try r.optionalString()
            case "topic": info.topic = try r.optionalString()
            case "validity": info.validity = try r.optionalString()
            case "writtenDate": info.writtenDate = try r.ifPresent { try $0.date() }
            default: try r.skipValue()
            }
        }
        return info
    }

    mutating func leak() throws -> LeakHit {
        var kind: LeakHit.Kind?
        var masked: String?
        var context: String?
        var location: String?
        try object { r, key in
            switch key {
            case "kind":
                guard let k = LeakHit.Kind(rawValue: try r.string()) else { throw r.error("an unknown leak kind") }
                kind = k
            case "masked": masked = try r.string()
            case "context": context = try r.string()
            case "location": location = try r.optionalString()
            default: try r.skipValue()
            }
        }
        guard let kind, let masked, let context else { throw error("a leak without its kind, number or context") }
        return LeakHit(kind: kind, masked: masked, context: context, location: location)
    }

    mutating func part() throws -> TextPart {
        var location: String?
        var lines: [String]?
        var isTable: Bool?
        try object { r, key in
            switch key {
            case "location": location = try r.string()
            case "lines": lines = try r.array { try $0.string() }
            case "isTable": isTable = try r.bool()
            default: try r.skipValue()
            }
        }
        guard let location, let lines, let isTable else { throw error("a text part without its location, lines or kind") }
        return TextPart(location: location, lines: lines, isTable: isTable)
    }

    mutating func date() throws -> CivilDate {
        guard let date = CivilDate(iso: try string()) else { throw error("not a YYYY-MM-DD date") }
        return date
    }

    // MARK: JSON values

    mutating func object(_ member: (inout JSONReader, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        skipWhiteSpace()
        if peek == UInt8(ascii: "}") {
            i += 1
            return
        }
        while true {
            skipWhiteSpace()
            let key = try string()
            skipWhiteSpace()
            try expect(UInt8(ascii: ":"))
            skipWhiteSpace()
            try member(&self, key)
            skipWhiteSpace()
            guard let c = peek else { throw error("an object cut short") }
            i += 1
            if c == UInt8(ascii: "}") { return }
            guard c == UInt8(ascii: ",") else { throw error("expected , or } in an object") }
        }
    }

    mutating func array<T>(_ element: (inout JSONReader) throws -> T) throws -> [T] {
        try expect(UInt8(ascii: "["))
        var items: [T] = []
        skipWhiteSpace()
        if peek == UInt8(ascii: "]") {
            i += 1
            return items
        }
        while true {
            skipWhiteSpace()
            items.append(try element(&self))
            skipWhiteSpace()
            guard let c = peek else { throw error("an array cut short") }
            i += 1
            if c == UInt8(ascii: "]") { return items }
            guard c == UInt8(ascii: ",") else { throw error("expected , or ] in an array") }
        }
    }

    /// nil for a JSON null (as `decodeIfPresent` reads it), else the value.
    mutating func ifPresent<T>(_ value: (inout JSONReader) throws -> T) throws -> T? {
        if literal("null") { return nil }
        return try value(&self)
    }

    mutating func optionalString() throws -> String? {
        try ifPresent { try $0.string() }
    }

    mutating func bool() throws -> Bool {
        if literal("true") { return true }
        if literal("false") { return false }
        throw error("expected true or false")
    }

    /// An integer as the encoder writes one: an optional minus and digits.
    mutating func int() throws -> Int {
        let negative = peek == UInt8(ascii: "-")
        if negative { i += 1 }
        let start = i
        var value = 0
        while let c = peek, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(c - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw error("an integer out of range") }
            value = s
            i += 1
        }
        guard i > start else { throw error("expected an integer") }
        guard bytes[start] != UInt8(ascii: "0") || i == start + 1 else { throw error("an integer with a leading zero") }
        if let c = peek, c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            throw error("expected an integer")
        }
        return negative ? -value : value
    }

    /// A JSON string; runs without escapes are copied whole.
    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") {
            guard bytes[i] >= 0x20 else { throw error("a control byte in a string") }
            i += 1
        }
        guard i < bytes.count else { throw error("a string cut short") }
        if bytes[i] == UInt8(ascii: "\"") {
            defer { i += 1 }
            return try text(UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
        }
        var out = Array(bytes[start..<i])
        while true {
            guard i < bytes.count else { throw error("a string cut short") }
            let c = bytes[i]
            i += 1
            switch c {
            case UInt8(ascii: "\""):
                return try out.withUnsafeBytes { try text($0) }
            case UInt8(ascii: "\\"):
                try unescape(into: &out)
            case ..<0x20:
                throw error("a control byte in a string")
            default:
                out.append(c)
            }
        }
    }

    private func text(_ utf8: UnsafeRawBufferPointer) throws -> String {
        guard let s = String(validating: utf8, as: UTF8.self) else { throw error("a string that is not UTF-8") }
        return s
    }

    private mutating func unescape(into out: inout [UInt8]) throws {
        guard let c = peek else { throw error("a string cut short") }
        i += 1
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(c)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code) {
                // A high surrogate: its low half must follow as the next escape.
                guard literal("\\u") else { throw error("half a surrogate pair") }
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("half a surrogate pair") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw error("half a surrogate pair") }
            out.append(contentsOf: UTF8.encode(scalar)!)
        default:
            throw error("an unknown escape")
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("a \\u escape cut short") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape that is not hex")
            }
            value = value << 4 | UInt32(digit)
            i += 1
        }
        return value
    }

    /// Skips a value of a key this reader does not know, as `JSONDecoder` ignores one.
    mutating func skipValue() throws {
        skipWhiteSpace()
        switch peek {
        case UInt8(ascii: "{"): try object { r, _ in try r.skipValue() }
        case UInt8(ascii: "["): _ = try array { try $0.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"):
            guard literal("null") else { throw error("expected null") }
        default:
            // A number: its characters, however written (JSONDecoder would read it).
            let start = i
            while let c = peek,
                c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
                    || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
            {
                i += 1
            }
            guard i > start else { throw error("expected a value") }
        }
    }

    // MARK: Bytes

    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func skipWhiteSpace() {
        while let c = peek, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 }
    }

    private mutating func expect(_ c: UInt8) throws {
        guard peek == c else { throw error("expected \(Character(Unicode.Scalar(c)))") }
        i += 1
    }

    /// Consumes `word` if the bytes at the cursor are it.
    private mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count, memcmp(bytes.baseAddress! + i, word.utf8Start, n) == 0 else { return false }
        i += n
        return true
    }
}
