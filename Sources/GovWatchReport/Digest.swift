import Foundation
import GovWatchCore
import GovWatchStore

/// What a digest counts as new and as resolved.
public enum DigestWindow: Sendable, Hashable {
    /// Everything so far (the first digest).
    case everything
    /// Findings first seen, and resolved, after this day.
    case afterDay(CivilDate)
    /// Findings recorded, and resolved, after the previous digest was made: nothing found
    /// later on that digest's day is left out.
    case afterDigest(DigestMark)
}

/// The daily digest for supervisors (政务公开办), as data for its templates: what was found
/// and resolved since the previous digest, notices due soon and overdue, scores, early warnings.
public struct Digest: Sendable {
    /// One finding as the digest shows it.
    public struct Item: Sendable, Hashable {
        public var unit: String
        public var severity: String
        public var description: String
        public var clause: String
        public var url: String
        public var firstSeen: String
        public var resolvedOn: String
    }

    /// The new findings of one unit.
    public struct UnitGroup: Sendable, Hashable {
        public var unit: String
        public var count: Int
        public var items: [Item]
    }

    /// A notice due soon or overdue.
    public struct NoticeLine: Sendable, Hashable {
        public var number: String
        public var unit: String
        public var issuedOn: String
        public var deadline: String
        /// Working days left before the deadline (0 on the day itself).
        public var daysLeft: Int
        public var openItems: Int
        /// `2026-11-25` when the written report arrived, else `未报告`.
        public var report: String
    }

    /// A unit's current score.
    public struct ScoreLine: Sendable, Hashable {
        public var unit: String
        public var total: String
        public var lost: String
        public var grade: String
        public var failing: Bool
    }

    public var title: String
    public var date: String
    /// One line at the top when a year the deadlines need has no official holiday data:
    /// `2027年节假日安排尚未导入，期限暂按法定节假日推算`.
    public var calendarNotice: String?
    /// What the digest covers, e.g. `上期日报（2026-11-29）以来`; nil for the first digest.
    public var period: String?
    public var newCount: Int
    public var resolvedCount: Int
    public var newByUnit: [UnitGroup]
    public var resolved: [Item]
    public var dueSoon: [NoticeLine]
    public var overdue: [NoticeLine]
    public var warnings: [Item]
    public var scores: [ScoreLine]
    public var year: Int
    // Counts and flags for the templates: Mustache sees stored properties only, and has no
    // `count` of a list.
    public var overdueCount = 0
    public var dueSoonCount = 0
    public var hasOverdue = false
    public var hasDueSoon = false
    public var hasResolved = false
    public var hasWarnings = false
    /// The national checklist's verdict per site (国办秘函〔2019〕19号), at the top of the digest.
    public var national: [String] = []
    public var hasNational = false

