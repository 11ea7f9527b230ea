/// When a request must be answered (附件2 第六条; 条例 第三十三条), counted in working days.
public struct RequestDeadline: Sendable, Hashable {
    /// The day the count starts after: receipt, or receipt of the corrected application.
    public var countsFrom: CivilDate
    /// 20 working days after `countsFrom`, plus the working days a third party took.
    public var original: CivilDate
    /// The deadline in force: `original`, or 20 working days later for a valid extension.
    public var due: CivilDate
    /// The extension was approved and notified in time, so it moved the deadline.
    public var extended: Bool
    /// Working days of third-party consultation, not counted.
    public var pausedDays: Int
    /// Some day of the count lies in a provisional calendar year (暂定).
    public var provisional: Bool

    public static let workingDays = 20
    public static let extensionDays = 20

    public init(_ r: RequestRecord, calendar: WorkdayCalendar) throws(CalendarError) {
        countsFrom = r.correctionReceived ?? r.received
        if let asked = r.consulted, let answered = r.consultationAnswered {
            pausedDays = try calendar.workingDays(from: asked, to: answered)
        } else {
            pausedDays = 0
        }
        original = try calendar.addWorkingDays(countsFrom, Self.workingDays + pausedDays)
        if let notified = r.extensionNotified, !r.extensionApprover.isEmpty, notified <= original {
            extended = true
            due = try calendar.addWorkingDays(original, Self.extensionDays)
        } else {
            extended = false
            due = original
        }
        provisional = calendar.isProvisional(from: countsFrom, through: due)
    }
}

/// Where a request stands on a day, by its deadline.
public enum RequestStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case answered
    case answeredLate = "answered-late"
    /// Not answered; the deadline has not passed.
    case open
    /// Not answered; the deadline has passed.
    case overdue

    public init(_ r: RequestRecord, deadline: RequestDeadline, asOf: CivilDate) {
        if let answered = r.answered {
            self = answered > deadline.due ? .answeredLate : .answered
        } else {
            self = asOf > deadline.due ? .overdue : .open
        }
    }

    public var isLate: Bool { self == .answeredLate || self == .overdue }
    public var isAnswered: Bool { self == .answered || self == .answeredLate }

    /// The word supervisors read.
    public var chinese: String {
        switch self {
        case .answered: "已答复"
        case .answeredLate: "超期答复"
        case .open: "办理中"
        case .overdue: "已超期未答复"
        }
    }
}
