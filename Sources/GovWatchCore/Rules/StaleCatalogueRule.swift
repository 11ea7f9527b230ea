/// stale-catalogue (附件11 附件 公开的形式: 应公开的政府信息均可通过信息公开目录查看): a
/// disclosure item (one with an 索引号) of a unit that has a catalogue must be in it.
public struct StaleCatalogueRule: Rule {
    public init() {}
    public var kinds: [FindingKind] { [FindingKind(.staleCatalogue, "信息未列入公开目录", clause: "附件11 第十一条(二)")] }
    public var section: String { "stale-catalogue" }

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        var result = RuleResult()
        for unit in world.probe.units {
            guard let catalogue = unit.catalogue else { continue }
            let pages = world.listings[ListingKey.catalogue(unit.id)] ?? []
            let listed = Set(pages.flatMap { $0.entries.map(\.url) })
            for p in world.publications where p.kind == .page && p.unitID == unit.id {
                guard let index = p.info.indexNumber, !listed.contains(p.url), p.url != catalogue else { continue }
                result.findings.append(
                    Finding(
                        rule: .staleCatalogue, unitID: unit.id, url: p.url, clause: "附件11 第十一条(二)",
                        description: "\(quoted(p.title))未列入\(unit.fullName)的政府信息公开目录",
                        evidence: [Evidence("索引号", index), Evidence("信息公开目录", catalogue)]))
            }
        }
        return result
    }
}
