import ArgumentParser
import GovWatchDaemon

/// `govwatch validate DIR`: checks probe files without crawling.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check the probe files of a directory; report the first error by file and line.")

    @Argument(help: "Directory of probe files (*.yaml).") var directory: String

    func run() throws {
        for probe in try loadProbes(directory) {
            print(
                "\(probe.sourceFile): probe \(probe.id) OK — \(probe.units.count) units, \(probe.columns.count) columns, \(probe.feeds.count) feeds"
            )
        }
    }
}
