/// stale-column (附件11 第四条; 国办秘函〔2019〕19号): news columns and the homepage show
/// something new every 14 days, notice and policy columns every 6 months, a WeChat account
/// every 14 days; an empty column is stale. An early warning (预警, no points) comes at
/// `warn_at` of the limit, as commercial monitors give.
///
/// A listing that shows no dates (a column index of plain links) is judged by the newest
/// publication date of the pages it links; only a listing with no entries at all is empty.
public struct StaleColumnRule: Rule {
    public init() {}
    public var ids: [RuleID] { [.staleColumn] }

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
            let warnAt = Int((Double(limit) * s.warnAt).rounded(.down))
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
        for column in world.probe.columns {
            let limit: Int
            switch column.type {
            case .news: limit = s.newsDays
            case .notice, .policy, .interpretation: limit = s.noticeDays
            case .guide, .catalogue, .annualReport, .other: continue
            }
            let pages = world.listings[column.url] ?? []
            let entries = pages.flatMap(\.entries)
            var newest = pages.compactMap(\.newestDate).max()
            if newest == nil && !entries.isEmpty {
                newest = entries.compactMap { world.publication(at: $0.url)?.published }.max()
            }
            check(unit: column.unitID, url: column.url, name: column.name, newest: newest, limit: limit, hasEntries: !entries.isEmpty)
        }
        if let homeUnit = (world.probe.units.first { $0.type == .city } ?? world.probe.units.first)?.id,
            let home = world.listings["homepage"]
        {
            check(unit: homeUnit, url: world.probe.homepage, name: "网站首页", newest: home.compactMap(\.newestDate).max(), limit: s.homepageDays)
        }
        var newestByFeed: [String: CivilDate] = [:]
        for p in world.publications where p.kind == .feedItem {
            guard let feed = p.feedURL, let d = p.published else { continue }
            newestByFeed[feed] = max(newestByFeed[feed] ?? d, d)
        }
        for feed in world.probe.feeds {
            check(unit: feed.unitID, url: feed.url, name: "微信公众号“\(feed.account)”", newest: newestByFeed[feed.url], limit: s.feedDays)
        }
        return result
    }
}