    /// Builds the digest of `date` from the store.
    public static func build(
        database: AppDatabase, date: CivilDate, window: DigestWindow, rubric: Rubric, calendar: WorkdayCalendar,
        title: String = "政府信息公开监测日报", national: [SiteVerdict] = []
    ) throws -> Digest {
        let units = try database.units()
        let names = units.fullNames
        func name(_ id: String) -> String { names[id] ?? id }
        func isNew(_ f: StoredFinding) -> Bool {
            switch window {
            case .everything: f.firstSeen <= date
            case .afterDay(let day): f.firstSeen > day && f.firstSeen <= date
            case .afterDigest(let mark): f.id > mark.lastFindingID
            }
        }
        func isNewlyResolved(_ f: StoredFinding) -> Bool {
            guard f.status == .resolved, let on = f.resolvedOn, on <= date else { return false }
            switch window {
            case .everything: return true
            case .afterDay(let day): return on > day
            case .afterDigest(let mark): return f.updatedAt.timeIntervalSince1970 > mark.createdAt
            }
        }

        let findings = try database.findings()
        func item(_ s: StoredFinding) -> Item {
            Item(
                unit: name(s.finding.unitID), severity: s.finding.severity.chinese,
                description: s.finding.description + (s.finding.provisional ? "（期限暂定）" : ""),
                clause: s.finding.clause, url: s.finding.url, firstSeen: s.firstSeen.description,
                resolvedOn: s.resolvedOn?.description ?? "")
        }
        let new = findings.filter { $0.finding.severity != .warning && isNew($0) }
        var groups: [UnitGroup] = []
        for unit in units.map(\.id) + Set(new.map(\.finding.unitID)).subtracting(units.map(\.id)).sorted() {
            let mine = new.filter { $0.finding.unitID == unit }.sorted { $0.finding.severity > $1.finding.severity }
            if !mine.isEmpty { groups.append(UnitGroup(unit: name(unit), count: mine.count, items: mine.map(item))) }
        }
        let resolved = findings.filter(isNewlyResolved)

        var dueSoon: [NoticeLine] = []
        var overdue: [NoticeLine] = []
        let open = Set(findings.filter { $0.status == .open }.map(\.finding.fingerprint))
        for n in try database.notices().reversed() {
            let line = NoticeLine(
                number: n.number, unit: name(n.unitID), issuedOn: n.issuedOn.description, deadline: n.deadlineText,
                daysLeft: (try? calendar.workingDays(from: date, to: n.deadline)) ?? 0,
                openItems: n.items.filter { open.contains($0.fingerprint) }.count,
                report: n.reportedOn?.description ?? "未报告")
            switch n.status {
            case .issued where n.deadline >= date && line.daysLeft <= 3: dueSoon.append(line)
            case .overdue: overdue.append(line)
            default: break
            }
        }

        let deductions = try database.deductions(period: date.year).map(\.deduction)
        let scores = units.map { u -> ScoreLine in
            let s = Scorer.score(unitID: u.id, deductions: deductions, rubric: rubric)
            return ScoreLine(
                unit: u.fullName, total: Rubric.format(s.total), lost: Rubric.format(100 - s.total), grade: s.grade.rawValue,
                failing: s.grade == .fail)
        }
        let warnings = findings.filter { $0.finding.severity == .warning && $0.status == .open }
        var digest = Digest(
            title: title, date: date.description, calendarNotice: CalendarWatch.digestLine(calendar, today: date),
            period: window.period(to: date), newCount: new.count,
            resolvedCount: resolved.count, newByUnit: groups, resolved: resolved.map(item), dueSoon: dueSoon, overdue: overdue,
            warnings: warnings.map(item), scores: scores, year: date.year)
        digest.overdueCount = overdue.count
        digest.dueSoonCount = dueSoon.count
        digest.hasOverdue = !overdue.isEmpty
        digest.hasDueSoon = !dueSoon.isEmpty
        digest.hasResolved = !resolved.isEmpty
        digest.hasWarnings = !warnings.isEmpty
        digest.national = national.map(Self.nationalLine)
        digest.hasNational = !national.isEmpty
        return digest
    }

    /// `站点 demo：不合格（单项否决：不更新）` / `站点 demo：合格（预警2项）`.
    static func nationalLine(_ v: SiteVerdict) -> String {
        var notes: [String] = []
        if !v.vetoes.isEmpty { notes.append("单项否决：" + v.vetoes.map(\.veto).joined(separator: "、")) }
        if v.pointsLost > 0 { notes.append("扣分\(Rubric.format(v.pointsLost))分") }
        if !v.warnings.isEmpty { notes.append("预警\(v.warnings.count)项") }
        return "站点 \(v.probeID)：\(v.verdict)" + (notes.isEmpty ? "" : "（\(notes.joined(separator: "；"))）")
    }

    /// Subject line for mail and robots.
    public var subject: String {
        "【\(title)】\(date)：新发现问题\(newCount)个，已整改\(resolvedCount)个，逾期未整改通知\(overdue.count)份"
    }
}

extension DigestWindow {
    func period(to date: CivilDate) -> String? {
        switch self {
        case .everything: nil
        case .afterDay(let day): "\(day.adding(days: 1)) 至 \(date)"
        case .afterDigest(let mark): "上期日报（\(mark.date)）以来"
        }
    }
}
