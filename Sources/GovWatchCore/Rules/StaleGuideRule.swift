/// stale-guide (附件1 第十一条; 附件11 第十一条(二)): each unit's 信息公开指南 is published and
/// kept up to date — missing, or older than the limit (default 365 days), is a finding.
public struct StaleGuideRule: Rule {
    public init() {}
    public var kinds: [FindingKind] { [FindingKind(.staleGuide, "信息公开指南缺失或未更新", clause: "附件1 第十一条")] }
    public var section: String { "stale-guide" }
    public var parameters: [AnyRuleParameter] { [Self.maxAgeDays.erased] }

    public static let maxAgeDays = RuleParameter.int("stale-guide", "max_age_days", default: 365, range: 1...3650, "指南最长多少天须更新")

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        var result = RuleResult()
        let limit = context.settings[Self.maxAgeDays]
        for unit in world.probe.units {
            guard let url = unit.guide else { continue }
            if world.unreachable.contains(url) {
                result.notes.append("stale-guide: \(url) could not be reached; not judged")
                continue
            }
            guard let guide = world.publication(at: url), !world.missing.contains(url) else {
                result.findings.append(
                    Finding(
                        rule: .staleGuide, unitID: unit.id, url: url, clause: "附件1 第十一条",
                        description: "\(unit.fullName)的政府信息公开指南无法访问或未发布",
                        evidence: [Evidence("指南地址", url)], discriminator: "missing"))
                continue
            }
            guard let updated = guide.published else {
                result.notes.append("stale-guide: \(url) carries no date")
                continue
            }
            let age = updated.days(until: context.asOf)
            guard age > limit else { continue }
            result.findings.append(
                Finding(
                    rule: .staleGuide, unitID: unit.id, url: url, clause: "附件1 第十一条",
                    description: "\(unit.fullName)的政府信息公开指南已\(age)天未更新（时限\(limit)天）",
                    evidence: [Evidence("指南更新日期", updated.description), Evidence("距今天数", "\(age)")],
                    discriminator: "stale"))
        }
        return result
    }
}
