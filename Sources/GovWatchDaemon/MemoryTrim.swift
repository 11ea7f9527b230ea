import Foundation

/// glibc's `malloc_trim(0)`: returns the free heap to the system after a check, so the
/// daemon's resident memory between runs is its working set, not its high-water mark.
/// Looked up at run time (glibc extensions Swift's Glibc module does not import); does
/// nothing where they are missing.
enum MemoryTrim {
    private typealias Trim = @convention(c) (Int) -> Int32
    private typealias Option = @convention(c) (Int32, Int32) -> Int32

    private static let trim: Trim? = symbol("malloc_trim").map { unsafeBitCast($0, to: Trim.self) }
    private static let mallopt: Option? = symbol("mallopt").map { unsafeBitCast($0, to: Option.self) }

    /// Fixes glibc's trim threshold at its default, 128 KiB. Left dynamic, glibc raises it to
    /// twice the largest block it ever served by `mmap` (tens of MB after a check), and the
    /// top of a thread arena below that size is never handed back: `malloc_trim` releases
    /// free blocks, not an arena's top. Fixing it also fixes the mmap threshold at 128 KiB.
    static func fixThresholds() {
        let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD in <malloc.h>
        _ = mallopt?(trimThreshold, 128 * 1024)
    }

    static func release() { _ = trim?(0) }

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), name)
    }
}
