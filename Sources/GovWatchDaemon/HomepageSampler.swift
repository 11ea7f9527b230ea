import Foundation
import GovWatchCore
import GovWatchFetch
import GovWatchStore

/// One availability sample of a probe's homepage: a single GET with the sampling timeout, no
/// retries, no conditional request, through the crawl's address policy and scope.
enum HomepageSampler {
    /// Blocks for at most the sampling timeout (plus connection setup); run it off the pool.
    static func sample(_ probe: Probe, at now: Double) -> AvailabilitySample {
        var settings = probe.crawl
        settings.timeoutSeconds = probe.availability.timeoutSeconds
        settings.connectTimeoutSeconds = min(settings.connectTimeoutSeconds, probe.availability.timeoutSeconds)
        settings.retries = 0
        settings.concurrency = 1
        settings.perHost = 1
        let fetcher = Fetcher<Int>(
            configuration: FetcherConfiguration(
                settings: settings, scope: CrawlScope(hosts: probe.hosts),
                addressPolicy: AddressPolicy(baseHost: URLParts(probe.base)?.host ?? "")))
        var record: FetchRecord?
        fetcher.run([FetchJob(url: probe.homepage, context: 0)]) { r, _ in
            record = r.record
            return []
        }
        guard let record else {
            return AvailabilitySample(probeID: probe.id, at: now, ok: false, status: 0, outcome: "not-fetched", seconds: 0)
        }
        return AvailabilitySample(
            probeID: probe.id, at: now, ok: record.outcome == .ok, status: record.status, outcome: record.outcome.rawValue,
            seconds: Double(record.milliseconds) / 1000)
    }
}
