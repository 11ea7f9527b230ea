/// stale-column (附件11 第四条; 国办秘函〔2019〕19号): news columns and the homepage show
/// something new every 14 days, notice and policy columns every 6 months, a WeChat account
/// every 14 days; an empty column is stale. An early warning (预警, no points) comes at
/// `warn_at` of the limit, as commercial monitors give.
///
/// A listing that shows no dates (a column index of plain links) is judged by the newest
/// publication date of the pages it links; only a listing with no entries at all is empty.
public struct StaleColumnRule: Rule {
    public init() {}
    public var kinds: [FindingKind] { [FindingKind(.staleColumn, "栏目长期未更新或空白", clause: "附件11 第四条")] }
    public var section: String { "stale-column" }
    public var parameters: [AnyRuleParameter] {
        [Self.newsDays.erased, Self.noticeDays.erased, Self.feedDays.erased, Self.homepageDays.erased, Self.warnAt.erased]
    }

    public static let newsDays = RuleParameter.int("stale-column", "news_days", default: 14, range: 1...3650, "动态、要闻类栏目更新时限（天）")
    public static let noticeDays = RuleParameter.int(
        "stale-column", "notice_days", default: 183, range: 1...3650, "通知公告、政策文件类栏目更新时限（天）")
    public static let feedDays = RuleParameter.int("stale-column", "feed_days", default: 14, range: 1...3650, "政务新媒体更新时限（天）")
    public static let homepageDays = RuleParameter.int("stale-column", "homepage_days", default: 14, range: 1...3650, "首页更新时限（天）")
    public static let warnAt = RuleParameter.share("stale-column", "warn_at", default: 0.7, "达到时限的多少比例时预警")

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        let s = context.settings
        var result = RuleResult()
        func check(unit: String, url: String, name: String, newest: CivilDate?, limit: Int, hasEntries: Bool = false) {
            if world.unreachable.contains(url) {
                result.notes.append("stale-column: \(url) could not be reached; not judged")
                return
            }
            if newest == nil && hasEntries {
                result.notes.append("stale-column: \(url) lists pages but no dates, on it or on them; not judged")
                return
            }
            guard let newest else {
                result.findings.append(
                    Finding(
                        rule: .staleColumn, unitID: unit, url: url, clause: "附件11 第四条",
                        description: "\(name)栏目无任何内容", evidence: [Evidence("栏目", name)], discriminator: "empty"))
                return
            }
            let age = newest.days(until: context.asOf)
            let warnAt = Int((Double(limit) * s[Self.warnAt]).rounded(.down))
            let severity: Severity
            if age > limit {
                severity = .violation
            } else if age >= warnAt {
                severity = .warning
            } else {
                return
            }
            let what = severity == .warning ? "已\(age)天未更新，将超过\(limit)天时限（预警）" : "已\(age)天未更新，超过\(limit)天时限"
            result.findings.append(
                Finding(
                    rule: .staleColumn, unitID: unit, url: url, clause: "附件11 第四条", description: "\(name)\(what)",
                    evidence: [Evidence("最近更新", newest.description), Evidence("距今天数", "\(age)"), Evidence("时限天数", "\(limit)")],
                    severity: severity, discriminator: "stale"))
        }
        for item in ColumnFreshness.survey(world) {
            let limit: Int
            switch item.kind {
            case .news: limit = s[Self.newsDays]
            case .notice: limit = s[Self.noticeDays]
            case .homepage: limit = s[Self.homepageDays]
            case .feed: limit = s[Self.feedDays]
            }
            // The homepage and feeds have no entries to fall back on: judged by their dates only.
            let entries = item.kind == .news || item.kind == .notice ? item.hasEntries : false
            check(unit: item.unitID, url: item.url, name: item.name, newest: item.newest, limit: limit, hasEntries: entries)
        }
        return result
    }
}
