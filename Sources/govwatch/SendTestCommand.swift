import ArgumentParser
import Foundation
import GovWatchDaemon
import GovWatchDelivery
import GovWatchReport

/// `govwatch send-test`: sends a test message through one configured channel, at once.
struct SendTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-test", abstract: "Send a test message through a channel of the daemon config.")

    @Option(help: "Daemon config (YAML).") var config: String = "/etc/govwatch/govwatch.yaml"
    @Option(help: "Channel name (delivery.channels[].name; `outbox` is the spool directory).") var channel: String

    func run() async throws {
        let c = try DaemonConfig.load(config)
        let channels = c.delivery.channels(database: c.database)
        guard let target = channels.first(where: { $0.name == channel }) else {
            throw ValidationError("no channel '\(channel)' in \(config); channels: \(channels.map(\.name).joined(separator: ", "))")
        }
        let message = Messages.test(channel: channel, at: Date())
        let sender = makeChannel(target)
        do {
            try sender.send(message)
            print("sent a test message through \(target.name) (\(target.type.rawValue) \(target.directory ?? target.maskedURL))")
        } catch {
            throw ValidationError("sending through \(target.name) failed: \(error)")
        }
    }
}

/// `govwatch templates DIR`: the shipped templates, to edit and name in `delivery.templates`.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Write the shipped digest, notice and report templates (Mustache) into a directory, to edit.")

    @Argument(help: "Directory; existing files are kept.") var directory: String

    func run() throws {
        let written = try Templates.exportDefaults(to: directory)
        for path in written { print(path) }
        if written.isEmpty { print("nothing written: \(directory) already has every template") }
    }
}
