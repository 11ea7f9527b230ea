import Foundation
import GovWatchCore
import GovWatchDaemon
import Synchronization
import Testing

/// A clock the test moves by hand; sleepers wake when it passes their deadline.
final class ManualClock: SchedulerClock {
    private struct State {
        var now: Double
        var sleepers: [(deadline: Double, id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
        var nextID = 0
    }
    private let state: Mutex<State>

    init(now: Double) { state = Mutex(State(now: now)) }

    func now() -> Double { state.withLock { $0.now } }

    func advance(by seconds: Double) {
        let due = state.withLock { s -> [CheckedContinuation<Void, any Error>] in
            s.now += seconds
            let due = s.sleepers.filter { $0.deadline <= s.now }.map(\.continuation)
            s.sleepers.removeAll { $0.deadline <= s.now }
            return due
        }
        due.forEach { $0.resume() }
    }

    func sleep(until deadline: Double) async throws {
        let id = state.withLock { s -> Int in
            s.nextID += 1
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { s -> Bool in
                    if deadline <= s.now || Task.isCancelled { return true }
                    s.sleepers.append((deadline, id, c))
                    return false
                }
                if resumeNow { c.resume() }
            }
        } onCancel: {
            let c = state.withLock { s -> CheckedContinuation<Void, any Error>? in
                guard let i = s.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return s.sleepers.remove(at: i).continuation
            }
            c?.resume(throwing: CancellationError())
        }
    }
}

/// Counts runs per probe; with `hold`, each run waits for a permit from `release()`.
final class RunLog: Sendable {
    private struct Gate {
        var permits = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let counts = Mutex<[String: Int]>([:])
    private let gate = Mutex(Gate())
    let hold: Bool

    init(hold: Bool = false) { self.hold = hold }

    func run(_ probe: Probe) async -> String {
        counts.withLock { $0[probe.id, default: 0] += 1 }
        if hold {
            await withCheckedContinuation { c in
                let go = gate.withLock { g -> Bool in
                    if g.permits > 0 {
                        g.permits -= 1
                        return true
                    }
                    g.waiting.append(c)
                    return false
                }
                if go { c.resume() }
            }
        }
        return "ok"
    }

    func count(_ id: String) -> Int { counts.withLock { $0[id, default: 0] } }

    /// Lets one held run (now or the next one) finish.
    func release() {
        let c = gate.withLock { g -> CheckedContinuation<Void, Never>? in
            if g.waiting.isEmpty {
                g.permits += 1
                return nil
            }
            return g.waiting.removeFirst()
        }
        c?.resume()
    }
}

/// Polls a condition for up to two seconds of real time.
func eventually(_ condition: () async -> Bool) async -> Bool {
    for _ in 0..<200 {
        if await condition() { return true }
        try? await Task.sleep(nanoseconds: 10_000_000)
    }
    return false
}

@Suite struct SchedulerTests {
    static let start = 1_795_478_400.0 + 30 * 60  // 2026-11-24 08:30 in Shanghai
    func probe(_ id: String) -> Probe { Probe(id: id, name: id, base: "http://127.0.0.1/", hosts: [], homepage: "http://127.0.0.1/") }

    @Test func jitterStaysInsideItsBoundAndIsStable() throws {
        let hourly = Cadence.cron(try CronSchedule("0 * * * *"))
        for id in ["a", "b", "c", "d"] {
            let t = try #require(RunPlan.next(schedule: hourly, after: Self.start, jitterSeconds: 300, probeID: id))
            #expect(t >= Self.start + 30 * 60 && t < Self.start + 30 * 60 + 300)
            #expect(RunPlan.next(schedule: hourly, after: Self.start, jitterSeconds: 300, probeID: id) == t)
        }
        #expect(RunPlan.next(schedule: hourly, after: Self.start, jitterSeconds: 0, probeID: "a") == Self.start + 30 * 60)
    }

    @Test func aMissedSlotRunsOnceAtStartNotOncePerSlot() async throws {
        let clock = ManualClock(now: Self.start)
        let log = RunLog()
        let scheduler = Scheduler(clock: clock, jitterSeconds: 0, concurrency: 2, maxSleep: 3600) { await log.run($0) }
        // The last run was ten hours ago: ten hourly slots were missed.
        await scheduler.setProbes([(probe("p"), Cadence.cron(try CronSchedule("0 * * * *")))], lastRuns: ["p": Self.start - 10 * 3600])
        let loop = Task { await scheduler.run() }
        #expect(await eventually { log.count("p") == 1 })
        clock.advance(by: 20 * 60)  // 08:50
        try await Task.sleep(nanoseconds: 50_000_000)
        #expect(log.count("p") == 1)
        clock.advance(by: 10 * 60)  // 09:00
        #expect(await eventually { log.count("p") == 2 })
        loop.cancel()
        await scheduler.stop()
    }

