import Foundation
import GovWatchCore
import GovWatchReport
import GovWatchStore

/// What the daemon runs with; replaced as a whole on a valid reload.
public struct DaemonSettings: Sendable {
    public var config: DaemonConfig
    public var probes: [Probe]
    public var calendar: WorkdayCalendar
    public var rubric: Rubric
    public var templates: Templates

    public init(config: DaemonConfig, probes: [Probe], calendar: WorkdayCalendar, rubric: Rubric, templates: Templates) {
        self.config = config
        self.probes = probes
        self.calendar = calendar
        self.rubric = rubric
        self.templates = templates
    }

    /// Loads and validates everything a config names; throws the first error with its file and line.
    public static func load(config: DaemonConfig) throws -> DaemonSettings {
        let probes = try ProbeLoader.loadDirectory(config.probes)
        for p in probes {
            do {
                _ = try CronSchedule(p.schedule ?? config.defaultSchedule)
            } catch {
                throw ConfigError(file: p.sourceFile, line: 1, key: "probe.schedule", message: error.description)
            }
        }
        var calendar = WorkdayCalendar.china
        if let path = config.holidays {
            let text = try EditedFile.text(path)
            do {
                calendar = calendar.overlaid(with: try WorkdayCalendar.parse(tsv: text, file: path))
            } catch {
                throw ConfigError(file: error.file, line: error.line, key: "", message: error.message)
            }
        }
        return DaemonSettings(
            config: config, probes: probes, calendar: calendar, rubric: try RubricLoader.load(config.rubric),
            templates: try templates(config))
    }

    /// The config's templates: the shipped ones with the operator's replacements.
    public static func templates(_ config: DaemonConfig) throws -> Templates {
        do {
            return try Templates(directory: config.delivery.templates)
        } catch let error as TemplateError {
            throw ConfigError(file: error.file, line: 1, key: "delivery.templates", message: error.message)
        }
    }

    /// The post office these settings describe.
    public func postOffice(database: AppDatabase) -> PostOffice {
        PostOffice(
            database: database, settings: config.delivery, databasePath: config.database, calendar: calendar, rubric: rubric,
            templates: templates)
    }

    func schedules() -> [(Probe, Cadence)] {
        probes.map { p in
            (p, config.everySeconds.map { .every(seconds: $0) } ?? .cron(try! CronSchedule(p.schedule ?? config.defaultSchedule)))
        }
    }
}
