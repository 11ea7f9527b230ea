import Foundation
import GovWatchCore
import GovWatchReport
import GovWatchStore
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// The long-running daemon: a `ServiceGroup` of the status endpoint, the watchdog, the post
/// loop, the SIGHUP reloader and the scheduler (see `DaemonServices.swift`). SIGTERM or SIGINT
/// shuts them down in reverse order: the scheduler first (its checks get the grace time, and a
/// stop never leaves half a crawl in the database), the status endpoint last. A service that
/// fails (the listen address cannot be bound) stops the daemon with its error.
public final class Daemon: Sendable {
    private let settings: Mutex<DaemonSettings>
    private let reloadSettings: @Sendable () throws -> DaemonSettings
    private let database: AppDatabase
    private let notifier: SystemdNotifier
    private let metrics = Metrics()
    private let stop = StopFlag()
    /// Set at SIGTERM: the scheduler loop no longer turns, the watchdog is fed all the same.
    private let stopping = StopFlag()
    private let logger: Logger
    private let clock: any SchedulerClock
    let scheduler: Scheduler
    private let redo: Set<String>
    /// Probes whose homepage is being sampled.
    private let sampling = Mutex(Set<String>())
    /// Checks in progress: the last one to finish frees the store's caches.
    private let checksRunning = Mutex(0)

    /// - Parameters:
    ///   - reload: re-reads the config and probes on SIGHUP.
    ///   - redo: probes whose last run was interrupted (crash, kill -9): they run at once.
    public init(
        settings: DaemonSettings, database: AppDatabase, reload: @escaping @Sendable () throws -> DaemonSettings,
        redo: Set<String>, logger: Logger, notifier: SystemdNotifier = SystemdNotifier(), clock: any SchedulerClock = SystemClock()
    ) {
        self.settings = Mutex(settings)
        reloadSettings = reload
        self.database = database
        self.notifier = notifier
        self.logger = logger
        self.clock = clock
        self.redo = redo
        let heartbeat = min(5, (notifier.watchdogInterval ?? 10) / 4)
        let box = RunnerBox()
        scheduler = Scheduler(
            clock: clock, jitterSeconds: settings.config.jitterSeconds, concurrency: settings.config.concurrency,
            maxSleep: heartbeat, runner: { probe in await box.daemon?.check(probe) ?? "skipped" })
        box.daemon = self
    }

