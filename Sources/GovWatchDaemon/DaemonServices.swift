import ServiceLifecycle
import UnixSignals

// The daemon's parts as `Service`s of one `ServiceGroup` (built in `Daemon.run`). A service
// returns only when its own graceful shutdown comes (or the group is cancelled): one that ended
// by itself would stop the whole group as a failure.

/// The status endpoint; once it listens, scheduling starts and systemd hears `READY=1`.
struct StatusService: Service {
    let server: StatusServer
    /// The config's `listen`, for the error when it cannot be bound.
    let address: String
    let onListening: @Sendable () async throws -> Void

    func run() async throws {
        try await server.serve(address: address, onListening: onListening)
    }
}

/// `WATCHDOG=1` while the scheduler loop goes round (only when systemd set `WATCHDOG_USEC`).
struct WatchdogService: Service {
    let daemon: Daemon
    let interval: Double

    func run() async {
        await cancelWhenGracefulShutdown { [daemon, interval] in await daemon.watchdog(interval: interval) }
    }
}

/// Homepage availability samples, each probe on its own cadence, apart from crawls.
struct AvailabilityService: Service {
    let daemon: Daemon

    func run() async {
        await cancelWhenGracefulShutdown { [daemon] in await daemon.sampleAvailability() }
    }
}

/// Digests and deliveries.
struct PostService: Service {
    let daemon: Daemon

    func run() async {
        await cancelWhenGracefulShutdown { [daemon] in await daemon.post() }
    }
}

/// SIGHUP: reload the configuration.
struct ReloadService: Service {
    let daemon: Daemon
    /// Trapped before `READY=1`: systemd may send a HUP as soon as the daemon is ready.
    let hangups: UnixSignalsSequence

    func run() async {
        await cancelWhenGracefulShutdown { [daemon, hangups] in
            for await _ in hangups { await daemon.reload() }
        }
    }
}

/// The scheduled checks. At shutdown it stops starting checks and waits for those in flight.
struct SchedulerService: Service {
    let daemon: Daemon

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [daemon] in await daemon.scheduler.run() }
            try? await gracefulShutdown()  // or the group was cancelled: stop all the same
            await daemon.shutDown()
        }
    }
}
