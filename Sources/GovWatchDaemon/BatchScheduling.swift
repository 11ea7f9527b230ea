#if canImport(Glibc)
    import Glibc
#endif

/// A crawl's threads (crawl, fetch, parse) run under Linux's `SCHED_BATCH` policy: a thread
/// woken by another (a response posted, a body submitted, a parse finished) does not preempt
/// the one running, it waits for its turn and then finds several items ready. On two cores
/// with four crawl threads and the web server, the normal policy preempted on nearly every
/// hand-off: a cold crawl of the 10,000-page portal made 37,000 context switches, with
/// batch about 10,000 and 4–6 % less CPU. Nothing else changes: the nice value stays and
/// the status server and the scheduler keep the normal policy. Under systemd the unit's
/// system-call filter denies `sched_setscheduler` (EPERM, ignored here); the unit sets
/// `CPUSchedulingPolicy=batch` for the service instead, which this then leaves as it is.
enum BatchScheduling {
    /// `SCHED_BATCH` of `<linux/sched.h>` (glibc declares it only under `_GNU_SOURCE`).
    static let batchPolicy: Int32 = 3

    /// Puts the calling thread under `SCHED_BATCH` if it is under the normal policy (a
    /// real-time or idle policy an operator chose is kept). Call it on threads the crawl owns.
    static func adopt() {
        #if os(Linux)
            guard sched_getscheduler(0) == SCHED_OTHER else { return }
            var parameters = sched_param(sched_priority: 0)
            // Allowed to any thread; if it were refused, the crawl runs as before.
            _ = sched_setscheduler(0, batchPolicy, &parameters)
        #endif
    }
}
