/// national-veto (国办秘函〔2019〕19号 《政府网站与政务新媒体检查指标》, 单项否决 “不更新”): a
/// site that fails one of these lines fails the national check whatever its city score:
///
/// - the homepage shows nothing new for 2 weeks;
/// - 5 or more columns silent past their limit: 动态、要闻类 2 weeks, 通知公告、政策文件类 6 months;
/// - 5 or more empty columns;
/// - more than 10 columns that should update and have not (any limit);
/// - a WeChat account (政务新媒体) silent for 2 weeks.
///
/// Each line that fires is one finding naming it and listing its columns; below a line, at the
/// levels commercial monitors warn at (10 days, 2 empty columns, 6 stale columns), a 预警.
/// It judges the site (the probe), so findings go to the city's unit, like the homepage's.
public struct NationalVetoRule: Rule {
    public init() {}
    public var kinds: [FindingKind] {
        [FindingKind(.nationalVeto, "触及政府网站检查单项否决指标", clause: "国办秘函〔2019〕19号 单项否决")]
    }
    public var section: String { "national-veto" }
    public var parameters: [AnyRuleParameter] {
        [
            Self.homepageDays.erased, Self.newsDays.erased, Self.noticeDays.erased, Self.feedDays.erased,
            Self.silentColumns.erased, Self.emptyColumns.erased, Self.staleColumns.erased, Self.warnDays.erased,
            Self.warnEmpty.erased, Self.warnStale.erased,
        ]
    }

    public static let homepageDays = RuleParameter.int("national-veto", "homepage_days", default: 14, range: 1...365, "首页不更新时限（天）")
    public static let newsDays = RuleParameter.int("national-veto", "news_days", default: 14, range: 1...365, "动态、要闻类栏目不更新时限（天）")
    public static let noticeDays = RuleParameter.int(
        "national-veto", "notice_days", default: 183, range: 1...3650, "通知公告、政策文件类栏目不更新时限（天）")
    public static let feedDays = RuleParameter.int("national-veto", "feed_days", default: 14, range: 1...365, "政务新媒体不更新时限（天）")
    public static let silentColumns = RuleParameter.int(
        "national-veto", "silent_columns", default: 5, range: 1...1000, "超过时限未更新的栏目达到此数即否决")
    public static let emptyColumns = RuleParameter.int("national-veto", "empty_columns", default: 5, range: 1...1000, "空白栏目达到此数即否决")
    public static let staleColumns = RuleParameter.int(
        "national-veto", "stale_columns", default: 10, range: 1...1000, "应更新而未更新的栏目超过此数即否决")
    public static let warnDays = RuleParameter.int("national-veto", "warn_days", default: 10, range: 1...365, "首页、政务新媒体未更新达到此天数时预警")
    public static let warnEmpty = RuleParameter.int("national-veto", "warn_empty", default: 2, range: 1...1000, "空白栏目达到此数时预警")
    public static let warnStale = RuleParameter.int("national-veto", "warn_stale", default: 6, range: 1...1000, "未更新栏目达到此数时预警")

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        let s = context.settings
        let day = context.asOf
        var result = RuleResult()
        guard let site = (world.probe.units.first { $0.type == .city } ?? world.probe.units.first)?.id else { return result }
        let items = ColumnFreshness.survey(world).filter { !$0.unreachable }
        func limit(_ i: ColumnFreshness) -> Int {
            switch i.kind {
            case .homepage: s[Self.homepageDays]
            case .news: s[Self.newsDays]
            case .notice: s[Self.noticeDays]
            case .feed: s[Self.feedDays]
            }
        }
        func silent(_ i: ColumnFreshness) -> Bool { i.age(on: day).map { $0 > limit(i) } ?? false }
        func add(_ line: String, _ what: String, _ list: [ColumnFreshness], warning: Bool, url: String? = nil) {
            let names = list.map { i in i.name + (i.newest.map { "（最近更新\($0)）" } ?? "（空白）") }
            result.findings.append(
                Finding(
                    rule: .nationalVeto, unitID: site, url: url ?? world.probe.homepage,
                    clause: "国办秘函〔2019〕19号 单项否决", description: warning ? "\(what)，接近单项否决指标（预警）" : "\(what)，触及单项否决指标",
                    evidence: [Evidence("指标", line), Evidence("数量", "\(list.count)"), Evidence("栏目", names.joined(separator: "；"))],
                    severity: warning ? .warning : .violation, discriminator: line))
        }

        // 1. The homepage; 5. each WeChat account.
        for i in items where i.kind == .homepage || i.kind == .feed {
            guard let age = i.age(on: day) else { continue }
            let line = i.kind == .homepage ? "首页栏目信息超过2周未更新" : "政务新媒体超过2周未更新"
            if age > limit(i) {
                add(line, "\(i.name)已\(age)天未更新", [i], warning: false, url: i.url)
            } else if age >= s[Self.warnDays] {
                add(line, "\(i.name)已\(age)天未更新", [i], warning: true, url: i.url)
            }
        }
        let columns = items.filter { $0.kind == .news || $0.kind == .notice }
        // 2. Columns past their own limit.
        let past = columns.filter(silent)
        if past.count >= s[Self.silentColumns] {
            add("动态要闻类栏目超过2周、通知公告政策文件类栏目超过6个月未更新的栏目达\(s[Self.silentColumns])个以上", "\(past.count)个栏目超过时限未更新", past, warning: false)
        }
        // 3. Empty columns.
        let empty = columns.filter(\.isEmpty)
        if empty.count >= s[Self.emptyColumns] {
            add("空白栏目达\(s[Self.emptyColumns])个以上", "\(empty.count)个栏目无任何内容", empty, warning: false)
        } else if empty.count >= s[Self.warnEmpty] {
            add("空白栏目达\(s[Self.emptyColumns])个以上", "\(empty.count)个栏目无任何内容", empty, warning: true)
        }
        // 4. Columns that should update and have not: past their limit, or empty.
        let stale = columns.filter { silent($0) || $0.isEmpty }
        if stale.count > s[Self.staleColumns] {
            add("应更新但长期未更新的栏目超过\(s[Self.staleColumns])个", "\(stale.count)个应更新栏目未更新", stale, warning: false)
        } else if stale.count >= s[Self.warnStale] {
            add("应更新但长期未更新的栏目超过\(s[Self.staleColumns])个", "\(stale.count)个应更新栏目未更新", stale, warning: true)
        }
        return result
    }
}

extension RuleID {
    public static let nationalVeto: RuleID = "national-veto"
}
