/// Everything a probe's rules look at: the stored publications and listings of one probe,
/// and its registers. A snapshot, built by the caller; rules never read anything else.
public struct ProbeWorld: Sendable {
    public var probe: Probe
    public var publications: [Publication]
    /// Listing pages by `ListingKey`: a column URL, `homepage`, `catalogue:UNIT`, `annual-reports:UNIT`.
    public var listings: [String: [ListingPage]]
    /// The approval register, when the probe names one.
    public var approvals: ApprovalRegister?
    /// The request register (依申请公开 登记台账), when the probe names one.
    public var requests: RequestRegister?
    /// The operator's list of wording errors, when the probe names one (`rules.wording.file`).
    public var wording: WordingList?
    /// The daemon's homepage samples over the availability window, when there are any.
    public var availability: AvailabilityWindow?
    /// Links that failed in two consecutive crawls, as of the latest.
    public var brokenLinks: [BrokenLink] = []
    /// URLs the latest crawl could not reach (timeout, network error, 5xx): rules cannot
    /// judge what is there, so they skip them rather than report the content missing.
    public var unreachable: Set<String>
    /// URLs the site answered 404 or 410 for: the page is gone.
    public var missing: Set<String>

    public init(
        probe: Probe, publications: [Publication], listings: [String: [ListingPage]] = [:],
        approvals: ApprovalRegister? = nil, requests: RequestRegister? = nil, unreachable: Set<String> = [],
        missing: Set<String> = []
    ) {
        self.requests = requests
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

/// One kind of finding a rule produces, as supervisors and the rubric know it.
public struct FindingKind: Sendable, Hashable {
    public var id: RuleID
    /// The Chinese name (`解读未发布`).
    public var name: String
    /// The clause it enforces (`附件4 五`).
    public var clause: String

    public init(_ id: RuleID, _ name: String, clause: String) {
        self.id = id
        self.name = name
        self.clause = clause
    }
}

/// One of the city's rules: a pure function from a probe's world to findings, that
/// describes itself — its findings, its probe section and its parameters. `RuleBook.all` is
/// the one registry: finding ids, the probe reader's sections, `govwatch rules` and the docs
/// come from it.
public protocol Rule: Sendable {
    /// The kinds of finding it produces.
    var kinds: [FindingKind] { get }
    /// Its section under the probe's `rules:` (`interpretation`).
    var section: String { get }
    /// The parameters its section takes (besides `enabled`).
    var parameters: [AnyRuleParameter] { get }
    func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult
}

extension Rule {
    /// The ids of the findings the rule produces.
    public var ids: [RuleID] { kinds.map(\.id) }
    public var parameters: [AnyRuleParameter] { [] }
}

/// Every rule, in the order of `rules.md`.
public enum RuleBook {
    public static let all: [any Rule] = [
        LateDisclosureRule(), InterpretationRule(), StaleGuideRule(), StaleCatalogueRule(), StaleColumnRule(),
        UnsourcedRepostRule(), UnapprovedRule(), LeakRule(), AnnualReportRule(), SiteUnavailableRule(), RequestRule(),
        NationalVetoRule(), WordingRule(), SiteAvailabilityRule(), BrokenLinkRule(),
    ]

    /// Every kind of finding, in registry order.
    public static let kinds: [FindingKind] = all.flatMap(\.kinds)

    /// The rule that owns a probe section.
    public static func rule(section: String) -> (any Rule)? { all.first { $0.section == section } }

    /// The kind of finding an id names.
    public static func kind(_ id: RuleID) -> FindingKind? { kinds.first { $0.id == id } }

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
