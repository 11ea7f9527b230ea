/// site-availability (国办秘函〔2019〕19号 单项否决 “站点无法访问”): over the last 7 days of the
/// daemon's homepage samples (a try not loaded in 15 s failed), a failed share of 5 % or more
/// fails the national check; from 3 % a 预警. Fewer than `min_samples` samples are not judged
/// (a daemon just installed, or `govwatch check` without the daemon).
public struct SiteAvailabilityRule: Rule {
    public init() {}
    public var kinds: [FindingKind] {
        [FindingKind(.siteAvailability, "站点无法访问（监测期内不可访问比例过高）", clause: "国办秘函〔2019〕19号 单项否决")]
    }
    public var section: String { "site-availability" }
    public var parameters: [AnyRuleParameter] {
        [Self.vetoShare.erased, Self.warnShare.erased, Self.minSamples.erased, Self.windowDays.erased]
    }

    public static let vetoShare = RuleParameter.share("site-availability", "veto_share", default: 0.05, "不可访问比例达到此值即单项否决")
    public static let warnShare = RuleParameter.share("site-availability", "warn_share", default: 0.03, "不可访问比例达到此值时预警")
    public static let minSamples = RuleParameter.int("site-availability", "min_samples", default: 20, range: 1...100_000, "少于此数的抽样不作判断")
    public static let windowDays = RuleParameter.int("site-availability", "window_days", default: 7, range: 1...400, "统计最近多少天的抽样")

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        let s = context.settings
        var result = RuleResult()
        guard let w = world.availability, let site = (world.probe.units.first { $0.type == .city } ?? world.probe.units.first)?.id
        else { return result }
        guard w.samples >= s[Self.minSamples] else {
            result.notes.append("site-availability: \(w.samples) homepage samples in the window, fewer than \(s[Self.minSamples]); not judged")
            return result
        }
        let share = w.failedShare
        let severity: Severity
        if share >= s[Self.vetoShare] {
            severity = .violation
        } else if share >= s[Self.warnShare] {
            severity = .warning
        } else {
            return result
        }
        let percent = Self.percent(share)
        let days = s[Self.windowDays]
        result.findings.append(
            Finding(
                rule: .siteAvailability, unitID: site, url: world.probe.homepage, clause: "国办秘函〔2019〕19号 单项否决",
                description: severity == .warning
                    ? "网站首页近\(days)天不可访问比例为\(percent)，接近单项否决指标（预警）"
                    : "网站首页近\(days)天不可访问比例为\(percent)，触及单项否决指标（站点无法访问）",
                evidence: [
                    Evidence("抽样次数", "\(w.samples)"), Evidence("失败次数", "\(w.failed)"), Evidence("不可访问比例", percent),
                    Evidence("否决线", Self.percent(s[Self.vetoShare])),
                ],
                severity: severity, discriminator: "availability"))
        return result
    }
}

extension SiteAvailabilityRule {
    /// `0.0523` → `5.2%`.
    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

extension RuleID {
    public static let siteAvailability: RuleID = "site-availability"
}
