/// The id of a rule, as findings, rubric mappings and commands name it.
public struct RuleID: RawRepresentable, Sendable, Hashable, Codable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public var description: String { rawValue }
    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }

    public static let lateDisclosure: RuleID = "late-disclosure"
    public static let interpretationMissing: RuleID = "interpretation-missing"
    public static let interpretationLate: RuleID = "interpretation-late"
    public static let interpretationLink: RuleID = "interpretation-link"
    public static let staleGuide: RuleID = "stale-guide"
    public static let staleCatalogue: RuleID = "stale-catalogue"
    public static let staleColumn: RuleID = "stale-column"
    public static let unsourcedRepost: RuleID = "unsourced-repost"
    public static let unapproved: RuleID = "unapproved"
    public static let leak: RuleID = "leak"
    public static let annualReport: RuleID = "annual-report"
    public static let siteUnavailable: RuleID = "site-unavailable"

    /// Every rule id govwatch knows, from the registry (`RuleBook`), in the order of `rules.md`.
    public static var all: [RuleID] { RuleBook.kinds.map(\.id) }
}

/// How serious a finding is.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// 预警: an early warning before a limit; costs no points.
    case warning
    /// A breach of a rule; costs points.
    case violation
    /// A breach that needs action at once (a leak of personal data or secrets).
    case severe

    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The word supervisors read.
    public var chinese: String {
        switch self {
        case .warning: "预警"
        case .violation: "违规"
        case .severe: "严重"
        }
    }
}

/// One fact that supports a finding, shown to supervisors as `label：value`.
public struct Evidence: Sendable, Hashable, Codable {
    public var label: String
    public var value: String

    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// A broken rule: which unit, which page, which clause, and the evidence.
public struct Finding: Sendable, Hashable, Codable {
    public var rule: RuleID
    public var unitID: String
    /// The page (or feed, or listing) the finding is about.
    public var url: String
    /// The clause of the regulations, e.g. `附件1 第十条`.
    public var clause: String
    /// What is wrong, in Chinese, for supervisors.
    public var description: String
    public var evidence: [Evidence]
    public var severity: Severity
    /// The same problem seen again has the same fingerprint: rule, unit, subject and what
    /// kind of problem, never the dates or counts that change from day to day.
    public var fingerprint: String
    /// A date in the finding (a deadline) was counted over a provisional calendar year (暂定):
    /// the next check after the year's notice is imported counts it again.
    public var provisional: Bool

    public init(
        rule: RuleID, unitID: String, url: String, clause: String, description: String, evidence: [Evidence],
        severity: Severity = .violation, discriminator: String = "", provisional: Bool = false
    ) {
        self.provisional = provisional
        self.rule = rule
        self.unitID = unitID
        self.url = url
        self.clause = clause
        self.description = description
        self.evidence = evidence
        self.severity = severity
        fingerprint = Fingerprint.of([rule.rawValue, unitID, url, discriminator, severity.rawValue])
    }
}

/// A title in 《》 for a description; in “” when it quotes a title itself (《…》政策解读).
public func quoted(_ title: String) -> String {
    title.contains("《") ? "“\(title)”" : "《\(title)》"
}

/// A stable 64-bit FNV-1a fingerprint of a few strings, as 16 hex digits.
public enum Fingerprint {
    public static func of(_ parts: [String]) -> String {
        var h = FNV1a()
        for part in parts {
            h.combine(part.utf8)
            h.combine(CollectionOfOne(0x1F))  // separator
        }
        return h.hex
    }
}

/// FNV-1a, 64 bits: a fast, stable hash of bytes (content fingerprints, ETags; not for security).
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        // Contiguous bytes (`Data`, `[UInt8]`) through a buffer pointer: a generic iterator
        // called across modules costs a call per byte.
        if let hashed = bytes.withContiguousStorageIfAvailable({ Self.combine(value, $0) }) {
            value = hashed
            return
        }
        for b in bytes { value = (value ^ UInt64(b)) &* 0x100_0000_01b3 }
    }

    private static func combine(_ start: UInt64, _ buffer: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var v = start
        for b in buffer { v = (v ^ UInt64(b)) &* 0x100_0000_01b3 }
        return v
    }

    /// The hash as 16 hex digits.
    public var hex: String { value.hexDigits }

    /// The hash of `bytes` as 16 hex digits.
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var h = FNV1a()
        h.combine(bytes)
        return h.hex
    }
}

extension UInt64 {
    /// The value as 16 lower-case hex digits, zero-padded: how stored hashes are written.
    public var hexDigits: String {
        let digits = String(self, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
