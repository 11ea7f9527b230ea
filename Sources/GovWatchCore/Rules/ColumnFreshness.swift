/// How fresh each thing that should update is: the homepage, every news, notice and policy
/// column, every WeChat account — what `stale-column` judges one by one and `national-veto`
/// counts across the site.
public struct ColumnFreshness: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case homepage
        /// 动态、要闻类 (updated every two weeks).
        case news
        /// 通知公告、政策文件类 (every six months).
        case notice
        case feed
    }

    public var kind: Kind
    public var unitID: String
    public var url: String
    public var name: String
    /// The newest date it shows (or, for a listing without dates, of the pages it lists).
    public var newest: CivilDate?
    /// The listing has entries (a listing without entries and without a date is empty).
    public var hasEntries: Bool
    /// It could not be fetched in this check: not judged.
    public var unreachable: Bool

    /// No content at all.
    public var isEmpty: Bool { newest == nil && !hasEntries && !unreachable }

    /// Days since the newest content, when known.
    public func age(on day: CivilDate) -> Int? { newest.map { $0.days(until: day) } }

    /// Everything of `world` that should update.
    public static func survey(_ world: ProbeWorld) -> [ColumnFreshness] {
        var out: [ColumnFreshness] = []
        for column in world.probe.columns {
            let kind: Kind
            switch column.type {
            case .news: kind = .news
            case .notice, .policy, .interpretation: kind = .notice
            case .guide, .catalogue, .annualReport, .other: continue
            }
            let pages = world.listings[ListingKey.column(column.url)] ?? []
            let entries = pages.flatMap(\.entries)
            var newest = pages.compactMap(\.newestDate).max()
            if newest == nil && !entries.isEmpty {
                newest = entries.compactMap { world.publication(at: $0.url)?.published }.max()
            }
            out.append(
                ColumnFreshness(
                    kind: kind, unitID: column.unitID, url: column.url, name: column.name, newest: newest,
                    hasEntries: !entries.isEmpty, unreachable: world.unreachable.contains(column.url)))
        }
        if let homeUnit = (world.probe.units.first { $0.type == .city } ?? world.probe.units.first)?.id,
            let home = world.listings[ListingKey.homepage]
        {
            out.append(
                ColumnFreshness(
                    kind: .homepage, unitID: homeUnit, url: world.probe.homepage, name: "网站首页",
                    newest: home.compactMap(\.newestDate).max(), hasEntries: home.contains { !$0.entries.isEmpty },
                    unreachable: world.unreachable.contains(world.probe.homepage)))
        }
        var newestByFeed: [String: CivilDate] = [:]
        for p in world.publications where p.kind == .feedItem {
            guard let feed = p.feedURL, let d = p.published else { continue }
            newestByFeed[feed] = max(newestByFeed[feed] ?? d, d)
        }
        for feed in world.probe.feeds {
            out.append(
                ColumnFreshness(
                    kind: .feed, unitID: feed.unitID, url: feed.url, name: "微信公众号“\(feed.account)”",
                    newest: newestByFeed[feed.url], hasEntries: false, unreachable: world.unreachable.contains(feed.url)))
        }
        return out
    }
}
