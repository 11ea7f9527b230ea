/// Where a rectification notice (整改通知书) stands.
public enum NoticeStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Sent; the deadline has not passed and problems are open.
    case issued
    /// Every listed problem was resolved on a re-check.
    case rectified
    /// The deadline passed with problems open (通报; a follow-up notice was issued).
    case overdue

    /// The Chinese word supervisors read.
    public var label: String {
        switch self {
        case .issued: "整改中"
        case .rectified: "已整改"
        case .overdue: "逾期未整改"
        }
    }
}

/// One problem listed on a notice, as it stood when the notice was issued.
public struct NoticeItem: Sendable, Hashable, Codable {
    public var fingerprint: String
    public var rule: RuleID
    public var description: String
    public var clause: String
    public var url: String
    /// Points the finding costs on the evaluation table (0 when the rubric maps no line).
    public var points: Double

    public init(fingerprint: String, rule: RuleID, description: String, clause: String, url: String, points: Double) {
        self.fingerprint = fingerprint
        self.rule = rule
        self.description = description
        self.clause = clause
        self.url = url
        self.points = points
    }

    /// The item for a finding, priced by `rubric`.
    public init(_ f: Finding, rubric: Rubric) {
        self.init(
            fingerprint: f.fingerprint, rule: f.rule, description: f.description, clause: f.clause, url: f.url,
            points: rubric.rules[f.rule]?.points(for: f) ?? 0)
    }
}

/// A notice still being tracked (issued or overdue), as the planner sees it.
public struct ActiveNotice: Sendable, Hashable {
    public var id: Int64
    public var unitID: String
    public var status: NoticeStatus
    public var issuedOn: CivilDate
    public var deadline: CivilDate
    /// The deadline was counted over a provisional calendar year (暂定).
    public var provisional: Bool
    public var items: [NoticeItem]

    public init(
        id: Int64, unitID: String, status: NoticeStatus, issuedOn: CivilDate, deadline: CivilDate, provisional: Bool = false,
        items: [NoticeItem]
    ) {
        self.id = id
        self.unitID = unitID
        self.status = status
        self.issuedOn = issuedOn
        self.deadline = deadline
        self.provisional = provisional
        self.items = items
    }
}

/// A provisional deadline counted again once the calendar changed (the year's notice was
/// imported): shown as changed, never moved silently.
public struct DeadlineChange: Sendable, Hashable {
    public var noticeID: Int64
    public var from: CivilDate
    public var to: CivilDate
    /// Still provisional after the recount (another year is still missing).
    public var provisional: Bool
}

/// A notice to issue.
public struct NewNotice: Sendable, Hashable {
    public var unitID: String
    public var items: [NoticeItem]
    public var issuedOn: CivilDate
    public var deadline: CivilDate
    /// The deadline was counted over a provisional calendar year (暂定).
    public var provisional: Bool
    /// The overdue notice this one follows up (督办), if any.
    public var followUpOf: Int64?
}

/// What to do with the notices after a check.
public struct NoticePlan: Sendable, Hashable {
    /// Notices whose every problem is resolved.
    public var rectified: [Int64] = []
    /// Notices whose deadline passed with problems open.
    public var overdue: [Int64] = []
    /// Notices to issue: follow-ups of the overdue ones, then one per unit for problems no
    /// tracked notice lists yet.
    public var issue: [NewNotice] = []
    /// Provisional deadlines that the calendar now counts differently.
    public var deadlineChanges: [DeadlineChange] = []

    public var isEmpty: Bool { rectified.isEmpty && overdue.isEmpty && issue.isEmpty && deadlineChanges.isEmpty }
}

/// The pure lifecycle of rectification notices (附件3 第八、九条; 附件11 第七条): issued with a
/// deadline in working days, rectified when every listed problem is resolved, overdue (and
/// followed up) when the deadline passes with problems open.
public struct NoticePlanner: Sendable {
    public var calendar: WorkdayCalendar
    /// Working days a unit has to rectify (default 5).
    public var deadlineDays: Int

    public init(calendar: WorkdayCalendar, deadlineDays: Int = 5) {
        self.calendar = calendar
        self.deadlineDays = deadlineDays
    }

    /// - Parameters:
    ///   - active: the notices being tracked (issued or overdue).
    ///   - open: every open problem that costs points, with its unit.
    ///   - today: the check's as-of day.
    public func plan(active: [ActiveNotice], open: [(unitID: String, item: NoticeItem)], today: CivilDate) throws(CalendarError)
        -> NoticePlan
    {
        let openNow = Set(open.map(\.item.fingerprint))
        var plan = NoticePlan()
        var covered = Set<String>()
        for var notice in active.sorted(by: { $0.id < $1.id }) {
            if notice.provisional && notice.status == .issued {
                let (deadline, provisional) = try self.deadline(from: notice.issuedOn)
                if deadline != notice.deadline || !provisional {
                    plan.deadlineChanges.append(
                        DeadlineChange(noticeID: notice.id, from: notice.deadline, to: deadline, provisional: provisional))
                    notice.deadline = deadline
                }
            }
            let stillOpen = notice.items.filter { openNow.contains($0.fingerprint) }
            if stillOpen.isEmpty {
                plan.rectified.append(notice.id)
                continue
            }
            covered.formUnion(stillOpen.map(\.fingerprint))
            if notice.status == .issued && today > notice.deadline {
                plan.overdue.append(notice.id)
                let (deadline, provisional) = try self.deadline(from: today)
                plan.issue.append(
                    NewNotice(
                        unitID: notice.unitID, items: stillOpen, issuedOn: today, deadline: deadline, provisional: provisional,
                        followUpOf: notice.id))
            }
        }
        var byUnit: [String: [NoticeItem]] = [:]
        var order: [String] = []
        for (unit, item) in open where covered.insert(item.fingerprint).inserted {
            if byUnit[unit] == nil { order.append(unit) }
            byUnit[unit, default: []].append(item)
        }
        for unit in order {
            let (deadline, provisional) = try self.deadline(from: today)
            plan.issue.append(
                NewNotice(
                    unitID: unit, items: byUnit[unit]!, issuedOn: today, deadline: deadline, provisional: provisional,
                    followUpOf: nil))
        }
        return plan
    }

    /// The deadline of a notice issued on `day`, and whether a provisional year counted it.
    public func deadline(from day: CivilDate) throws(CalendarError) -> (CivilDate, provisional: Bool) {
        let deadline = try calendar.addWorkingDays(day, deadlineDays)
        return (deadline, calendar.isProvisional(from: day, through: deadline))
    }
}
