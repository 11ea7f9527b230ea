/// What a message is, for channel subscriptions and delivery keys.
public enum MessageKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An immediate alert: a severe finding, or an overdue notice (escalation).
    case alert
    /// The daily digest for supervisors.
    case digest
    /// A rectification notice for a unit.
    case notice
    /// `govwatch send-test`.
    case test
}

/// A file sent with a message (a notice as DOCX).
public struct Attachment: Sendable, Hashable, Codable {
    public var filename: String
    public var mimeType: String
    public var data: [UInt8]

    public init(filename: String, mimeType: String, data: [UInt8]) {
        self.filename = filename
        self.mimeType = mimeType
        self.data = data
    }
}

/// One message in every form a channel may need: mail takes the text and HTML, robots the
/// markdown, the spool directory all of them.
public struct OutboundMessage: Sendable, Hashable, Codable {
    public var kind: MessageKind
    /// A stable name for files and logs, e.g. `digest-2026-11-20`.
    public var name: String
    public var subject: String
    public var text: String
    public var html: String?
    /// Short markdown for chat robots (企业微信, 钉钉).
    public var markdown: String
    public var attachments: [Attachment]
    /// Addressees of this message besides a channel's own (a notice's unit); mail channels
    /// add them.
    public var recipients: [String]

    public init(
        kind: MessageKind, name: String, subject: String, text: String, html: String? = nil, markdown: String,
        attachments: [Attachment] = [], recipients: [String] = []
    ) {
        self.kind = kind
        self.name = name
        self.subject = subject
        self.text = text
        self.html = html
        self.markdown = markdown
        self.attachments = attachments
        self.recipients = recipients
    }
}
