import Foundation
import GovWatchCore

/// A few threads that run `work` on submitted inputs, handing outputs back in any order.
///
/// The crawl thread submits fetched bodies and drains parsed results whenever `onOutput`
/// tells its mailbox that one is ready. `close` waits for the threads to finish, so no
/// output arrives after it returns.
final class WorkerPool<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Submitted inputs not yet taken.
    private var inputs = JobQueue<Input>()
    private var outputs: [Output] = []
    private var closed = false
    private var running = 0
    private let work: @Sendable (Input) -> Output
    private let onOutput: @Sendable () -> Void

    init(threads: Int, work: @escaping @Sendable (Input) -> Output, onOutput: @escaping @Sendable () -> Void) {
        self.work = work
        self.onOutput = onOutput
        running = max(1, threads)
        for _ in 0..<running {
            let thread = Thread { [self] in loop() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Queues `input`; an `ahead` one is taken before those submitted without.
    func submit(_ input: Input, ahead: Bool = false) {
        condition.lock()
        inputs.append(input, ahead: ahead)
        condition.signal()
        condition.unlock()
    }

    /// The outputs finished since the last call.
    func drain() -> [Output] {
        condition.lock()
        defer { condition.unlock() }
        let out = outputs
        outputs.removeAll(keepingCapacity: true)
        return out
    }

    /// Stops the threads once the inputs already submitted are done, and waits for them.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func loop() {
        BatchScheduling.adopt()
        condition.lock()
        while true {
            while inputs.isEmpty && !closed { condition.wait() }
            guard let input = inputs.popFirst() else {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.unlock()
            let output = work(input)
            condition.lock()
            outputs.append(output)
            onOutput()
        }
    }
}