    @Test func anIdleLoopDoesNotTurnAfterARunWakesIt() async throws {
        // A run finishing wakes the loop early; the sleeper of that cut-short sleep must not
        // wake the next sleep too (a chain that once spun the loop and piled up timers).
        let clock = ManualClock(now: Self.start)
        let log = RunLog()
        let scheduler = Scheduler(clock: clock, jitterSeconds: 0, concurrency: 2, maxSleep: 3600) { await log.run($0) }
        await scheduler.setProbes([(probe("p"), Cadence.every(seconds: 3600))], lastRuns: [:])
        let loop = Task { await scheduler.run() }
        #expect(await eventually { log.count("p") == 1 })
        try await Task.sleep(nanoseconds: 100_000_000)
        let turns = await scheduler.turns
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(await scheduler.turns == turns)
        #expect(turns < 10)
        loop.cancel()
        await scheduler.stop()
    }

    @Test func noCatchUpWhenTheLastSlotRan() async throws {
        let clock = ManualClock(now: Self.start)
        let log = RunLog()
        let scheduler = Scheduler(clock: clock, jitterSeconds: 0, concurrency: 2, maxSleep: 3600) { await log.run($0) }
        await scheduler.setProbes([(probe("p"), Cadence.cron(try CronSchedule("0 * * * *")))], lastRuns: ["p": Self.start - 20 * 60])
        let loop = Task { await scheduler.run() }
        try await Task.sleep(nanoseconds: 50_000_000)
        #expect(log.count("p") == 0)
        #expect(await scheduler.snapshot().first?.nextRun == Self.start + 30 * 60)
        loop.cancel()
        await scheduler.stop()
    }

    @Test func anIntervalCadenceRunsEveryNSeconds() async throws {
        let clock = ManualClock(now: Self.start)
        let log = RunLog()
        let scheduler = Scheduler(clock: clock, jitterSeconds: 300, concurrency: 1, maxSleep: 3600) { await log.run($0) }
        await scheduler.setProbes([(probe("p"), .every(seconds: 30))], lastRuns: ["p": Self.start - 10])
        let loop = Task { await scheduler.run() }
        try await Task.sleep(nanoseconds: 50_000_000)
        #expect(log.count("p") == 0)
        clock.advance(by: 30)
        #expect(await eventually { log.count("p") == 1 })
        // The next run counts from the end of this one.
        #expect(await eventually { await scheduler.snapshot().first?.nextRun == Self.start + 60 })
        clock.advance(by: 30)
        #expect(await eventually { log.count("p") == 2 })
        loop.cancel()
        await scheduler.stop()
    }

    @Test func aProbeNeverRunsTwiceAtOnce() async throws {
        let clock = ManualClock(now: Self.start)
        let log = RunLog(hold: true)
        let scheduler = Scheduler(clock: clock, jitterSeconds: 0, concurrency: 4, maxSleep: 3600) { await log.run($0) }
        await scheduler.setProbes([(probe("p"), Cadence.cron(try CronSchedule("* * * * *")))], lastRuns: [:])
        let loop = Task { await scheduler.run() }
        #expect(await eventually { log.count("p") == 1 })
        for minute in 1...3 {
            clock.advance(by: 60)
            // Each slot that comes while the run is still going is skipped, not queued.
            #expect(await eventually { await scheduler.snapshot().first?.skippedOverlaps == minute })
        }
        #expect(log.count("p") == 1)
        log.release()
        #expect(await eventually { await scheduler.snapshot().first?.running == false })
        clock.advance(by: 60)
        #expect(await eventually { log.count("p") == 2 })
        log.release()
        loop.cancel()
        await scheduler.stop()
    }

    @Test func theGlobalLimitHoldsProbesBack() async throws {
        let clock = ManualClock(now: Self.start)
        let log = RunLog(hold: true)
        let scheduler = Scheduler(clock: clock, jitterSeconds: 0, concurrency: 1, maxSleep: 3600) { await log.run($0) }
        let s = Cadence.cron(try CronSchedule("0 * * * *"))
        await scheduler.setProbes([(probe("a"), s), (probe("b"), s)], lastRuns: [:])  // both due now
        let loop = Task { await scheduler.run() }
        #expect(await eventually { log.count("a") == 1 })
        try await Task.sleep(nanoseconds: 50_000_000)
        #expect(log.count("b") == 0)
        log.release()
        #expect(await eventually { log.count("b") == 1 })
        log.release()
        loop.cancel()
        await scheduler.stop()
    }
}

@Suite struct NoteSummaryTests {
    @Test func notesAreGroupedByRule() {
        let notes = (1...3).map { "late-disclosure: p\($0) not checked" } + ["stale-guide: g could not be reached; not judged"]
        #expect(NoteSummary.lines(notes) == [
            "late-disclosure: 3 notes, e.g. late-disclosure: p1 not checked", "stale-guide: g could not be reached; not judged",
        ])
    }
}
