import Foundation

/// One daemon per database: an exclusive `flock` on `DB.lock`, held for the process's life
/// and released by the kernel when it dies, even by `kill -9`.
public final class InstanceLock: Sendable {
    private let fd: Int32
    public let path: String

    public struct Held: Error, CustomStringConvertible {
        public var path: String
        public var owner: String
        public var description: String {
            "another govwatch (pid \(owner)) is already running on this database (lock \(path)); stop it first"
        }
    }

    public init(database: String) throws {
        path = database + ".lock"
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = read(fd, &buffer, 31)
            close(fd)
            throw Held(path: path, owner: String(decoding: buffer.prefix(max(0, n)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, pid.count, 0) }
        self.fd = fd
    }

    deinit { close(fd) }
}
