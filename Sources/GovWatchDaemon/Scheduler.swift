import Foundation
import GovWatchCore

/// The scheduler's view of time, injected so that tests drive it.
public protocol SchedulerClock: Sendable {
    /// Unix seconds.
    func now() -> Double
    /// Returns at `deadline` or when the task is cancelled (throwing).
    func sleep(until deadline: Double) async throws
}

/// Wall-clock time.
public struct SystemClock: SchedulerClock {
    public init() {}
    public func now() -> Double { Date().timeIntervalSince1970 }
    public func sleep(until deadline: Double) async throws {
        let seconds = deadline - now()
        if seconds > 0 { try await Task.sleep(nanoseconds: UInt64(seconds * 1e9)) }
    }
}

/// When runs happen: pure functions of the schedule, the clock and the last run.
public enum RunPlan {
    /// The next scheduled time after `after`, plus a jitter in `0..<jitterSeconds` that is
    /// stable for a probe and a slot (so a restart does not move it) and spreads probes apart.
    public static func next(schedule: Cadence, after: Double, jitterSeconds: Int, probeID: String) -> Double? {
        switch schedule {
        case .every(let seconds):
            return after + seconds
        case .cron(let cron):
            guard let slot = cron.next(after: LocalMinute(unixSeconds: after)) else { return nil }
            return slot.unixSeconds + jitter(probeID: probeID, slot: slot, max: jitterSeconds)
        }
    }

    public static func jitter(probeID: String, slot: LocalMinute, max: Int) -> Double {
        guard max > 0 else { return 0 }
        let h = Fingerprint.of([probeID, String(slot.value)])
        return Double(UInt64(h, radix: 16)! % UInt64(max))
    }

    /// True when a slot passed since the last run started (or there never was a run): one
    /// run at start makes up for it, however many slots were missed.
    public static func needsCatchUp(schedule: Cadence, lastRun: Double?, now: Double) -> Bool {
        switch schedule {
        case .every(let seconds):
            return lastRun.map { now - $0 >= seconds } ?? true
        case .cron(let cron):
            guard let previous = cron.previous(atOrBefore: LocalMinute(unixSeconds: now)) else { return false }
            guard let lastRun else { return true }
            return lastRun < previous.unixSeconds
        }
    }
}

/// What the scheduler knows of one probe.
public struct ProbeSchedule: Sendable, Codable, Equatable {
    public var probeID: String
    public var schedule: String
    public var nextRun: Double?
    public var running: Bool
    public var lastStarted: Double?
    public var lastFinished: Double?
    public var lastOutcome: String?
    public var skippedOverlaps: Int
}

