import Foundation
import GRDB
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
@testable import GovWatchStore
import Synchronization
import Testing

/// Databases written by released schemas (`Tests/Fixtures/databases/`, each the demo's
/// database as that release's `govwatch demo` left it) open with today's code, migrate, and
/// every table reads back. Shipped migrations are never edited: a new schema is a new
/// migration and a new fixture here.
@Suite(.serialized) struct MigrationTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/databases")

    static let fixtures: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".sqlite") }.sorted()
    }()

    /// The newest migration has its fixture: a schema change ships with a database of it
    /// (`govwatch demo --out DIR`, then `DIR/govwatch.sqlite` saved as `vN-demo.sqlite`).
    @Test func thereIsAFixtureOfTheNewestSchema() throws {
        let newest = try #require(AppDatabase.migrator.migrations.last)
        let version = String(newest.prefix { $0 != ":" })
        #expect(Self.fixtures.contains("\(version)-demo.sqlite"), "\(newest): \(Self.fixtures)")
    }

    @Test(arguments: fixtures)
    func aReleasedDatabaseOpensMigratesAndReads(name: String) throws {
        let copy = try Self.copy(of: name)
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let db = try AppDatabase(path: copy.path)
        let counts = try db.counts()
        #expect(counts["publication"] == 37, "\(counts)")
        // Every table, through the code that reads it.
        #expect(try db.publications().count == 37)
        #expect(try db.findings().count >= 13)
        #expect(try db.notices().count == 4 && db.notices().allSatisfy { $0.deadlineWas == nil })
        #expect(try !db.deliveries().isEmpty && db.lastDigest() != nil)
        #expect(try db.deductions(period: 2026).count >= 13 && db.auditTrail().isEmpty)
        #expect(try db.units().count == 4)
        let run = try #require(try db.runs().last)
        let fetches = try db.fetches(runID: run.id)
        #expect(run.status == .completed && fetches.filter { $0.role != "link-check" }.count == 47)
        let probe = try ProbeLoader.parse(DemoProbe.yaml, file: "demo.yaml")
        let world = try db.world(for: probe, approvals: nil)
        #expect(world.publications.count == 37 && world.listings.values.flatMap { $0 }.count == counts["listing_page"])
        #expect(world.listings.values.flatMap { $0 }.contains { !$0.pageURLs(limit: 100).isEmpty })
    }

    /// v6: the full ID number the demo's leak page carried is masked in the stored text, and a
    /// crawl of the unchanged site (every page fetched again, no conditional GET) finds no
    /// publication changed: the migration hashes what a crawl now hashes.
    @Test func storedNumbersAreMaskedAndAnUnchangedSiteStaysUnchanged() async throws {
        let copy = try Self.copy(of: "v5-demo.sqlite")
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        do {
            _ = try AppDatabase(path: copy.path)  // migrates; closing it checkpoints the WAL into the file
        }
        let raw = try Data(contentsOf: copy)
        #expect(raw.range(of: Data("198503172010".utf8)) == nil)  // not in any page, free pages included
        let db = try AppDatabase(path: copy.path)
        let page = try #require(try db.publications().map(\.publication).first { $0.leaks != nil })
        #expect(page.leaks?.map(\.masked) == ["152202********2010"])
        #expect(page.bodyText.contains("152202********2010"))

        // The demo portal where the fixture was crawled (its URLs name port 8780).
        let server = try await Self.demoPortalOnItsPort()
        defer { Task { await server.stop() } }
        try db.clearHTTPCache()
        let probe = try ProbeLoader.parse(DemoProbe.yaml, file: "demo.yaml")
        let summary = try await Crawler(probe: probe, database: db, day: CivilDate(iso: DemoPortal.asOf)!).run()
        #expect(summary.unchanged == 0 && summary.fetched > 37)
        #expect(summary.newPublications == 0)
        #expect(summary.changedPublications == 0)
    }

    /// A database a recent release wrote (v9: JSON text; v10: compressed versions, links apart),
    /// re-crawled by today's code against the unchanged
    /// site, reports no publication new or changed: first with its stored validators (the
    /// pages answer 304 and replay what the release stored), then fetching every page again.
    @Test(arguments: ["v9-demo.sqlite", "v10-demo.sqlite"])
    func aRecentReleasesDatabaseReCrawlsUnchanged(name: String) async throws {
        let copy = try Self.copy(of: name)
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let db = try AppDatabase(path: copy.path)
        let server = try await Self.demoPortalOnItsPort()
        defer { Task { await server.stop() } }
        let probe = try ProbeLoader.parse(DemoProbe.yaml, file: "demo.yaml")
        let day = try #require(CivilDate(iso: DemoPortal.asOf))
        let replayed = try await Crawler(probe: probe, database: db, day: day).run()
        #expect(replayed.unchanged > 0 && replayed.failed == 0)
        #expect(replayed.fetched + replayed.unchanged >= 47, "the 304s replay the stored links: every page is reached")
        #expect(replayed.newPublications == 0 && replayed.changedPublications == 0)
        try db.clearHTTPCache()
        let refetched = try await Crawler(probe: probe, database: db, day: day).run()
        #expect(refetched.unchanged == 0 && refetched.fetched >= 47)
        #expect(refetched.newPublications == 0 && refetched.changedPublications == 0)
        #expect(try db.publications().count == 37 && db.publications().allSatisfy { $0.versionCount == 1 })
        // The release's hashes (FNV-1a of the whole JSON) were compared the old way once and
        // rewritten in today's form: the next full crawl compares those and still finds nothing changed.
        #expect(try Self.contentHashes(db).allSatisfy { $0.hasPrefix("x") && $0.utf8.count == 17 })
        try db.clearHTTPCache()
        let again = try await Crawler(probe: probe, database: db, day: day).run()
        #expect(again.fetched >= 47 && again.newPublications == 0 && again.changedPublications == 0)
    }

    /// The stored content hash of every publication.
    private static func contentHashes(_ db: AppDatabase) throws -> [String] {
        try db.writer.read { try String.fetchAll($0, sql: "SELECT content_hash FROM publication") }
    }

    /// Processes that open one database at the same moment (the daemon starting while an
    /// operator runs an export) migrate it once between them: none stops with "table …
    /// already exists". Four openers at once on a new file and on the oldest fixture, a few
    /// rounds each (openers in one process race as processes do: each has its own connections).
    @Test func openersAtTheSameMomentMigrateOnce() throws {
        for round in 0..<6 {
            let path =
                round % 2 == 0
                ? FileManager.default.temporaryDirectory.appendingPathComponent("migrate-\(UUID().uuidString)/new.sqlite")
                : try Self.copy(of: "v5-demo.sqlite")
            defer { try? FileManager.default.removeItem(at: path.deletingLastPathComponent()) }
            let errors = Mutex<[String]>([])
            let publications = Mutex<[Int]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do {
                    let db = try AppDatabase(path: path.path)
                    let count = try db.counts()["publication"] ?? -1
                    publications.withLock { $0.append(count) }
                } catch {
                    errors.withLock { $0.append("\(error)") }
                }
            }
            #expect(errors.withLock { $0 }.isEmpty, "round \(round)")
            #expect(Set(publications.withLock { $0 }) == [round % 2 == 0 ? 0 : 37], "round \(round)")
        }
    }

    /// A new database is made with 16 KiB pages (a stored page version fits in one); a
    /// released one keeps the pages it was made with, as SQLite cannot change them in WAL mode.
    @Test func aNewDatabaseHasLargePagesAndAReleasedOneKeepsItsOwn() throws {
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-\(UUID().uuidString)/new.sqlite")
        let old = try Self.copy(of: "v10-demo.sqlite")
        defer {
            try? FileManager.default.removeItem(at: fresh.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: old.deletingLastPathComponent())
        }
        func pageSize(_ url: URL) throws -> Int? {
            try AppDatabase(path: url.path).writer.read { try Int.fetchOne($0, sql: "PRAGMA page_size") }
        }
        #expect(try pageSize(fresh) == 16384)
        #expect(try pageSize(old) == 4096)
    }

    /// A copy of the fixture `name` as `govwatch.sqlite` in a new temporary directory.
    static func copy(of name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let copy = dir.appendingPathComponent("govwatch.sqlite")
        try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: copy)
        return copy
    }

    /// The demo portal on 127.0.0.1:8780, waiting a little when another test holds the port.
    static func demoPortalOnItsPort() async throws -> SiteServer {
        for _ in 0..<50 {
            if let server = try? SiteServer(pages: DemoPortal.pages(), port: 8780), (try? await server.start()) != nil {
                return server
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw CancellationError()
    }
}
