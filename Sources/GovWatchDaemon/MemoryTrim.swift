import Foundation

/// glibc's `malloc_trim(0)`: returns the free heap to the system after a check, so the
/// daemon's resident memory between runs is its working set, not its high-water mark.
/// Looked up at run time (it is a glibc extension Swift's Glibc module does not import);
/// does nothing where it is missing.
enum MemoryTrim {
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let trim: Trim? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
    }()

    static func release() { _ = trim?(0) }
}
