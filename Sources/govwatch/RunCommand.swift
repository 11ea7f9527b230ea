import ArgumentParser
import Foundation
import GovWatchDaemon
import GovWatchStore
import Logging

/// `govwatch run`: the daemon, as systemd starts it.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the daemon: scheduled checks, status endpoint, sd_notify, SIGHUP reload.")

    @Option(help: "Daemon config (YAML).") var config: String = "/etc/govwatch/govwatch.yaml"
    @Option(help: "Override the config's database path.") var db: String?
    @Option(help: "Override the config's probe directory.") var probes: String?
    @Option(help: "Override the config's listen address (host:port).") var listen: String?

    func run() async throws {
        LoggingSystem.bootstrap { JournalLogHandler(label: $0) }
        let logger = Logger(label: "govwatch")
        let load: @Sendable () throws -> DaemonSettings = { [config, db, probes, listen] in
            var c = try DaemonConfig.load(config)
            if let db { c.database = db }
            if let probes { c.probes = probes }
            if let listen { c.listen = listen }
            try c.validate()
            return try DaemonSettings.load(config: c)
        }
        let settings = try load()
        let lock = try InstanceLock(database: settings.config.database)
        let database = try AppDatabase(path: settings.config.database)
        let interrupted = try database.markInterruptedRuns()
        if !interrupted.isEmpty {
            logger.warning("runs interrupted by the last stop are redone now", metadata: ["probes": "\(interrupted.joined(separator: ","))"])
        }
        let daemon = Daemon(settings: settings, database: database, reload: load, redo: Set(interrupted), logger: logger)
        try await daemon.run()
        withExtendedLifetime(lock) {}
    }
}
