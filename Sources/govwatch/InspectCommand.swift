import ArgumentParser
import Foundation
import GovWatchCore
import GovWatchDaemon
import GovWatchExtract

/// `govwatch inspect`: what govwatch reads from one page, for operators adding a site.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what govwatch reads from one page, feed or attachment.",
        discussion: """
            A URL is fetched once with the crawl's fetcher and scope rules (with --probe, the probe's hosts, \
            crawl settings and parse: overrides; without, the URL's own host). A FILE is a saved page; its \
            charset comes from its <meta>. An attachment FILE (PDF, Word, Excel, WPS, OpenDocument, RTF, \
            ZIP; by its bytes) shows its parts, its extraction note and what the leak rule finds, masked.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "An http(s) URL, or a saved HTML page or feed file.") var target: String
    @Option(help: "A probe file: its hosts, crawl settings and parse: overrides apply.") var probe: String?
    @Option(help: "Output: text or json.") var format: Format = .text
    @Option(name: .customLong("as"), help: "Read as: auto, article, listing, homepage or feed.") var mode: String = "auto"
    @Option(help: "For a FILE: the URL it was saved from (links resolve against it).") var url: String?

    func run() throws {
        guard let mode = Inspector.Mode(rawValue: mode) else {
            throw ValidationError("--as takes one of \(Inspector.Mode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let loaded = try probe.map { try ProbeLoader.loadFile($0) }
        let inspection: Inspection
        if target.hasPrefix("http://") || target.hasPrefix("https://") {
            do {
                inspection = try Inspector.fetch(target, probe: loaded, mode: mode)
            } catch {
                throw ValidationError("\(error)")
            }
        } else {
            guard let data = FileManager.default.contents(atPath: target) else { throw ValidationError("cannot read \(target)") }
            let name = URL(fileURLWithPath: target).lastPathComponent
            if mode == .auto, ![.text, .unknown].contains(AttachmentFormat.of(data, name: name)) {
                let a = AttachmentInspection(data, name: name, asOf: ShanghaiClock.today())
                print(format == .json ? try jsonText(a) : a.text, terminator: format == .json ? "\n" : "")
                return
            }
            let base = url ?? loaded.map { $0.base + URL(fileURLWithPath: target).lastPathComponent }
                ?? "http://saved.invalid/" + URL(fileURLWithPath: target).lastPathComponent
            inspection = Inspector.inspect(Array(data), url: base, probe: loaded, mode: mode)
        }
        print(format == .json ? try Inspector.json(inspection) : Inspector.text(inspection), terminator: "")
    }
}
