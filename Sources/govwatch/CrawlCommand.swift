import ArgumentParser
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchStore

/// `govwatch crawl`: one crawl of every probe of a directory.
struct CrawlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crawl", abstract: "Crawl every probe once and store what was found.")

    @Option(help: "Directory of probe files (*.yaml).") var probes: String
    @Option(help: "SQLite database file.") var db: String
    @Flag(help: "Fetch every page in full, without conditional GETs (after a parser upgrade, say).")
    var refetch = false

    func run() async throws {
        let loaded = try loadProbes(probes)
        let database = try AppDatabase(path: db)
        if refetch { try database.clearHTTPCache() }
        for probe in loaded {
            let summary = try await Crawler(probe: probe, database: database).run()
            print(summaryLine(probe: probe, summary))
        }
    }
}

/// Loads probes; a `ConfigError` ends the command with its file, line and message.
func loadProbes(_ directory: String) throws -> [Probe] {
    try ProbeLoader.loadDirectory(directory)
}

/// One line per crawl: pages fetched / unchanged / failed / parsed, bytes, time.
func summaryLine(probe: Probe, _ s: CrawlSummary) -> String {
    let rate = s.seconds > 0 ? Double(s.fetched + s.unchanged + s.failed) / s.seconds : 0
    return """
        \(probe.id): fetched \(s.fetched), unchanged \(s.unchanged), failed \(s.failed), parsed \(s.parsed); \
        publications new \(s.newPublications), changed \(s.changedPublications); \
        attachments read \(s.attachmentsRead), reused \(s.attachmentsReused); \
        \(String(format: "%.1f", Double(s.bytes) / 1_048_576)) MB in \(String(format: "%.2f", s.seconds)) s \
        (\(Int(rate)) pages/s)
        """
}
