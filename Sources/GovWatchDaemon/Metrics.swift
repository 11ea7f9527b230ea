import Foundation
import GovWatchCore
import GovWatchStore
import Synchronization

/// The daemon's counters, rendered in the Prometheus text format (version 0.0.4).
public final class Metrics: Sendable {
    private struct State {
        var runs: [[String]: Double] = [:]  // probe, outcome
        var fetches: [[String]: Double] = [:]  // probe, outcome
        var parsed: [String: Double] = [:]
        var durationSum: [String: Double] = [:]
        var durationCount: [String: Double] = [:]
        var lastDuration: [String: Double] = [:]
        var deliveries: [String: Double] = ["sent": 0, "failed": 0]
        var homepageUp: [String: Double] = [:]
        /// Per probe: counts of samples at or under each bound of `responseBuckets`, their sum and count.
        var responseBuckets: [String: [Double]] = [:]
        var responseSum: [String: Double] = [:]
        var responseCount: [String: Double] = [:]
    }

    /// Bounds of the homepage response-time histogram, seconds (15 s is the checklist's timeout).
    static let responseBounds: [Double] = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15]

    private let state = Mutex(State())

    public init() {}

    /// Records a finished check of a probe.
    public func recordRun(probe: String, outcome: String, seconds: Double, crawl: CrawlSummary?) {
        state.withLock { s in
            s.runs[[probe, outcome], default: 0] += 1
            s.durationSum[probe, default: 0] += seconds
            s.durationCount[probe, default: 0] += 1
            s.lastDuration[probe] = seconds
            if let c = crawl {
                s.fetches[[probe, "ok"], default: 0] += Double(c.fetched)
                s.fetches[[probe, "not_modified"], default: 0] += Double(c.unchanged)
                s.fetches[[probe, "failed"], default: 0] += Double(c.failed)
                s.parsed[probe, default: 0] += Double(c.parsed)
            }
        }
    }

    /// Records a homepage availability sample.
    public func recordSample(probe: String, ok: Bool, seconds: Double) {
        state.withLock { s in
            s.homepageUp[probe] = ok ? 1 : 0
            var buckets = s.responseBuckets[probe] ?? Array(repeating: 0, count: Self.responseBounds.count)
            for (i, bound) in Self.responseBounds.enumerated() where seconds <= bound { buckets[i] += 1 }
            s.responseBuckets[probe] = buckets
            s.responseSum[probe, default: 0] += seconds
            s.responseCount[probe, default: 0] += 1
        }
    }

    /// Records a round of deliveries: messages sent, attempts failed.
    public func recordDeliveries(sent: Int, failed: Int) {
        state.withLock { s in
            s.deliveries["sent", default: 0] += Double(sent)
            s.deliveries["failed", default: 0] += Double(failed)
        }
    }

    /// What is read from the store at scrape time.
    public struct Gauges: Sendable {
        public var openFindings: [(rule: String, unit: String, count: Int)]
        public var databaseBytes: Int
        public var deliveries: [DeliveryStatus: Int]
        public var notices: [NoticeStatus: Int]
        public var calendar: CalendarStatus
        /// Open requests near their deadline (the 申请即将到期 预警), as supervisors read them.
        public var requestsDueSoon: [String]
        /// Homepage samples of the last 7 days, by probe.
        public var availability: [String: AvailabilityWindow]

        public static func read(_ database: AppDatabase, calendar: WorkdayCalendar) throws -> Gauges {
            Gauges(
                openFindings: try database.openFindingCounts(), databaseBytes: database.sizeOnDisk(),
                deliveries: try database.deliveryCounts(), notices: try database.noticeCounts(),
                calendar: CalendarStatus(calendar, today: ShanghaiClock.today()),
                requestsDueSoon: try database.findings(rule: .requestLate, status: .open)
                    .filter { $0.finding.severity == .warning }.map(\.finding.description),
                availability: try database.availabilityByProbe(since: Date().timeIntervalSince1970 - 7 * 86_400))
        }
    }

    /// The exposition, with the gauges read at scrape time.
    public func render(_ gauges: Gauges, probes: [ProbeSchedule]) -> String {
        let s = state.withLock { $0 }
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: [(String, String)], value: Double)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for sample in samples {
                let labels = sample.labels.isEmpty
                    ? "" : "{" + sample.labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" }.joined(separator: ",") + "}"
                out += "\(name)\(labels) \(Self.number(sample.value))\n"
            }
        }
        family("govwatch_up", "gauge", "1 while the daemon runs.", [([], 1)])
        /// Samples labelled by probe, or by probe and outcome, in a stable order.
        func byProbe(_ d: [String: Double]) -> [(labels: [(String, String)], value: Double)] {
            d.sorted { $0.key < $1.key }.map { ([("probe", $0.key)], $0.value) }
        }
        func byProbeAndOutcome(_ d: [[String]: Double]) -> [(labels: [(String, String)], value: Double)] {
            d.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { ([("probe", $0.key[0]), ("outcome", $0.key[1])], $0.value) }
        }
        family("govwatch_runs_total", "counter", "Checks of a probe by outcome.", byProbeAndOutcome(s.runs))
        family("govwatch_fetches_total", "counter", "Fetches by outcome.", byProbeAndOutcome(s.fetches))
        family("govwatch_pages_parsed_total", "counter", "Pages and feeds parsed.", byProbe(s.parsed))
        family("govwatch_run_duration_seconds_sum", "counter", "Total seconds spent in checks.", byProbe(s.durationSum))
        family("govwatch_run_duration_seconds_count", "counter", "Checks timed.", byProbe(s.durationCount))
        family("govwatch_last_run_duration_seconds", "gauge", "Duration of the latest check.", byProbe(s.lastDuration))
        family(
            "govwatch_next_run_timestamp_seconds", "gauge", "When the next check of a probe is due (Unix time).",
            probes.compactMap { p in p.nextRun.map { ([("probe", p.probeID)], $0) } })
        family(
            "govwatch_findings_open", "gauge", "Open findings by rule and unit.",
            gauges.openFindings.map { ([("rule", $0.rule), ("unit", $0.unit)], Double($0.count)) })
        family(
            "govwatch_deliveries", "gauge", "Queued messages by status (pending, sent, failed).",
            DeliveryStatus.allCases.map { ([("status", $0.rawValue)], Double(gauges.deliveries[$0] ?? 0)) })
        family(
            "govwatch_notices", "gauge", "Rectification notices by status (issued, rectified, overdue).",
            NoticeStatus.allCases.map { ([("status", $0.rawValue)], Double(gauges.notices[$0] ?? 0)) })
        family(
            "govwatch_delivery_attempts_total", "counter", "Delivery attempts by outcome (sent, failed).",
            s.deliveries.sorted { $0.key > $1.key }.map { ([("outcome", $0.key)], $0.value) })
        family(
            "govwatch_calendar_official_until_year", "gauge",
            "Last year of the unbroken run of official holiday data from this year; deadlines after it are provisional.",
            [([], Double(gauges.calendar.officialUntil))])
        family("govwatch_homepage_up", "gauge", "1 when the latest homepage sample loaded in time.", byProbe(s.homepageUp))
        family(
            "govwatch_homepage_availability_ratio", "gauge", "Share of homepage samples that loaded in time, over the window.",
            gauges.availability.sorted { $0.key < $1.key }.map {
                ([("probe", $0.key), ("window", "7d")], 1 - $0.value.failedShare)
            })
        var histogram: [(labels: [(String, String)], value: Double)] = []
        for (probe, buckets) in s.responseBuckets.sorted(by: { $0.key < $1.key }) {
            for (i, bound) in Self.responseBounds.enumerated() {
                histogram.append(([("probe", probe), ("le", Self.number(bound))], buckets[i]))
            }
            histogram.append(([("probe", probe), ("le", "+Inf")], s.responseCount[probe] ?? 0))
        }
        out += "# HELP govwatch_homepage_response_seconds Homepage sample response times.\n"
        out += "# TYPE govwatch_homepage_response_seconds histogram\n"
        for h in histogram {
            out += "govwatch_homepage_response_seconds_bucket{probe=\"\(Self.escape(h.labels[0].1))\",le=\"\(h.labels[1].1)\"} \(Self.number(h.value))\n"
        }
        for (probe, sum) in s.responseSum.sorted(by: { $0.key < $1.key }) {
            out += "govwatch_homepage_response_seconds_sum{probe=\"\(Self.escape(probe))\"} \(Self.number(sum))\n"
            out += "govwatch_homepage_response_seconds_count{probe=\"\(Self.escape(probe))\"} \(Self.number(s.responseCount[probe] ?? 0))\n"
        }
        family("govwatch_database_bytes", "gauge", "Size of the SQLite database with its WAL.", [([], Double(gauges.databaseBytes))])
        return out
    }

    static func escape(_ v: String) -> String {
        v.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }
}

/// The working-day calendar's years, for `/status` and `/metrics`.
public struct CalendarStatus: Codable, Sendable {
    /// Years with official holiday data (shipped or imported).
    public var years: [Int]
    /// Years answered from the statutory holidays alone (暂定).
    public var provisional_years: [Int]
    /// See `CalendarWatch.officialUntil`.
    public var official_until: Int
    /// Set from 1 November when the next year has no official data.
    public var warning: String?

    public init(_ calendar: WorkdayCalendar, today: CivilDate) {
        years = calendar.officialYears.sorted()
        provisional_years = calendar.provisionalYears.sorted()
        official_until = CalendarWatch.officialUntil(calendar, today: today)
        warning = CalendarWatch.warning(calendar, today: today)
    }

    var officialUntil: Int { official_until }
}
