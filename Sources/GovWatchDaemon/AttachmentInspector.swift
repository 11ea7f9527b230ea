import Foundation
import GovWatchCore
import GovWatchExtract

/// What `govwatch inspect FILE` shows for an attachment: its format, its parts, why some of it
/// could not be read, and what the leak rule finds in it (numbers masked, as stored).
public struct AttachmentInspection: Codable, Sendable, Equatable {
    public struct Part: Codable, Sendable, Equatable {
        public var location: String
        public var lines: Int
        public var table: Bool
    }

    public struct Hit: Codable, Sendable, Equatable {
        public var kind: String
        public var label: String
        public var value: String
        public var location: String?
        public var context: String
    }

    public var name: String
    public var format: String
    public var parts: [Part]
    public var characters: Int
    public var note: String?
    public var hits: [Hit]

    /// Reads `data` as the crawl reads an attachment named `name`, on the day `asOf`.
    public init(_ data: Data, name: String, asOf: CivilDate, extractor: AttachmentExtractor = AttachmentExtractor()) {
        let text = extractor.extract(data, name: name)
        var p = Publication(url: name, kind: .attachment, title: name, parts: text.parts)
        Redactor.redact(&p, notAfterYear: asOf.year)
        self.name = name
        format = text.format
        note = text.note
        parts = (p.parts ?? []).map { Part(location: $0.location.isEmpty ? "正文" : $0.location, lines: $0.lines.count, table: $0.isTable) }
        characters = (p.parts ?? []).reduce(0) { $0 + $1.lines.reduce(0) { $0 + $1.count } }
        hits = LeakRule.hits(p, notAfterYear: asOf.year).map {
            Hit(kind: $0.kind.rawValue, label: $0.kind.label, value: $0.masked, location: $0.location, context: $0.context)
        }
    }

    /// The inspection as lines for a terminal.
    public var text: String {
        var lines = ["附件: \(name)", "格式: \(format)"]
        for p in parts { lines.append("部分: \(p.location)，\(p.lines)行\(p.table ? "（表格）" : "")") }
        lines.append("文字: \(characters)字")
        if let note { lines.append("说明: \(note)") }
        if hits.isEmpty { lines.append(note == nil ? "泄露检查: 未发现" : "泄露检查: 未发现（未能全部检查）") }
        for h in hits {
            lines.append("发现: \(h.label) \(h.value)\(h.location.map { "（\($0)）" } ?? "") 上下文: \(h.context)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
