import Foundation

/// sd_notify(3) without libsystemd: one datagram to `$NOTIFY_SOCKET` per state change.
/// A leading `@` in the socket path is the abstract namespace. Outside systemd (no
/// `NOTIFY_SOCKET`), every call does nothing.
public struct SystemdNotifier: Sendable {
    private let path: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        path = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        watchdogInterval = environment["WATCHDOG_USEC"].flatMap(Double.init).map { $0 / 1_000_000 }
    }

    /// `WATCHDOG_USEC` in seconds, when systemd asks for keep-alive pings.
    public let watchdogInterval: Double?

    public var isActive: Bool { path != nil }

    /// Sends `state` (e.g. `READY=1\nSTATUS=…`); returns false when the datagram could not be sent.
    @discardableResult
    public func notify(_ state: String) -> Bool {
        guard let path else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }  // abstract namespace
        let capacity = MemoryLayout.size(ofValue: addr.sun_path)
        guard bytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (bytes.first == 0 ? 0 : 1))
        let message = Array(state.utf8)
        let sent = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                message.withUnsafeBytes { sendto(fd, $0.baseAddress, message.count, 0, sa, length) }
            }
        }
        return sent == message.count
    }
}
