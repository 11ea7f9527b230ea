import Foundation
import GovWatchCore
import GovWatchStore

/// What one check of a probe did.
public struct CheckReport: Sendable {
    public var probe: Probe
    public var crawl: CrawlSummary?
    /// Every finding of this check (open now).
    public var findings: [Finding]
    public var reconcile: ReconcileSummary
    /// Deductions recorded for findings not deducted before in the period.
    public var newDeductions: Int
    /// Things the rules could not judge, and register rows that were skipped.
    public var notes: [String]

    public init(
        probe: Probe, crawl: CrawlSummary?, findings: [Finding], reconcile: ReconcileSummary, newDeductions: Int, notes: [String]
    ) {
        self.probe = probe
        self.crawl = crawl
        self.findings = findings
        self.reconcile = reconcile
        self.newDeductions = newDeductions
        self.notes = notes
    }
}

/// One check of a probe: crawl, then every rule as of a day, then the findings into the store.
public struct Checker: Sendable {
    public let probe: Probe
    public let database: AppDatabase
    public let calendar: WorkdayCalendar
    public let rubric: Rubric

    public init(
        probe: Probe, database: AppDatabase, calendar: WorkdayCalendar = .china, rubric: Rubric = RubricLoader.standard()
    ) {
        self.probe = probe
        self.database = database
        self.calendar = calendar
        self.rubric = rubric
    }

    /// - Parameters:
    ///   - crawl: false to evaluate what is already stored.
    ///   - stop: raised to abandon the crawl (shutdown); nothing is stored then.
    ///   - sampledUntil: the end of the availability window (Unix seconds; now, in the daemon).
    public func run(
        asOf: CivilDate, crawl: Bool = true, stop: StopFlag = StopFlag(), sampledUntil: Double = Date().timeIntervalSince1970
    ) async throws -> CheckReport {
        let summary = crawl ? try await Crawler(probe: probe, database: database, day: asOf).run(stop: stop) : nil
        // Rules are CPU work and the store's writes may wait for another probe's crawl.
        return try await OffPool.run { [self] in try evaluate(asOf: asOf, crawl: summary, sampledUntil: sampledUntil) }
    }

    /// Evaluates the rules over what is stored and reconciles the findings; blocks.
    private func evaluate(asOf: CivilDate, crawl summary: CrawlSummary?, sampledUntil: Double) throws -> CheckReport {
        let (approvals, approvalNotes) = loadApprovals()
        let (requests, requestNotes) = loadRequests()
        let (wording, wordingNotes) = loadWording()
        let registerNotes = approvalNotes + requestNotes + wordingNotes
        // A register that cannot be read this time leaves its rules' findings as they were.
        let notRun = Set(
            (probe.approvalRegister != nil && approvals == nil ? UnapprovedRule().ids : [])
                + (probe.requestRegister != nil && requests == nil ? RequestRule().ids : [])
                + (probe.rules[WordingRule.file] != nil && wording == nil ? WordingRule().ids : []))
        var world = try database.world(for: probe, approvals: approvals)
        world.requests = requests
        world.wording = wording
        let window = Double(probe.rules[SiteAvailabilityRule.windowDays]) * 86_400
        let samples = try database.availability(probeID: probe.id, since: sampledUntil - window)
        world.availability = samples.samples > 0 ? samples : nil
        world.brokenLinks = try database.brokenLinks(probeID: probe.id)
        let result = RuleBook.evaluate(world, context: RuleContext(asOf: asOf, calendar: calendar, settings: probe.rules))
        try database.saveUnits(of: probe)
        let reconciled = try database.reconcile(probeID: probe.id, findings: result.findings, asOf: asOf, notRun: notRun)
        let deducted = try database.recordAutomaticDeductions(result.findings, period: asOf.year, on: asOf, rubric: rubric)
        return CheckReport(
            probe: probe, crawl: summary, findings: result.findings, reconcile: reconciled, newDeductions: deducted,
            notes: registerNotes + result.notes)
    }

    /// The approval register; a register that cannot be read stops only this rule.
    private func loadApprovals() -> (ApprovalRegister?, [String]) {
        guard let path = probe.approvalRegister else { return (nil, []) }
        do {
            return (ApprovalRegister(text: try EditedFile.text(path, allowGB18030: true), file: path), [])
        } catch {
            return (nil, ["unapproved: \(error); the rule did not run"])
        }
    }

    /// The wording list; one that cannot be read stops only the wording rule.
    private func loadWording() -> (WordingList?, [String]) {
        guard let path = probe.rules[WordingRule.file] else { return (nil, []) }
        do {
            return (WordingList(text: try EditedFile.text(path, allowGB18030: true), file: path), [])
        } catch {
            return (nil, ["wording: \(path): \(error); the rule did not run"])
        }
    }

    /// The request register; one that cannot be read stops only the request rules.
    private func loadRequests() -> (RequestRegister?, [String]) {
        guard let path = probe.requestRegister else { return (nil, []) }
        do {
            return (try RegisterFile.requests(path, units: probe.units), [])
        } catch {
            return (nil, ["requests: \(path): \(error); the request rules did not run"])
        }
    }
}

/// Today in Asia/Shanghai (UTC+8, no daylight saving): the day checks and digests are dated.
///
/// A debug build (the one `make test` runs) honours `GOVWATCH_TODAY=YYYY-MM-DD`: the day is
/// moved there, the time of day and every stored timestamp are not. Tests use it to run the
/// daemon as of another day (`GOVWATCH_TODAY=2027-06-30 swift test --filter DaemonTests`); a
/// release build ignores it.
public enum ShanghaiClock {
    public static func today(now: Date = Date()) -> CivilDate { day(unixSeconds: now.timeIntervalSince1970) }

    /// The (possibly moved) day of a Unix time.
    public static func day(unixSeconds: Double) -> CivilDate {
        LocalMinute(unixSeconds: unixSeconds).date.adding(days: shiftDays)
    }

    /// Days between the real today and `GOVWATCH_TODAY` (0 unless a debug build has it set).
    public static let shiftDays: Int = {
        #if DEBUG
            guard let raw = ProcessInfo.processInfo.environment["GOVWATCH_TODAY"], let day = CivilDate(iso: raw) else { return 0 }
            return LocalMinute(unixSeconds: Date().timeIntervalSince1970).date.days(until: day)
        #else
            return 0
        #endif
    }()
}
