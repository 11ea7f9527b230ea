/// late-disclosure (附件1 第十条; 附件7 第三条): proactive information is published within
/// 20 working days of being formed — 发布日期 no later than 成文日期 + 20 working days.
public struct LateDisclosureRule: Rule {
    public init() {}
    public var kinds: [FindingKind] { [FindingKind(.lateDisclosure, "公开超时限", clause: "附件1 第十条")] }
    public var section: String { "late-disclosure" }
    public var parameters: [AnyRuleParameter] { [Self.workingDays.erased] }

    public static let workingDays = RuleParameter.int(
        "late-disclosure", "working_days", default: 20, range: 1...365, "成文日期后多少个工作日内须公开")

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        var result = RuleResult()
        let limit = context.settings[Self.workingDays]
        for p in world.publications where p.kind == .page {
            guard let written = p.info.writtenDate, let published = p.info.publishedDate ?? p.published,
                let unit = p.unitID
            else { continue }
            do {
                let days = try context.calendar.workingDays(from: written, to: published)
                guard days > limit else { continue }
                let deadline = try context.calendar.addWorkingDays(written, limit)
                let provisional = context.calendar.isProvisional(from: written, through: published)
                result.findings.append(
                    Finding(
                        rule: .lateDisclosure, unitID: unit, url: p.url, clause: "附件1 第十条",
                        description: "\(quoted(p.title))成文后\(days)个工作日才公开，超过\(limit)个工作日的时限",
                        evidence: [
                            Evidence("成文日期", written.description), Evidence("发布日期", published.description),
                            Evidence("应公开日期", deadline.description + (provisional ? "（暂定）" : "")),
                            Evidence("间隔工作日", "\(days)" + (provisional ? "（暂定）" : "")),
                        ], provisional: provisional))
            } catch {
                result.notes.append("late-disclosure: \(p.url) not checked: \(error)")
            }
        }
        return result
    }
}