/// Runs each probe on its cron schedule: jitter, never two runs of the same probe at once,
/// at most `concurrency` probes at once, and one catch-up run at start for a missed slot.
public actor Scheduler {
    public typealias Runner = @Sendable (Probe) async -> String

    private struct Entry {
        var probe: Probe
        var schedule: Cadence
        var state: ProbeSchedule
    }

    private let clock: any SchedulerClock
    private let jitterSeconds: Int
    private let concurrency: Int
    private let runner: Runner
    private let maxSleep: Double
    private var entries: [String: Entry] = [:]
    private var order: [String] = []
    private var running: [String: Task<Void, Never>] = [:]
    private var accepting = true
    /// The last time the loop went round, for the watchdog.
    public private(set) var heartbeat: Double
    private var wake: CheckedContinuation<Void, Never>?
    /// Counts sleeps, so that a sleeper that outlives its sleep cannot wake a later one.
    private var sleeps = 0

    /// - Parameter maxSleep: the loop wakes at least this often (the watchdog's heartbeat).
    public init(clock: any SchedulerClock, jitterSeconds: Int, concurrency: Int, maxSleep: Double = 5, runner: @escaping Runner) {
        self.clock = clock
        self.jitterSeconds = jitterSeconds
        self.concurrency = max(1, concurrency)
        self.runner = runner
        self.maxSleep = maxSleep
        heartbeat = clock.now()
    }

    /// Sets the probes to run; `lastRuns` (probe id → start of its last run) decides catch-up,
    /// and `redo` names probes whose last run was interrupted. Probes kept across a reload
    /// keep their next time when their schedule did not change.
    public func setProbes(_ probes: [(Probe, Cadence)], lastRuns: [String: Double], redo: Set<String> = []) {
        let now = clock.now()
        var next: [String: Entry] = [:]
        for (probe, schedule) in probes {
            if var old = entries[probe.id], old.schedule == schedule {
                old.probe = probe
                next[probe.id] = old
                continue
            }
            let catchUp = redo.contains(probe.id)
                || RunPlan.needsCatchUp(schedule: schedule, lastRun: lastRuns[probe.id], now: now)
            let at = catchUp ? now : RunPlan.next(schedule: schedule, after: now, jitterSeconds: jitterSeconds, probeID: probe.id)
            next[probe.id] = Entry(
                probe: probe, schedule: schedule,
                state: ProbeSchedule(
                    probeID: probe.id, schedule: schedule.description, nextRun: at, running: running[probe.id] != nil,
                    lastStarted: lastRuns[probe.id], lastFinished: nil, lastOutcome: nil, skippedOverlaps: 0))
        }
        entries = next
        order = probes.map(\.0.id)
        wake?.resume()
        wake = nil
    }

    /// Loops until the task is cancelled or `stop` is called.
    public func run() async {
        while accepting && !Task.isCancelled {
            let now = clock.now()
            heartbeat = now
            startDue(now: now)
            // A due probe waiting for a free place is woken by `finished`, not by the clock.
            let full = running.count >= concurrency
            let soonest = entries.values.compactMap { e -> Double? in
                guard let t = e.state.nextRun, !(full && t <= now && !e.state.running) else { return nil }
                return t
            }.min() ?? now + maxSleep
            let until = min(soonest, now + maxSleep)
            if until > now {
                do {
                    try await sleepOrWake(until: until)
                } catch {
                    break
                }
            }
        }
    }

    /// Stops starting runs; returns once the runs in flight have finished.
    public func stop() async {
        accepting = false
        wake?.resume()
        wake = nil
        for task in running.values { await task.value }
    }

    public var inFlight: [String] { running.keys.sorted() }

    public func snapshot() -> [ProbeSchedule] { order.compactMap { entries[$0]?.state } }

    private func startDue(now: Double) {
        for id in order {
            guard var entry = entries[id], let at = entry.state.nextRun, at <= now else { continue }
            if running[id] != nil {
                entry.state.skippedOverlaps += 1  // the previous run is still going: no overlap
            } else if running.count >= concurrency {
                continue  // wait for a free place; the slot is kept
            } else {
                entry.state.running = true
                entry.state.lastStarted = now
                let probe = entry.probe
                running[id] = Task { [runner] in
                    let outcome = await runner(probe)
                    self.finished(id, outcome: outcome)
                }
            }
            if case .every = entry.schedule, running[id] != nil {
                entry.state.nextRun = nil  // an interval counts from the end of the run: see `finished`
            } else {
                entry.state.nextRun = RunPlan.next(schedule: entry.schedule, after: now, jitterSeconds: jitterSeconds, probeID: id)
            }
            entries[id] = entry
        }
    }

    private func finished(_ id: String, outcome: String) {
        let now = clock.now()
        running[id] = nil
        entries[id]?.state.running = false
        entries[id]?.state.lastFinished = now
        entries[id]?.state.lastOutcome = outcome
        if let entry = entries[id], case .every = entry.schedule {
            entries[id]?.state.nextRun = RunPlan.next(schedule: entry.schedule, after: now, jitterSeconds: 0, probeID: id)
        }
        wake?.resume()
        wake = nil
    }

    /// Sleeps until `until`, or until a run finishes or the probes change.
    ///
    /// The sleeper of a sleep cut short by a wake-up ends later; it must not wake the sleep
    /// after it, or each wake-up would start a chain of them: the loop would spin and leave a
    /// pending timer per turn (hundreds of MB until they fire).
    private func sleepOrWake(until: Double) async throws {
        sleeps += 1
        let this = sleeps
        let clock = self.clock
        let sleeper = Task { try await clock.sleep(until: until) }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            wake = c
            Task {
                _ = try? await sleeper.value
                self.wakeUp(sleep: this)
            }
        }
        sleeper.cancel()
        try Task.checkCancellation()
    }

    private func wakeUp(sleep: Int) {
        guard sleep == sleeps else { return }
        wake?.resume()
        wake = nil
    }

    /// Turns of the run loop so far (for tests: an idle scheduler turns once per sleep).
    public var turns: Int { sleeps }
}
