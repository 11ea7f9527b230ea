/// The rules' parameters, from a probe file's `rules:` section: what the probe set, by
/// parameter; every other parameter has its rule's default.
public struct RuleSettings: Sendable, Hashable, Codable {
    /// Rules switched off for the probe.
    public var disabled: Set<RuleID> = []
    /// Values the probe set, by `section.key`.
    private var values: [String: ParameterValue] = [:]

    public init() {}

    public func isEnabled(_ rule: RuleID) -> Bool { !disabled.contains(rule) }

    /// A rule's parameter: the probe's value, else the rule's default.
    public subscript<Value>(_ p: RuleParameter<Value>) -> Value {
        get { values[p.path].flatMap(p.unwrap) ?? p.defaultValue }
        set { values[p.path] = p.wrap(newValue) }
    }

    /// Sets a parameter read from a probe file.
    public mutating func set(_ path: String, _ value: ParameterValue) { values[path] = value }
}

/// A parameter value as a probe file gives it.
public enum ParameterValue: Sendable, Hashable, Codable {
    case int(Int)
    case double(Double)
    case date(CivilDate)
    case monthDay(MonthDay)
    case strings([String])
    case text(String)
}

/// What kind of value a parameter takes, and its bounds: the probe reader validates by it.
public enum ParameterKind: Sendable, Hashable {
    /// A whole number in a range.
    case int(ClosedRange<Int>)
    /// A share above 0 and below 1 (`0.7`).
    case share
    /// A `YYYY-MM-DD` day.
    case date
    /// A yearly day, `MM-DD`.
    case monthDay
    /// Paths or URLs of listings, resolved against the probe's base.
    case urls
    /// Regular expressions, each compiled when the probe is loaded.
    case regexes
    /// A file an operator keeps, relative to the probe file; it must exist when the probe loads.
    case file

    /// How the README and `govwatch rules` describe it.
    public var description: String {
        switch self {
        case .int(let r): "\(r.lowerBound)–\(r.upperBound)"
        case .share: "0 < x < 1"
        case .date: "YYYY-MM-DD"
        case .monthDay: "MM-DD"
        case .urls: "paths or URLs"
        case .regexes: "regular expressions"
        case .file: "file path"
        }
    }
}

/// One parameter of a rule: its key under `rules.<section>`, its kind, its default. A rule
/// declares its parameters as static values and reads them from `RuleContext.settings`.
public struct RuleParameter<Value: Sendable>: Sendable {
    public let section: String
    public let key: String
    public let kind: ParameterKind
    public let defaultValue: Value
    /// What it means, for people.
    public let help: String
    let wrap: @Sendable (Value) -> ParameterValue?
    let unwrap: @Sendable (ParameterValue) -> Value?

    /// `section.key`.
    public var path: String { "\(section).\(key)" }

    /// The parameter without its type, for the registry.
    public var erased: AnyRuleParameter {
        AnyRuleParameter(section: section, key: key, kind: kind, defaultText: "\(defaultValue)".replacingNil(), help: help)
    }
}

extension RuleParameter where Value == Int {
    public static func int(_ section: String, _ key: String, default d: Int, range: ClosedRange<Int>, _ help: String) -> Self {
        Self(section: section, key: key, kind: .int(range), defaultValue: d, help: help, wrap: { .int($0) }) {
            if case .int(let v) = $0 { v } else { nil }
        }
    }
}

extension RuleParameter where Value == Double {
    public static func share(_ section: String, _ key: String, default d: Double, _ help: String) -> Self {
        Self(section: section, key: key, kind: .share, defaultValue: d, help: help, wrap: { .double($0) }) {
            if case .double(let v) = $0 { v } else { nil }
        }
    }
}

extension RuleParameter where Value == CivilDate? {
    public static func date(_ section: String, _ key: String, _ help: String) -> Self {
        Self(section: section, key: key, kind: .date, defaultValue: nil, help: help, wrap: { $0.map(ParameterValue.date) }) {
            if case .date(let v) = $0 { v } else { nil }
        }
    }
}

extension RuleParameter where Value == String? {
    public static func file(_ section: String, _ key: String, _ help: String) -> Self {
        Self(section: section, key: key, kind: .file, defaultValue: nil, help: help, wrap: { $0.map(ParameterValue.text) }) {
            if case .text(let v) = $0 { v } else { nil }
        }
    }
}

extension RuleParameter where Value == MonthDay {
    public static func monthDay(_ section: String, _ key: String, default d: MonthDay, _ help: String) -> Self {
        Self(section: section, key: key, kind: .monthDay, defaultValue: d, help: help, wrap: { .monthDay($0) }) {
            if case .monthDay(let v) = $0 { v } else { nil }
        }
    }
}

extension RuleParameter where Value == [String] {
    public static func urls(_ section: String, _ key: String, _ help: String) -> Self {
        Self(section: section, key: key, kind: .urls, defaultValue: [], help: help, wrap: { .strings($0) }) {
            if case .strings(let v) = $0 { v } else { nil }
        }
    }

    public static func regexes(_ section: String, _ key: String, _ help: String) -> Self {
        Self(section: section, key: key, kind: .regexes, defaultValue: [], help: help, wrap: { .strings($0) }) {
            if case .strings(let v) = $0 { v } else { nil }
        }
    }
}

/// A rule parameter without its type: what the probe reader, `govwatch rules` and the docs need.
public struct AnyRuleParameter: Sendable, Hashable {
    public var section: String
    public var key: String
    public var kind: ParameterKind
    /// The default as text (`20`, `01-31`; empty for none).
    public var defaultText: String
    public var help: String

    /// `section.key`.
    public var path: String { "\(section).\(key)" }
}

extension String {
    /// `""` for the text of a nil optional or an empty list, else the value's text.
    fileprivate func replacingNil() -> String {
        if self == "nil" || self == "[]" { return "" }
        return hasPrefix("Optional(") && hasSuffix(")") ? String(dropFirst(9).dropLast()) : self
    }
}

/// A day of the year, for yearly deadlines.
public struct MonthDay: Sendable, Hashable, Codable, CustomStringConvertible {
    public var month: Int
    public var day: Int

    public init(month: Int, day: Int) {
        self.month = month
        self.day = day
    }

    /// `MM-DD`, validated against a leap year.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]), CivilDate(year: 2024, month: m, day: d) != nil
        else { return nil }
        self.init(month: m, day: d)
    }

    public func inYear(_ year: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: day) ?? CivilDate(year: year, month: month, day: day - 1)!
    }

    public var description: String { "\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)" }
}
