// Every rule over a crawled portal, then over the same portal copied to four times its size:
// the time per article must stay flat (rules are linear: no document × interpretation scans).
//   govwatch-rules-bench PROBE.yaml DB.sqlite [AS-OF]
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchStore

let args = CommandLine.arguments
guard args.count >= 3 else {
    FileHandle.standardError.write(Data("usage: govwatch-rules-bench PROBE.yaml DB.sqlite [YYYY-MM-DD]\n".utf8))
    exit(2)
}
let probe = try ProbeLoader.loadFile(args[1])
let world = try AppDatabase(path: args[2]).world(for: probe, approvals: nil)
let context = RuleContext(asOf: CivilDate(iso: args.count > 3 ? args[3] : "2025-01-15")!, settings: probe.rules)

/// The world with every publication and listing entry copied `times` times under new URLs and titles.
func scaled(_ world: ProbeWorld, times: Int) -> ProbeWorld {
    guard times > 1 else { return world }
    func copy(_ url: String, _ k: Int) -> String { k == 0 ? url : url + "?copy=\(k)" }
    var publications: [Publication] = []
    var listings = world.listings
    for k in 0..<times {
        for p in world.publications {
            var c = p
            c.url = copy(p.url, k)
            if k > 0 { c.title += "（副本\(k)）" }
            c.links = p.links.map { Link(url: copy($0.url, k), text: $0.text) }
            publications.append(c)
        }
    }
    for (key, pages) in world.listings {
        listings[key] = pages.map { page in
            var c = page
            c.entries = (0..<times).flatMap { k in page.entries.map { ListingEntry(title: $0.title, url: copy($0.url, k), date: $0.date) } }
            return c
        }
    }
    return ProbeWorld(probe: world.probe, publications: publications, listings: listings, unreachable: world.unreachable)
}

/// The best of five evaluations, after one untimed: a single 0.1 s run on a shared machine can
/// land in a slow moment (ratios from 3.0 to 4.8 were seen with the best of three, no warm-up).
func time(_ world: ProbeWorld) -> (seconds: Double, findings: Int) {
    _ = RuleBook.evaluate(world, context: context)
    var best = Double.infinity
    var findings = 0
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        findings = RuleBook.evaluate(world, context: context).findings.count
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return (best, findings)
}

let small = time(world)
let large = time(scaled(world, times: 4))
let n = world.publications.count
print(String(format: "rules over %6d publications: %.3f s (%d findings)", n, small.seconds, small.findings))
print(String(format: "rules over %6d publications: %.3f s (%d findings)", 4 * n, large.seconds, large.findings))
print(String(format: "ratio 4x/1x: %.2f (linear = 4.0; time per publication ratio %.2f)", large.seconds / small.seconds, large.seconds / small.seconds / 4))