    /// Runs until SIGTERM or SIGINT (returns) or until a service fails (throws its error).
    public func run() async throws {
        MemoryTrim.fixThresholds()
        let hangups = await UnixSignalsSequence(trapping: .sighup)  // before READY=1, or a HUP would kill us
        let current = settings.withLock { $0 }
        guard let (host, port) = current.config.listenHostPort else {
            throw DaemonError.cannotListen(address: current.config.listen, reason: "expected host:port")
        }
        let status = try StatusServer(
            host: host, port: port, token: current.config.statusToken, database: database, scheduler: scheduler, metrics: metrics,
            calendar: { self.settings.withLock { $0.calendar } },
            console: Console(
                context: ConsoleContext(
                    database: database, settings: { self.settings.withLock { $0 } }, schedules: { [scheduler] in await scheduler.snapshot() },
                    loopback: DaemonConfig.isLoopback(host), now: { [clock] in clock.now() })))
        var services: [any Service] = [StatusService(server: status, address: current.config.listen, onListening: started)]
        if let interval = notifier.watchdogInterval { services.append(WatchdogService(daemon: self, interval: interval)) }
        services += [
            PostService(daemon: self), ReloadService(daemon: self, hangups: hangups), AvailabilityService(daemon: self),
            SchedulerService(daemon: self),
        ]
        var configuration = ServiceGroupConfiguration(
            services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(current.config.shutdownGraceSeconds + 10)
        do {
            try await ServiceGroup(configuration: configuration).run()
        } catch {
            logger.critical("govwatch stopped: \(error)")
            throw error
        }
        logger.info("govwatch stopped")
    }

    /// The status endpoint listens: scheduling starts and systemd is told the daemon is ready.
    private func started() async throws {
        let current = settings.withLock { $0 }
        await scheduler.setProbes(current.schedules(), lastRuns: try lastRuns(), redo: redo)
        logger.info(
            "govwatch started",
            metadata: ["probes": "\(current.probes.count)", "listen": "\(current.config.listen)", "database": "\(current.config.database)"])
        notifier.notify("READY=1\nSTATUS=\(await statusLine())")
        warnAboutCalendar()
    }

    /// Samples every probe's homepage on its own cadence until cancelled; a probe added by a
    /// reload is picked up within a few seconds, one removed or disabled stops.
    func sampleAvailability() async {
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let probes = settings.withLock { $0.probes }.filter(\.availability.enabled)
                for probe in probes where sampling.withLock({ $0.insert(probe.id).inserted }) {
                    group.addTask { [self] in
                        await sampleLoop(probe.id)
                        _ = self.sampling.withLock { $0.remove(probe.id) }
                    }
                }
                try? await Task.sleep(for: .seconds(5))
            }
        }
    }

    /// One probe's samples, for as long as the probe is configured and sampled.
    private func sampleLoop(_ id: String) async {
        while !Task.isCancelled {
            guard let probe = settings.withLock({ $0.probes.first { $0.id == id } }), probe.availability.enabled else { return }
            let started = clock.now()
            let sample = await OffPool.run { HomepageSampler.sample(probe, at: started) }
            metrics.recordSample(probe: id, ok: sample.ok, seconds: sample.seconds)
            do {
                let database = self.database
                try await OffPool.run { try database.record(sample) }
            } catch {
                logger.error("availability sample not stored: \(error)", metadata: ["probe": "\(id)"])
            }
            if !sample.ok {
                logger.notice(
                    "homepage not available",
                    metadata: ["probe": "\(id)", "outcome": "\(sample.outcome)", "status": "\(sample.status)"])
            }
            let wait = probe.availability.everySeconds - (clock.now() - started)
            try? await Task.sleep(for: .seconds(max(0.05, wait)))
        }
    }

    /// A check ends its hold on memory. The last check running frees SQLite's caches (allocated
    /// amid the check's transient heap, they would pin its pages), then the free heap goes back
    /// to the system: resident memory between checks stays the working set, check after check.
    private func settle() async {
        let last = checksRunning.withLock { count in
            count -= 1
            return count == 0
        }
        let database = self.database
        await OffPool.run {
            if last { database.releaseMemory() }
            MemoryTrim.release()
        }
    }

    /// One scheduled check; returns its outcome for the status page.
    fileprivate func check(_ probe: Probe) async -> String {
        let s = settings.withLock { $0 }
        let started = clock.now()
        checksRunning.withLock { $0 += 1 }
        do {
            let today = ShanghaiClock.today(now: Date(timeIntervalSince1970: started))
            let report = try await Checker(probe: probe, database: database, calendar: s.calendar, rubric: s.rubric)
                .run(asOf: today, stop: stop)
            let seconds = clock.now() - started
            logger.info(
                "check finished",
                metadata: [
                    "probe": "\(probe.id)", "seconds": "\(String(format: "%.1f", seconds))",
                    "fetched": "\(report.crawl?.fetched ?? 0)", "unchanged": "\(report.crawl?.unchanged ?? 0)",
                    "failed": "\(report.crawl?.failed ?? 0)", "findings": "\(report.findings.count)",
                    "new": "\(report.reconcile.new)", "resolved": "\(report.reconcile.resolved)",
                ])
            for line in NoteSummary.lines(report.notes) { logger.warning("\(line)", metadata: ["probe": "\(probe.id)"]) }
            do {
                let office = s.postOffice(database: database)
                let now = clock.now()
                let post = try await OffPool.run { try office.afterCheck(report, day: today, now: now) }
                if post != PostSummary() {
                    logger.info(
                        "alerts and notices queued",
                        metadata: [
                            "probe": "\(probe.id)", "alerts": "\(post.alerts)", "issued": "\(post.noticesIssued.joined(separator: ","))",
                            "rectified": "\(post.rectified)", "overdue": "\(post.overdue)",
                            "deadlines_changed": "\(post.deadlinesChanged)",
                        ])
                }
            } catch {
                logger.error("alerts and notices failed: \(error)", metadata: ["probe": "\(probe.id)"])
            }
            await settle()  // before the run is counted, so that memory read after it is the working set
            metrics.recordRun(probe: probe.id, outcome: "ok", seconds: seconds, crawl: report.crawl)
            notifier.notify("STATUS=\(await statusLine(justFinished: (probe.id, "ok")))")
            return "ok"
        } catch is CancellationError {
            await settle()
            metrics.recordRun(probe: probe.id, outcome: "abandoned", seconds: clock.now() - started, crawl: nil)
            logger.notice("check abandoned at shutdown; it runs again at the next start", metadata: ["probe": "\(probe.id)"])
            return "abandoned"
        } catch {
            await settle()
            metrics.recordRun(probe: probe.id, outcome: "failed", seconds: clock.now() - started, crawl: nil)
            logger.error("check failed: \(error)", metadata: ["probe": "\(probe.id)"])
            return "failed"
        }
    }

    /// SIGHUP: a valid new config takes effect for the next runs; an invalid one is logged
    /// with its file and line, and the old one stays in force.
    func reload() async {
        notifier.notify("RELOADING=1")
        do {
            let next = try reloadSettings()
            let old = settings.withLock { $0.config }
            if next.config.database != old.database || next.config.listen != old.listen {
                logger.warning("database and listen changes take effect at the next restart")
            }
            settings.withLock { $0 = next }
            await scheduler.setProbes(next.schedules(), lastRuns: try lastRuns())
            logger.notice("configuration reloaded", metadata: ["probes": "\(next.probes.count)"])
        } catch {
            logger.error("reload refused, the previous configuration stays in force: \(error)")
        }
        notifier.notify("READY=1\nSTATUS=\(await statusLine())")
    }

    /// Stops starting checks and waits for the ones in flight; after the grace time they are
    /// told to stop (they end at their next page and are redone at the next start).
    func shutDown() async {
        notifier.notify("STOPPING=1")
        stopping.raise()
        let grace = settings.withLock { $0.config.shutdownGraceSeconds }
        let inFlight = await scheduler.inFlight
        if !inFlight.isEmpty {
            logger.notice("stopping: waiting up to \(Int(grace)) s for \(inFlight.joined(separator: ", "))")
        }
        let stop = self.stop
        let timer = Task {
            try await Task.sleep(nanoseconds: UInt64(grace * 1e9))
            stop.raise()
        }
        await scheduler.stop()
        timer.cancel()
    }

    /// From 1 November, when the next year has no official holiday data: a warning at start
    /// and once a day (the notice appears in November or later; deadlines stay provisional
    /// until it is imported).
    private func warnAboutCalendar() {
        let calendar = settings.withLock { $0.calendar }
        if let warning = CalendarWatch.warning(calendar, today: ShanghaiClock.day(unixSeconds: clock.now())) {
            logger.warning("\(warning)")
        }
    }

    /// The digest at its time, the delivery of queued messages every few seconds, and the
    /// daily calendar warning; until cancelled.
    func post() async {
        var warnedOn = ShanghaiClock.day(unixSeconds: clock.now())
        while !Task.isCancelled {
            let office = settings.withLock { $0 }.postOffice(database: database)
            let now = clock.now()
            if ShanghaiClock.day(unixSeconds: now) != warnedOn {
                warnedOn = ShanghaiClock.day(unixSeconds: now)
                warnAboutCalendar()
            }
            do {
                let today = ShanghaiClock.day(unixSeconds: now)
                if let digest = try await OffPool.run({ try office.digestIfDue(now: now, today: today) }) {
                    logger.info("digest made", metadata: ["date": "\(digest.date)", "new": "\(digest.newCount)"])
                }
                let round = try await office.deliver(now: now)
                for line in round.errors { logger.warning("delivery failed: \(line)") }
                if round.sent > 0 { logger.info("delivered", metadata: ["messages": "\(round.sent)"]) }
                metrics.recordDeliveries(sent: round.sent, failed: round.errors.count)
            } catch {
                logger.error("delivery round failed: \(error)")
            }
            do {
                try await clock.sleep(until: now + 5)
            } catch {
                return
            }
        }
    }

    /// `WATCHDOG=1` at half of `WATCHDOG_USEC`, only while the scheduler loop goes round;
    /// until cancelled.
    func watchdog(interval: Double) async {
        let every = interval / 2
        let slack = max(3 * min(5, interval / 4), every)
        while !Task.isCancelled {
            do {
                try await Task.sleep(nanoseconds: UInt64(every * 1e9))
            } catch {
                return
            }
            let age = clock.now() - (await scheduler.heartbeat)
            if age <= slack || stopping.isRaised {
                notifier.notify("WATCHDOG=1")
            } else {
                logger.error("scheduler loop stalled for \(Int(age)) s: not feeding the watchdog")
            }
        }
    }

    private func lastRuns() throws -> [String: Double] {
        try database.latestRuns().mapValues { $0.started.timeIntervalSince1970 }
    }

    /// `last: PROBE MM-dd HH:mm OUTCOME; next: PROBE MM-dd HH:mm` for systemctl status.
    /// - Parameter justFinished: a run that finished but is not in the scheduler's record yet.
    private func statusLine(justFinished: (probe: String, outcome: String)? = nil) async -> String {
        let probes = await scheduler.snapshot()
        let f = DateFormatter()
        f.dateFormat = "MM-dd HH:mm"
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        let recorded = probes.filter { $0.lastFinished != nil }.max { $0.lastFinished! < $1.lastFinished! }
            .map { ($0.probeID, $0.lastFinished!, $0.lastOutcome ?? "") }
        let last = justFinished.map { ($0.probe, clock.now(), $0.outcome) } ?? recorded
        let next = probes.filter { $0.nextRun != nil }.min { $0.nextRun! < $1.nextRun! }
        var parts: [String] = []
        if let last { parts.append("last: \(last.0) \(f.string(from: Date(timeIntervalSince1970: last.1))) \(last.2)") }
        if let next { parts.append("next: \(next.probeID) \(f.string(from: Date(timeIntervalSince1970: next.nextRun!)))") }
        let missing = CalendarWatch.missingYears(settings.withLock { $0.calendar }, today: ShanghaiClock.day(unixSeconds: clock.now()))
        if !missing.isEmpty { parts.append("holidays \(missing.map(String.init).joined(separator: ", ")) provisional: import the notice") }
        return parts.isEmpty ? "\(probes.count) probes" : parts.joined(separator: "; ")
    }
}

/// Lets the scheduler's runner reach the daemon that owns the scheduler.
private final class RunnerBox: @unchecked Sendable {
    weak var daemon: Daemon?
}
