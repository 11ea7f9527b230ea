/// unsourced-repost (附件10 第六条): a repost states its source; items of unclear source are
/// not published. A page or feed item marked as a repost (转载 / 转自, a WeChat share) whose
/// 来源 is missing or empty is a finding; an original item of its own unit needs no 来源.
public struct UnsourcedRepostRule: Rule {
    public init() {}
    public var kinds: [FindingKind] { [FindingKind(.unsourcedRepost, "转载未注明来源", clause: "附件10 第六条")] }
    public var section: String { "unsourced-repost" }

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        var result = RuleResult()
        for p in world.publications where p.isRepost && p.kind != .attachment {
            guard let unit = p.unitID else { continue }
            let source = p.source?.trimmingWhitespace() ?? ""
            let sourceURL = p.sourceURL?.trimmingWhitespace() ?? ""
            guard source.isEmpty || Self.isPlaceholder(source), sourceURL.isEmpty else { continue }
            result.findings.append(
                Finding(
                    rule: .unsourcedRepost, unitID: unit, url: p.url, clause: "附件10 第六条",
                    description: "转载的\(quoted(p.title))未注明信息来源",
                    evidence: [Evidence("来源", source.isEmpty ? "（空）" : source), Evidence("发布日期", p.published?.description ?? "")]))
        }
        return result
    }

    /// 来源 lines that name nobody: 网络, 互联网, 未知, 转载.
    static func isPlaceholder(_ source: String) -> Bool {
        ["网络", "互联网", "未知", "转载", "转自", "其他"].contains(source)
    }
}
