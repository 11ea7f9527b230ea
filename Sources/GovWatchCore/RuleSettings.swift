/// The rules' parameters, from a probe file's `rules:` section; every rule runs with these
/// defaults unless the probe changes or disables it.
public struct RuleSettings: Sendable, Hashable, Codable {
    /// Rules switched off for the probe.
    public var disabled: Set<RuleID> = []

    /// late-disclosure: working days allowed between 成文日期 and 发布日期.
    public var disclosureWorkingDays = 20

    /// interpretation: policy columns in scope (absolute listing URLs); empty: every `policy` column.
    public var policyColumns: [String] = []
    /// interpretation: interpretation columns; empty: every `interpretation` column.
    public var interpretationColumns: [String] = []
    /// interpretation: 文号 patterns (regular expressions) of documents that need one; empty: all.
    public var documentNumberPatterns: [String] = []
    /// interpretation: working days after the document goes online.
    public var interpretationWorkingDays = 3

    /// stale-column: days without anything new, by kind of column.
    public var newsDays = 14
    public var noticeDays = 183
    public var feedDays = 14
    public var homepageDays = 14
    /// stale-column: early warning at this share of the limit (10 days of 14 at 0.7).
    public var warnAt = 0.7

    /// stale-guide: the guide's largest age in days.
    public var guideMaxAgeDays = 365

    /// annual-report: deadlines (month, day) in the year after the report's year.
    public var townStreetReportDue = MonthDay(month: 1, day: 31)
    public var cityReportDue = MonthDay(month: 2, day: 20)

    /// unapproved: the register covers publications from this day on.
    public var approvalsSince: CivilDate?

    public init() {}

    public func isEnabled(_ rule: RuleID) -> Bool { !disabled.contains(rule) }
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
