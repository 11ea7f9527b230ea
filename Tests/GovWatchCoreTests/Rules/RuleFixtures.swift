import GovWatchCore

/// Builders for rule fixtures: a small probe and publications with only what a rule reads.
enum Fixture {
    static let base = "http://www.aes.gov.cn/"
    static let policy = base + "zwgk/zcwj/index.html"
    static let jd = base + "zwgk/zcjd/index.html"
    static let news = base + "xwzx/asyw/index.html"
    static let notice = base + "bmxx/jyj/tzgg/index.html"

    static let probe = Probe(
        id: "t", name: "测试", base: base, hosts: ["www.aes.gov.cn"], homepage: base + "index.html",
        units: [
            UnitDefinition(
                id: "szfb", name: "市政府办公室", fullName: "阿尔山市人民政府办公室", aliases: ["阿尔山市人民政府"], type: .city,
                guide: base + "zwgk/xxgkzn/szfb/index.html", catalogue: base + "zwgk/xxgkml/szfb/index.html",
                annualReports: base + "zwgk/ndbg/szfb/index.html"),
            UnitDefinition(
                id: "wcgz", name: "五岔沟镇", fullName: "阿尔山市五岔沟镇人民政府", type: .town,
                guide: base + "zwgk/xxgkzn/wcgz/index.html", annualReports: base + "zwgk/ndbg/wcgz/index.html"),
            UnitDefinition(id: "jyj", name: "市教育局", fullName: "阿尔山市教育局", type: .department),
        ],
        columns: [
            ColumnDefinition(url: policy, name: "政策文件", type: .policy, unitID: "szfb"),
            ColumnDefinition(url: jd, name: "政策解读", type: .interpretation, unitID: "szfb"),
            ColumnDefinition(url: news, name: "阿市要闻", type: .news, unitID: "szfb"),
            ColumnDefinition(url: notice, name: "教育局通知公告", type: .notice, unitID: "jyj"),
        ],
        feeds: [FeedDefinition(url: base + "feeds/wx.json", format: .wechatJSON, account: "五岔沟镇人民政府", unitID: "wcgz")])

    static func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    static func page(
        _ path: String, title: String = "标题", unit: String = "szfb", column: String? = nil, published: String? = nil,
        written: String? = nil, index: String? = nil, number: String? = nil, body: String = "", source: String? = nil,
        repost: Bool = false, links: [String] = []
    ) -> Publication {
        Publication(
            url: base + path, title: title,
            info: DisclosureInfo(
                indexNumber: index, writtenDate: written.map(day), publishedDate: published.map(day), documentNumber: number),
            published: published.map(day), source: source, isRepost: repost, bodyText: body,
            links: links.map { Link(url: base + $0, text: "") }, unitID: unit, columnURL: column)
    }

    static func world(_ publications: [Publication], listings: [String: [ListingPage]] = [:], approvals: ApprovalRegister? = nil, unreachable: Set<String> = [])
        -> ProbeWorld
    {
        ProbeWorld(probe: probe, publications: publications, listings: listings, approvals: approvals, unreachable: unreachable)
    }

    static func listing(_ url: String, _ entries: [(String, String)]) -> ListingPage {
        ListingPage(url: url, entries: entries.map { ListingEntry(title: "", url: base + $0.0, date: day($0.1)) })
    }

    static func run(_ rule: any Rule, _ world: ProbeWorld, asOf: String = "2026-11-20", settings: RuleSettings = RuleSettings())
        -> [Finding]
    {
        rule.evaluate(world, context: RuleContext(asOf: day(asOf), settings: settings)).findings
    }
}

/// What a test compares: rule, unit, and the URL's path.
struct Seen: Hashable, CustomStringConvertible {
    var rule: RuleID
    var unit: String
    var path: String

    init(_ rule: RuleID, _ unit: String, _ path: String) {
        self.rule = rule
        self.unit = unit
        self.path = path
    }

    init(_ f: Finding) {
        self.init(f.rule, f.unitID, String(f.url.dropFirst(Fixture.base.count)))
    }

    var description: String { "\(rule) \(unit) \(path)" }
}

extension Array where Element == Finding {
    var seen: Set<Seen> { Set(map(Seen.init)) }
}
