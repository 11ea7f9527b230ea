/// site-unavailable (附件11 第四条: 公开的渠道是否畅通): the portal's homepage could not be
/// fetched at all — timeout, refused connection, 5xx — or answered 404. Severe: supervisors
/// hear of it at once. A site that is down is not judged by the freshness rules meanwhile.
public struct SiteUnavailableRule: Rule {
    public init() {}
    public var kinds: [FindingKind] { [FindingKind(.siteUnavailable, "网站无法访问", clause: "附件11 第四条")] }
    public var section: String { "site-unavailable" }

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        let home = world.probe.homepage
        guard world.unreachable.contains(home) || world.missing.contains(home),
            let unit = (world.probe.units.first { $0.type == .city } ?? world.probe.units.first)?.id
        else { return RuleResult() }
        return RuleResult(findings: [
            Finding(
                rule: .siteUnavailable, unitID: unit, url: home, clause: "附件11 第四条",
                description: "\(world.probe.name)首页无法访问",
                evidence: [Evidence("首页", home), Evidence("检查日期", context.asOf.description)], severity: .severe)
        ])
    }
}
