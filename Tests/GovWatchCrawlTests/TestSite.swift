import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import GovWatchStore

/// A fixture site on 127.0.0.1 and a real SQLite file in a fresh temporary directory.
struct TestSite {
    let server: SiteServer
    let origin: String
    let directory: URL
    let database: AppDatabase

    static func start(pages: [String: SitePage]) async throws -> TestSite {
        let server = try SiteServer(pages: pages)
        try await server.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("govwatch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = try AppDatabase(path: directory.appendingPathComponent("govwatch.sqlite").path)
        return TestSite(server: server, origin: await server.origin, directory: directory, database: database)
    }

    /// The demo probe, pointed at this site.
    func demoProbe() throws -> Probe {
        try ProbeLoader.parse(
            DemoProbe.yaml.replacingOccurrences(of: "http://127.0.0.1:8780", with: origin), file: "demo.yaml")
    }

    /// A probe of one column at `/c/` owned by unit `u`, with fast timeouts and retries.
    func probe(extra: String = "", crawl: String = "", maxBodyBytes: Int = 100_000) throws -> Probe {
        try ProbeLoader.parse(
            """
            probe: { id: t, name: 测试, base: "\(origin)/", homepage: /index.html }
            crawl: { concurrency: 4, timeout_seconds: 1, connect_timeout_seconds: 1, retries: 1, max_body_bytes: \(maxBodyBytes)\(crawl) }
            units: [ { id: u, name: 测试单位, full_name: 阿尔山市测试单位, type: department } ]
            columns: [ { url: /c/, name: 栏目, type: news, unit: u } ]
            \(extra)
            """, file: "t.yaml")
    }

    func crawl(_ probe: Probe) async throws -> CrawlSummary {
        try await Crawler(probe: probe, database: database).run()
    }

    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

func html(_ text: String) -> SitePage { SitePage(body: Array(text.utf8), contentType: "text/html; charset=utf-8") }
