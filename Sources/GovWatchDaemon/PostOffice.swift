import Foundation
import GovWatchCore
import GovWatchDelivery
import GovWatchReport
import GovWatchStore

/// What the post office queued after a check.
public struct PostSummary: Sendable, Hashable {
    public var alerts = 0
    public var noticesIssued: [String] = []
    public var rectified = 0
    public var overdue = 0
    /// Provisional deadlines counted again with the calendar now in force.
    public var deadlinesChanged = 0

    public init() {}
}

/// Everything that leaves govwatch: immediate alerts and the notice lifecycle after each
/// check, the daily digest at its time, and the delivery of what is queued. Every message is
/// queued in the store under a key before it is sent, so none is lost or sent twice.
public struct PostOffice: Sendable {
    public let database: AppDatabase
    public let settings: DeliverySettings
    public let outbox: Outbox
    public let policy: AlertPolicy
    public let planner: NoticePlanner
    public let rubric: Rubric
    public let templates: Templates

    public init(database: AppDatabase, settings: DeliverySettings, databasePath: String, calendar: WorkdayCalendar, rubric: Rubric, templates: Templates) {
        self.database = database
        self.settings = settings
        outbox = Outbox(
            database: database, channels: settings.channels(database: databasePath), maxAttempts: settings.maxAttempts,
            baseDelay: settings.retrySeconds)
        policy = AlertPolicy(quietHours: settings.quietHours)
        planner = NoticePlanner(calendar: calendar, deadlineDays: settings.deadlineDays)
        self.rubric = rubric
        self.templates = templates
    }

    /// Alerts for the check's severe findings not alerted before; then notices: rectified,
    /// overdue (with an escalation alert and a follow-up notice), and new ones for problems
    /// no notice lists yet.
    /// - Parameter now: seconds since 1970, for quiet hours.
    @discardableResult
    public func afterCheck(_ report: CheckReport, day: CivilDate, now: Double) throws -> PostSummary {
        var summary = PostSummary()
        let names = try database.units().fullNames
        let sendAt = policy.sendTime(raisedAt: now)
        for f in policy.alerts(for: report.findings, alreadyAlerted: try database.alertedFingerprints()) {
            summary.alerts += try database.enqueue(
                Messages.alert(f, unitName: names[f.unitID] ?? f.unitID, day: day), key: "alert:\(f.fingerprint)",
                channels: outbox.channelNames(for: .alert), notBefore: sendAt)
        }

        let units = Set(report.probe.units.map(\.id))
        let emails = Dictionary(report.probe.units.map { ($0.id, $0.emails) }, uniquingKeysWith: { a, _ in a })
        let open = try database.findings(status: .open, probeID: report.probe.id)
            .filter { rubric.costsPoints($0.finding) }
            .map { (unitID: $0.finding.unitID, item: NoticeItem($0.finding, rubric: rubric)) }
        let active = try database.activeNotices().filter { units.contains($0.unitID) }
        let plan = try planner.plan(active: active, open: open, today: day)
        let issued = try database.apply(plan, on: day, numberPrefix: settings.numberPrefix)
        summary.rectified = plan.rectified.count
        summary.overdue = plan.overdue.count
        for change in plan.deadlineChanges where change.to != change.from {
            guard let n = try database.notice(id: change.noticeID) else { continue }
            try database.enqueue(
                Messages.deadlineChanged(n, unitName: names[n.unitID] ?? n.unitID, was: change.from, recipients: emails[n.unitID] ?? []),
                key: "deadline:\(n.id):\(n.deadline)", channels: outbox.channelNames(for: .notice), notBefore: sendAt)
            summary.deadlinesChanged += 1
        }
        for n in issued {
            let previous = try n.followUpOf.flatMap { try database.notice(id: $0) }
            let doc = NoticeDocument(
                notice: n, unitName: names[n.unitID] ?? n.unitID, issuer: settings.issuer, deadlineDays: settings.deadlineDays,
                previous: previous?.number)
            try database.enqueue(
                try Messages.notice(doc, recipients: emails[n.unitID] ?? [], templates: templates), key: "notice:\(n.id)", channels: outbox.channelNames(for: .notice),
                notBefore: sendAt)
            summary.noticesIssued.append(n.number)
            if let previous {
                try database.enqueue(
                    Messages.overdue(previous, unitName: names[n.unitID] ?? n.unitID, followUp: n, day: day), key: "overdue:\(previous.id)",
                    channels: outbox.channelNames(for: .alert), notBefore: sendAt)
            }
        }
        return summary
    }

    /// Makes and queues the digest of `now`'s day once the digest time has passed and no
    /// digest of that day exists; a digest missed while stopped is made at the next start.
    /// Returns the digest when one was made.
    @discardableResult
    /// - Parameter today: the digest's day; `now`'s day in Shanghai unless given (the daemon
    ///   gives `ShanghaiClock.day`, which a test build may move).
    public func digestIfDue(now: Double, today: CivilDate? = nil) throws -> Digest? {
        let minute = LocalMinute(unixSeconds: now)
        guard minute.minuteOfDay >= settings.digestMinute else { return nil }
        let today = today ?? minute.date
        let last = try database.lastDigest()
        if let last, last.date >= today { return nil }
        return try makeDigest(date: today, window: last.map { .afterDigest($0) } ?? .everything, now: now)
    }

    /// Builds, records and queues the digest of `date`; the next one counts from `now`.
    public func makeDigest(date: CivilDate, window: DigestWindow, now: Double) throws -> Digest {
        let mark = DigestMark(date: date, lastFindingID: try database.maxFindingID(), createdAt: now)
        let digest = try Digest.build(
            database: database, date: date, window: window, rubric: rubric, calendar: planner.calendar,
            national: try SiteScores.verdicts(database, rubric: SiteRubricLoader.national))
        try database.enqueue(
            Messages.digest(digest, templates: templates), key: "digest:\(date)", channels: outbox.channelNames(for: .digest),
            notBefore: 0)
        try database.recordDigest(mark)
        return digest
    }

    /// Sends what is due.
    public func deliver(now: Double) async throws -> OutboxRound {
        try await outbox.deliverDue(now: now)
    }
}
