import Foundation
import GovWatchCore
import GovWatchDemo
import GovWatchFetch
import Testing

/// The fetcher on its own, against a real server on 127.0.0.1.
@Suite struct FetcherTests {
    /// A run returns once its last transfer is delivered. It used to wait out its poll timeout
    /// (100 ms) first, since no transfer was left to wake the wait: at the end of every link
    /// check, availability sample and inspection. The timeout is 5 s here, so that wait
    /// cannot hide in a loaded machine's noise.
    @Test func aRunEndsWhenItsLastTransferIsDelivered() async throws {
        let server = try SiteServer(pages: ["/a.html": SitePage(body: Array("<p>a</p>".utf8), contentType: "text/html")])
        try await server.start()
        let origin = await server.origin
        let parts = URLParts(origin)!
        let configuration = FetcherConfiguration(
            settings: CrawlSettings(), scope: CrawlScope(hosts: [parts.hostAndPort]),
            addressPolicy: AddressPolicy(baseHost: parts.host), pollMilliseconds: 5_000)
        // Blocking transfers, off Swift's pool: the server answers on that pool.
        let (fastest, statuses) = await OffPool.run { () -> (Double, [Int]) in
            var fastest = Double.infinity
            var statuses: [Int] = []
            for _ in 0..<5 {
                let fetcher = Fetcher<Int>(configuration: configuration)
                let started = DispatchTime.now().uptimeNanoseconds
                let finished = fetcher.run([FetchJob(url: origin + "/a.html", context: 0)]) { response, _ in
                    statuses.append(response.record.status)
                    return []
                }
                fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
                if !finished { statuses.append(-1) }
            }
            return (fastest, statuses)
        }
        await server.stop()
        #expect(statuses == [200, 200, 200, 200, 200])
        // The fastest of five: the old wait put every run past 5 s.
        #expect(fastest < 2.5, "the fastest of five one-page runs took \(fastest) s")
    }
}
