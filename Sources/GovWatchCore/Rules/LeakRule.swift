/// leak (附件1 第十二、十三条; 附件6 第五条): no state secrets and no personal privacy are
/// published (先审查、后公开). Finds, in pages, feed items and attachments, resident ID numbers,
/// bank card numbers, personal mobile numbers in lists of people and 密级 marks
/// (`LeakScanner`, `Redactor`). One finding per item and kind; evidence shows numbers masked,
/// never in full, and names the attachment and where in it. An attachment whose text could not
/// be read (a scanned PDF, a tool that timed out) is a 预警: not checked is not clean.
public struct LeakRule: Rule {
    public init() {}
    public var kinds: [FindingKind] { [FindingKind(.leak, "泄露个人信息或涉密标识", clause: "附件1 第十三条")] }
    public var section: String { "leak" }

    public func evaluate(_ world: ProbeWorld, context: RuleContext) -> RuleResult {
        var result = RuleResult()
        for p in world.publications {
            guard let unit = p.unitID else { continue }
            let url = p.attachedTo ?? p.url
            let name = p.title.isEmpty ? p.url : p.title
            let subject = p.kind == .attachment && !name.hasPrefix("附件") ? "附件\(quoted(name))" : quoted(name)
            var attachment: [Evidence] = []
            if p.kind == .attachment { attachment.append(Evidence("附件", p.url)) }
            let hits = Self.hits(p, notAfterYear: context.asOf.year)
            var kinds: [LeakHit.Kind] = []
            for hit in hits where !kinds.contains(hit.kind) { kinds.append(hit.kind) }
            for kind in kinds {
                let mine = hits.filter { $0.kind == kind }
                let first = mine[0]
                var evidence = [Evidence(kind.label, first.masked)] + attachment
                if let location = first.location { evidence.append(Evidence("位置", location)) }
                evidence.append(Evidence("上下文", first.context))
                if mine.count > 1 { evidence.append(Evidence("共计", "\(mine.count)处")) }
                result.findings.append(
                    Finding(
                        rule: .leak, unitID: unit, url: url, clause: "附件1 第十三条",
                        description: "\(subject)公开了不应公开的\(kind.label)" + (mine.count > 1 ? "（\(mine.count)处）" : ""),
                        evidence: evidence, severity: .severe, discriminator: "\(kind.rawValue):\(first.masked)"))
            }
            if let note = p.extractionNote {
                result.findings.append(
                    Finding(
                        rule: .leak, unitID: unit, url: url, clause: "附件1 第十三条",
                        description: "\(subject)未能检查是否泄露个人信息：\(note)",
                        evidence: attachment + [Evidence("说明", note)], severity: .warning, discriminator: "unchecked"))
            }
        }
        return result
    }

    /// What the item holds: the numbers masked when it was read, and what its stored text
    /// still shows (marks; numbers, for an item that was never redacted).
    public static func hits(_ p: Publication, notAfterYear: Int) -> [LeakHit] {
        var hits = p.leaks ?? []
        hits += LeakScanner.scan(p.title + "\n" + p.bodyText, notAfterYear: notAfterYear)
        for part in p.parts ?? [] {
            for (k, line) in part.lines.enumerated() {
                let location = "\(part.location)第\(k + 1)行"
                hits += LeakScanner.scan(line, notAfterYear: notAfterYear).map { hit in
                    var h = hit
                    h.location = location
                    return h
                }
            }
        }
        var seen = Set<String>()
        return hits.filter { seen.insert("\($0.kind.rawValue):\($0.masked)").inserted }
    }
}
