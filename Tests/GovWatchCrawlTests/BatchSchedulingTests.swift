import Foundation
import Testing

@testable import GovWatchDaemon

#if os(Linux)
    import Glibc

    /// A crawl's threads take the batch policy; a policy the operator chose is kept.
    @Suite struct BatchSchedulingTests {
        /// The policy of a new thread that runs `body` first.
        private static func policy(onANewThreadAfter body: @escaping @Sendable () -> Void) async -> Int32 {
            await withCheckedContinuation { continuation in
                Thread {
                    body()
                    continuation.resume(returning: sched_getscheduler(0))
                }.start()
            }
        }

        /// Puts the calling thread under `policy`.
        private static func set(_ policy: Int32) {
            var parameters = sched_param(sched_priority: 0)
            #expect(sched_setscheduler(0, policy, &parameters) == 0)
        }

        @Test func aThreadUnderTheNormalPolicyTakesTheBatchOne() async {
            let policy = await Self.policy {
                Self.set(SCHED_OTHER)
                BatchScheduling.adopt()
            }
            #expect(policy == BatchScheduling.batchPolicy)
        }

        @Test func anIdlePolicyIsKept() async {
            let idle: Int32 = 5  // SCHED_IDLE, declared only under _GNU_SOURCE
            let policy = await Self.policy {
                Self.set(idle)
                BatchScheduling.adopt()
            }
            #expect(policy == idle)
        }

        @Test func theParseThreadsRunUnderTheBatchPolicy() {
            let pool = WorkerPool<Int, Int32>(threads: 2, work: { _ in sched_getscheduler(0) }, onOutput: {})
            for i in 0..<4 { pool.submit(i) }
            pool.close()
            #expect(pool.drain() == Array(repeating: BatchScheduling.batchPolicy, count: 4))
        }
    }
#endif
