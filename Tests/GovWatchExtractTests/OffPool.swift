import Foundation

/// Runs blocking work (an extractor waiting on its tool) on a thread of its own, as the crawl's
/// parse threads do: never on Swift's cooperative pool, which the in-process test servers of
/// the other suites need (two threads on two cores).
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
