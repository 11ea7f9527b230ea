import Foundation
import GovWatchCore
import GovWatchStore
import Testing

/// The crawl writer's batched parts on a real SQLite file: validators read once per crawl,
/// and 304s marked seen together when the crawl's transaction ends.
@Suite struct CrawlWriterTests {
    static func database() throws -> (AppDatabase, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gw-writer-\(UUID().uuidString)")
        return (try AppDatabase(path: dir.appendingPathComponent("store.sqlite").path), dir)
    }

    static func url(_ i: Int) -> String { "http://127.0.0.1:8080/c/\(i).html" }

    /// More pages than one `UPDATE` marks (500), so the batches' edges are crossed.
    static let count = 1_203

    @Test func a304MarksThePublicationSeenWhenTheCrawlCommits() throws {
        let (db, dir) = try Self.database()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try db.beginRun(probeID: "p")
        try db.withCrawlTransaction(runID: first, probeID: "p") { writer in
            for i in 0..<Self.count {
                try writer.store(EncodedPublication(Publication(url: Self.url(i), title: "第\(i)篇", bodyText: "正文")))
            }
            return ((), CrawlSummary())
        }
        let before = Dictionary(uniqueKeysWithValues: try db.publications().map { ($0.publication.url, $0.lastSeen) })
        #expect(before.count == Self.count)

        // A crawl that fails stores nothing, the marks included.
        struct Interrupted: Error {}
        let failed = try db.beginRun(probeID: "p")
        #expect(throws: Interrupted.self) {
            try db.withCrawlTransaction(runID: failed, probeID: "p") { writer -> ((), CrawlSummary) in
                for i in 0..<Self.count { try writer.touchPublication(url: Self.url(i)) }
                throw Interrupted()
            }
        }
        #expect(try db.publications().allSatisfy { $0.lastSeen == before[$0.publication.url] })

        Thread.sleep(forTimeInterval: 0.005)  // stored times have milliseconds
        let second = try db.beginRun(probeID: "p")
        try db.withCrawlTransaction(runID: second, probeID: "p") { writer in
            for i in 0..<Self.count where i != 7 { try writer.touchPublication(url: Self.url(i)) }
            try writer.touchPublication(url: Self.url(Self.count))  // not stored: nothing to mark
            return ((), CrawlSummary())
        }
        let after = try db.publications()
        #expect(after.count == Self.count)
        for p in after {
            let old = try #require(before[p.publication.url])
            if p.publication.url == Self.url(7) {
                #expect(p.lastSeen == old)
            } else {
                #expect(p.lastSeen > old, "\(p.publication.url)")
            }
        }
        #expect(Set(after.filter { $0.publication.url != Self.url(7) }.map(\.lastSeen)).count == 1, "one crawl, one time")
    }

    @Test func validatorsAreThoseThePreviousCrawlsRemembered() throws {
        let (db, dir) = try Self.database()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try db.beginRun(probeID: "p")
        try db.withCrawlTransaction(runID: first, probeID: "p") { writer in
            try writer.record(
                FetchRecord(url: Self.url(1), finalURL: Self.url(1), status: 200, outcome: .ok, etag: "\"e1\""), role: "article")
            try writer.record(
                FetchRecord(
                    url: Self.url(2), finalURL: Self.url(2), status: 200, outcome: .ok,
                    lastModified: "Tue, 01 Dec 2026 08:00:00 GMT"),
                role: "article")
            try writer.record(FetchRecord(url: Self.url(3), finalURL: Self.url(3), status: 200, outcome: .ok), role: "article")
            try writer.record(
                FetchRecord(url: Self.url(4), finalURL: Self.url(4), status: 500, outcome: .httpError, etag: "\"e4\""),
                role: "article")
            return ((), CrawlSummary())
        }
        let second = try db.beginRun(probeID: "p")
        try db.withCrawlTransaction(runID: second, probeID: "p") { writer in
            #expect(try writer.validators(for: Self.url(1)) == HTTPValidators(etag: "\"e1\"", lastModified: nil))
            #expect(
                try writer.validators(for: Self.url(2))
                    == HTTPValidators(etag: nil, lastModified: "Tue, 01 Dec 2026 08:00:00 GMT"))
            #expect(try writer.validators(for: Self.url(3)) == nil, "no validators: a plain GET")
            #expect(try writer.validators(for: Self.url(4)) == nil, "an error's validators are not kept")
            #expect(try writer.validators(for: Self.url(5)) == nil)
            try writer.forgetValidators(for: Self.url(1))
            return ((), CrawlSummary())
        }
        let third = try db.beginRun(probeID: "p")
        try db.withCrawlTransaction(runID: third, probeID: "p") { writer in
            let forgotten = try writer.validators(for: Self.url(1))
            let kept = try writer.validators(for: Self.url(2))
            #expect(forgotten == nil, "forgotten by the crawl before")
            #expect(kept != nil)
            return ((), CrawlSummary())
        }
    }
}
