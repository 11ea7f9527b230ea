/// Everything a probe's rules look at: the stored publications and listings of one probe,
/// and its registers. A snapshot, built by the caller; rules never read anything else.
public struct ProbeWorld: Sendable {
    public var probe: Probe
    public var publications: [Publication]
    /// Listing pages by listing key: a column URL, `homepage`, `catalogue:UNIT`, `annual-reports:UNIT`.
    public var listings: [String: [ListingPage]]
    /// The approval register, when the probe names one.
    public var approvals: ApprovalRegister?
    /// URLs the latest crawl could not reach (timeout, network error, 5xx): rules cannot
    /// judge what is there, so they skip them rather than report the content missing.
    public var unreachable: Set<String>
    /// URLs the site answered 404 or 410 for: the page is gone.
    public var missing: Set<String>

    public init(
        probe: Probe, publications: [Publication], listings: [String: [ListingPage]] = [:],
        approvals: ApprovalRegister? = nil, unreachable: Set<String> = [], missing: Set<String> = []
    ) {
        self.probe = probe
        self.publications = publications
        self.listings = listings
        self.approvals = approvals
        self.unreachable = unreachable
        self.missing = missing
        byURL = Dictionary(publications.map { ($0.url, $0) }, uniquingKeysWith: { a, _ in a })
    }

    private let byURL: [String: Publication]

    /// The publication stored at `url`.
    public func publication(at url: String) -> Publication? { byURL[url] }
}

/// What a rule is evaluated against besides the world: the day, the calendar, the parameters.
public struct RuleContext: Sendable {
    /// The day the rules are evaluated as of (Asia/Shanghai).
    public var asOf: CivilDate
    public var calendar: WorkdayCalendar
    public var settings: RuleSettings

    public init(asOf: CivilDate, calendar: WorkdayCalendar = .china, settings: RuleSettings = RuleSettings()) {
        self.asOf = asOf
        self.calendar = calendar
        self.settings = settings
    }
}

/// What a rule found, and what it could not judge (a date outside the calendar's years).
public struct RuleResult: Sendable, Hashable {
    public var findings: [Finding] = []
    /// Problems to log: publications the rule skipped, and why.
    public var notes: [String] = []

    public init(findings: [Finding] = [], notes: [String] = []) {
        self.findings = findings
        self.notes = notes
    }
}

/// One of the city's rules: a pure function from a probe's world to findings.
public protocol Rule: Sendable {
    /// The ids of the findings the rule produces.
    var ids: [RuleID] { get }
    func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult
}

/// Every rule, in the order of `rules.md`.
public enum RuleBook {
    public static let all: [any Rule] = [
        LateDisclosureRule(), InterpretationRule(), StaleGuideRule(), StaleCatalogueRule(), StaleColumnRule(),
        UnsourcedRepostRule(), UnapprovedRule(), LeakRule(), AnnualReportRule(), SiteUnavailableRule(),
    ]

    /// Runs every enabled rule; findings come sorted by unit, rule and URL.
    public static func evaluate(_ world: ProbeWorld, context: RuleContext, rules: [any Rule] = all) -> RuleResult {
        var result = RuleResult()
        for rule in rules where rule.ids.contains(where: context.settings.isEnabled) {
            let r = rule.evaluate(world, context: context)
            result.findings += r.findings.filter { context.settings.isEnabled($0.rule) }
            result.notes += r.notes
        }
        result.findings.sort { ($0.unitID, $0.rule, $0.url, $0.fingerprint) < ($1.unitID, $1.rule, $1.url, $1.fingerprint) }
        return result
    }
}
