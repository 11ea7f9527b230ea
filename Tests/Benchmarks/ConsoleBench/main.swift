// The console on a year of data: 20 units, 100,000 findings (a third resolved), their automatic
// deductions. Renders the overview, a filtered finding list, a unit page and a finding page
// through the console (in process, no socket) and prints the median of 7 runs each, against
// a baseline measured in the same run: reading every finding from the store, as a page that
// did not use the indexes would.
//   govwatch-console-bench [DB.sqlite]   (a new file in /tmp when omitted; the target is < 200 ms)
import FlyingFox
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchStore

let path = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : NSTemporaryDirectory() + "govwatch-console-bench-\(getpid()).sqlite"
let fresh = !FileManager.default.fileExists(atPath: path)
let database = try AppDatabase(path: path)
let rubric = RubricLoader.standard()
let year = 2026
let rules: [RuleID] = Array(rubric.rules.keys).sorted()

func clock<T>(_ work: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try work()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
}

if fresh {
    let units = (0..<20).map { "{ id: u\($0), name: 单位\($0), full_name: 阿尔山市测试单位\($0), type: department }" }
    let probe = try ProbeLoader.parse(
        """
        probe: { id: bench, name: 基准, base: "http://127.0.0.1:9/", homepage: /index.html }
        units: [ \(units.joined(separator: ", ")) ]
        """, file: "bench.yaml")
    try database.saveUnits(of: probe)
    let (_, fill) = try clock {
        for batch in 0..<50 {
            let day = CivilDate(year: year, month: 1, day: 1)!.adding(days: batch * 7)
            let findings = (0..<2000).map { i in
                let n = batch * 2000 + i
                return Finding(
                    rule: rules[n % rules.count], unitID: "u\(n % 20)", url: "http://127.0.0.1:9/a/\(n).html", clause: "附件1 第\(n % 20 + 1)条",
                    description: "《测试文件\(n)》存在问题", evidence: [Evidence("标题", "测试文件\(n)")],
                    severity: n % 10 == 0 ? .warning : .violation)
            }
            _ = try database.reconcile(probeID: "b\(batch)", findings: findings, asOf: day)
            _ = try database.recordAutomaticDeductions(findings, period: year, on: day, rubric: rubric)
            if batch % 3 == 0 { _ = try database.reconcile(probeID: "b\(batch)", findings: [], asOf: day.adding(days: 3)) }
        }
    }
    print("filled \(path): 20 units, 100000 findings in \(String(format: "%.1f", fill / 1000)) s")
}

var config = DaemonConfig()
config.database = path
let settings = DaemonSettings(config: config, probes: [], calendar: .china, rubric: rubric, templates: .standard)
let console = Console(
    context: ConsoleContext(
        database: database, settings: { settings }, schedules: { [] }, loopback: true,
        now: { Double(CivilDate(year: year, month: 12, day: 1)!.daysSinceEpoch) * 86_400 }))

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

func measure(_ target: String) async -> (ms: Double, bytes: Int, status: Int) {
    let parts = target.split(separator: "?", maxSplits: 1)
    let query = parts.count > 1
        ? parts[1].split(separator: "&").map { kv -> HTTPRequest.QueryItem in
            let p = kv.split(separator: "=", maxSplits: 1)
            return HTTPRequest.QueryItem(name: String(p[0]), value: p.count > 1 ? String(p[1]) : "")
        } : []
    var times: [Double] = []
    var bytes = 0
    var status = 0
    for _ in 0..<7 {
        let request = HTTPRequest(method: .GET, version: .http11, path: String(parts[0]), query: query, headers: [:], body: Data())
        let start = DispatchTime.now().uptimeNanoseconds
        let response = await console.respond(request)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        bytes = (try? await response.bodyData.count) ?? 0
        status = response.statusCode.code
    }
    return (median(times), bytes, status)
}

let baseline = median(try (0..<3).map { _ in try clock { try database.findings() }.1 })
print("baseline: every finding read from the store: \(String(format: "%.1f", baseline)) ms (median of 3)")
let someFinding = try database.findingPage(FindingQuery()).findings.first!.id
for (name, target) in [
    ("overview", "/ui/"), ("filtered list", "/ui/findings?unit=u7&status=open&rule=\(rules[3].rawValue)"),
    ("list page 40", "/ui/findings?status=open&page=40"), ("unit page", "/ui/unit/u7"), ("finding page", "/ui/finding/\(someFinding)"),
] {
    let r = await measure(target)
    print(
        String(
            format: "%-14@ %7.1f ms  %4.2f× baseline  %6d bytes  HTTP %d  %@", name as NSString, r.ms, r.ms / baseline, r.bytes, r.status,
            (r.ms < 200 ? "under 200 ms" : "OVER 200 ms") as NSString))
}
