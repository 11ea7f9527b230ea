/// broken-link (国办秘函〔2019〕19号 “链接可用性”): a link or image that did not answer in two
/// consecutive crawls — homepage links and images apart from other pages' links, as the
/// checklist weighs them differently. A link dead once and alive the next time is not one.
public struct BrokenLinkRule: Rule {
    public init() {}
    public var kinds: [FindingKind] { [FindingKind(.brokenLink, "链接不可用", clause: "国办秘函〔2019〕19号 链接可用性")] }
    public var section: String { "broken-link" }

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        var result = RuleResult()
        guard let site = (world.probe.units.first { $0.type == .city } ?? world.probe.units.first)?.id else { return result }
        for link in world.brokenLinks {
            let unit = link.onHomepage ? site : world.publication(at: link.foundOn)?.unitID ?? site
            let place = link.onHomepage ? "网站首页" : quoted(world.publication(at: link.foundOn)?.title ?? link.foundOn)
            let what = link.text == "图片" ? "图片" : "链接"
            result.findings.append(
                Finding(
                    rule: .brokenLink, unitID: unit, url: link.foundOn, clause: "国办秘函〔2019〕19号 链接可用性",
                    description: "\(place)上的\(what)“\(link.text.isEmpty ? link.url : link.text)”无法访问（连续\(link.consecutiveFailures)次）",
                    evidence: [
                        Evidence(what, link.url), Evidence("所在页面", link.foundOn), Evidence("链接文字", link.text),
                        Evidence("最近错误", link.lastError), Evidence("连续失败次数", "\(link.consecutiveFailures)"),
                        Evidence("位置", link.onHomepage ? "首页" : "其他页面"),
                    ],
                    discriminator: (link.onHomepage ? "homepage:" : "page:") + link.url))
        }
        return result
    }
}

extension RuleID {
    public static let brokenLink: RuleID = "broken-link"
}
