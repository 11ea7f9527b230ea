import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Serialises opening and migrating one database between processes.
///
/// GRDB's migrator reads the applied migrations before it opens each migration's
/// transaction, so two processes that open a new or older database at the same moment (the
/// daemon starting while an operator runs `govwatch export`) can both run the same
/// migration, and the loser stops with "table … already exists". Holding an exclusive
/// `flock` on the database's directory for the migration makes the second process wait and
/// then find nothing left to do. The lock is on the directory, not on the database file:
/// closing any descriptor of the database file would drop SQLite's own POSIX locks on it.
enum MigrationLock {
    /// Runs `body` while holding the lock of `directory`; runs it unlocked where the
    /// directory cannot be opened for reading (the migrator's transactions still apply).
    static func holding<T>(directory: String, _ body: () throws -> T) throws -> T {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { return try body() }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
