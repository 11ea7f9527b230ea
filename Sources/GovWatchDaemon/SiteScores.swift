import GovWatchCore
import GovWatchStore

/// Verdicts of a per-site rubric on every probe the store knows, from its open findings.
public enum SiteScores {
    public static func verdicts(_ database: AppDatabase, rubric: SiteRubric) throws -> [SiteVerdict] {
        let open = try database.findings(status: .open)
        let probes = Set(try database.runs().map(\.probe_id)).union(open.map(\.probeID)).sorted()
        return probes.map { id in rubric.verdict(probeID: id, findings: open.filter { $0.probeID == id }.map(\.finding)) }
    }

    /// The verdicts as lines for a terminal.
    public static func text(_ verdicts: [SiteVerdict], rubric: SiteRubric) -> String {
        var lines = [rubric.name]
        for v in verdicts {
            lines.append("站点 \(v.probeID)：\(v.verdict)")
            for veto in v.vetoes {
                lines.append("  单项否决 \(veto.veto)：" + veto.findings.joined(separator: "；"))
            }
            for d in v.deductions {
                lines.append("  扣分 \(d.item)：\(d.count)个问题，扣\(Rubric.format(d.points))分")
            }
            lines.append("  累计扣分 \(Rubric.format(v.pointsLost))（超过\(Rubric.format(rubric.failOver))分为不合格）")
            for w in v.warnings { lines.append("  预警：\(w)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
