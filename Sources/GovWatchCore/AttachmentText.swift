/// An attachment's text as govwatch keeps it, once per content hash: the parts with personal
/// numbers masked, what was masked, and why some or all of it could not be read.
public struct AttachmentText: Sendable, Hashable, Codable {
    /// The format read (`pdf`, `xlsx`, `doc` …).
    public var format: String
    public var parts: [TextPart]
    public var leaks: [LeakHit]?
    /// `扫描件，未能检查`, `无法提取文本：超时` …; nil when all of it was read.
    public var note: String?

    public init(format: String, parts: [TextPart], leaks: [LeakHit]? = nil, note: String? = nil) {
        self.format = format
        self.parts = parts
        self.leaks = leaks
        self.note = note
    }
}

/// The key an attachment's text is kept under: the bytes' FNV-1a hash and their length.
public enum AttachmentHash {
    public static func of(_ bytes: [UInt8]) -> String { FNV1a.hex(bytes) + "-\(bytes.count)" }
}
