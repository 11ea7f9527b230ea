import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import GovWatchStore
import Testing

/// Databases written by released schemas (`Tests/Fixtures/databases/`, each the demo's
/// database as that release's `govwatch demo` left it) open with today's code, migrate, and
/// every table reads back. Shipped migrations are never edited: a new schema is a new
/// migration and a new fixture here.
@Suite struct MigrationTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/databases")

    static let fixtures: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".sqlite") }.sorted()
    }()

    @Test func thereIsAFixtureOfTheCurrentSchema() {
        #expect(Self.fixtures.contains("v5-demo.sqlite"), "\(Self.fixtures)")
    }

    @Test(arguments: fixtures)
    func aReleasedDatabaseOpensMigratesAndReads(name: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("govwatch.sqlite")
        try FileManager.default.copyItem(at: Self.folder.appendingPathComponent(name), to: copy)
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
        #expect(run.status == .completed && fetches.count == 47)
        let probe = try ProbeLoader.parse(DemoProbe.yaml, file: "demo.yaml")
        let world = try db.world(for: probe, approvals: nil)
        #expect(world.publications.count == 37 && world.listings.values.flatMap { $0 }.count == counts["listing_page"])
        #expect(world.listings.values.flatMap { $0 }.contains { !$0.pageURLs(limit: 100).isEmpty })
    }
}
