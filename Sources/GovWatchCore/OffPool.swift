import Foundation

/// Runs blocking work — SQLite writes that may wait for a crawl's transaction, libcurl
/// transfers, tools, CPU-heavy rule runs — on a thread of its own, never on Swift's
/// cooperative pool.
///
/// The pool has one thread per core: two calls that block on it (a store write waiting
/// for the crawl's transaction while another one does the same) leave no thread for the
/// scheduler, the signal handlers or the watchdog, and the daemon stops answering.
public enum OffPool {
    /// `work` on a new thread; the caller suspends until it returns or throws.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// `work` that cannot fail, on a new thread.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
