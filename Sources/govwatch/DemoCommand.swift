import ArgumentParser
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchDemo
import GovWatchReport
import GovWatchStore

/// `govwatch demo`: serves the embedded portal on 127.0.0.1, crawls it, and shows the result.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Crawl the embedded demo portal of 阿尔山市人民政府 and show what was found.")

    @Option(help: "Output directory (database, probe file).") var out: String = "./govwatch-demo"

    func run() async throws {
        let server = try await Self.startServer()
        let port = await server.port
        let probeFile = try DemoProbe.write(
            to: URL(fileURLWithPath: out).appendingPathComponent("probes"), origin: "http://127.0.0.1:\(port)")
        let dbPath = URL(fileURLWithPath: out).appendingPathComponent("govwatch.sqlite").path
        let probe = try ProbeLoader.loadFile(probeFile.path)
        let database = try AppDatabase(path: dbPath)

        print("Demo portal of \(PageTemplates.siteName) on http://127.0.0.1:\(port)/ — \(DemoPortal.pages().count) pages")
        let asOf = CivilDate(iso: DemoPortal.asOf)!
        let report = try await Checker(probe: probe, database: database).run(asOf: asOf)
        await server.stop()
        print(summaryLine(probe: probe, report.crawl!))

        let stored = try database.publications()
        print("\nPublications by unit:")
        for unit in probe.units {
            let mine = stored.filter { $0.publication.unitID == unit.id }
            let newest = mine.compactMap(\.publication.published).max()?.description ?? "—"
            print("  \(unit.fullName) (\(unit.id)): \(mine.count), newest \(newest)")
        }
        let failures = try database.runs().last.map { try database.fetches(runID: $0.id) }?
            .filter { $0.outcome != .ok && $0.outcome != .notModified } ?? []
        print("\nFetch errors: \(failures.count)")
        for f in failures { print("  \(f.outcome.rawValue) \(f.url) \(f.error ?? "")") }
        print("\nFindings as of \(asOf) (\(report.findings.count)):")
        print(FindingsTable.render(report.findings, units: probe.units), terminator: "")
        for note in report.notes { print("note: \(note)") }
        let evaluation = Evaluation(database: database, rubric: RubricLoader.standard())
        print("\nScores \(asOf.year) (\(evaluation.rubric.name)):")
        print(ScoreTable.summary(try evaluation.scores(period: asOf.year), rubric: evaluation.rubric, units: try database.units()), terminator: "")

        // What supervisors and units receive: notices for every unit with problems, the digest.
        var config = DaemonConfig()
        config.database = dbPath
        let settings = DaemonSettings(config: config, probes: [probe], calendar: .china, rubric: evaluation.rubric, templates: .standard)
        let office = settings.postOffice(database: database)
        let now = Date().timeIntervalSince1970
        let post = try office.afterCheck(report, day: asOf, now: now)
        let digest = try office.makeDigest(date: asOf, window: .everything, now: now)
        let round = try await office.deliver(now: now)
        for e in round.errors { print("delivery failed: \(e)") }
        let notices = try database.notices()
        print("\n整改通知书 (\(notices.count), \(post.noticesIssued.count) issued now), deadline \(settings.config.delivery.deadlineDays) working days:")
        let names = try database.units().fullNames
        for n in notices.reversed() {
            print("  #\(n.id) \(n.number) → \(names[n.unitID] ?? n.unitID)：问题\(n.items.count)个，期限 \(n.deadlineText)，\(n.status.label)")
        }
        let outbox = URL(fileURLWithPath: out).appendingPathComponent("outbox")
        print("\nDigest \(digest.date): \(digest.newCount) new findings, \(digest.scores.count) units scored")
        print("Outbox (\(outbox.path)):")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: outbox.path).sorted()) ?? []
        where name.hasPrefix("digest") && name.hasSuffix(".html") || name.hasSuffix(".docx") {
            print("  \(outbox.appendingPathComponent(name).path)")
        }

        // The evaluators' year-end pack: the 考评结果通报 and the print-ready workbook.
        let pack = try YearEndPack.write(
            evaluation, year: asOf.year, delivery: settings.config.delivery, templates: settings.templates, issuedOn: asOf,
            to: out)
        print("\nYear-end pack \(asOf.year) (考评结果通报, 考评工作簿):")
        for path in pack { print("  \(path)") }

        print("\nDatabase: \(dbPath)")
        let me = CommandLine.arguments[0]
        print("Try: \(me) findings --db \(dbPath)")
        print("     \(me) score --db \(dbPath) --year \(asOf.year)")
        print("     \(me) publications --db \(dbPath)")
        print("     \(me) notices --db \(dbPath)")
        print("     \(me) digest --db \(dbPath) --date \(asOf) --format html --out digest.html")
        print("     \(me) report year \(asOf.year) --db \(dbPath) --format html --out report.html")
    }

    /// The demo site on port 8780 (so that a second run sees the same URLs), else any free port.
    private static func startServer() async throws -> SiteServer {
        if let server = try? SiteServer(pages: DemoPortal.pages(), port: 8780), (try? await server.start()) != nil {
            return server
        }
        let server = try SiteServer(pages: DemoPortal.pages())
        try await server.start()
        return server
    }
}
