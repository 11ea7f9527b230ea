import Foundation
import FoundationNetworking
import Synchronization

/// The `govwatch` binary of this build, started as systemd would start it.
final class DaemonProcess: Sendable {
    static let binary: URL = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/govwatch")
    }()

    let process: Process
    private let output = OutputBuffer()

    init(arguments: [String], environment: [String: String] = [:]) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw HarnessError("no binary at \(Self.binary.path): run `swift build --product govwatch` (make test does)")
        }
        process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env.removeValue(forKey: "WATCHDOG_USEC")
        process.environment = env.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        output.collect(from: pipe.fileHandleForReading)
    }

    var log: String { String(decoding: output.data.withLock { $0 }, as: UTF8.self) }

    func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Waits for the process to end; nil if it is still running after `seconds`.
    func exitCode(within seconds: Double) async -> Int32? {
        for _ in 0..<Int(seconds * 20) {
            if !process.isRunning { return process.terminationStatus }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}

/// Output collected from a child process as it arrives.
final class OutputBuffer: Sendable {
    let data = Mutex(Data())

    /// Reads `handle` to its end on a thread of its own, with blocking reads.
    ///
    /// Not `readabilityHandler`: that arms a libdispatch read source, and tearing such sources
    /// down while others are set up crashes the test process on Linux (SIGSEGV in
    /// `_dispatch_event_loop_drain`, swift-corelibs-libdispatch#949); CI met it once. A
    /// blocking read never registers the descriptor with libdispatch's event loop.
    func collect(from handle: FileHandle) {
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 16_384)
            while true {
                let n = read(handle.fileDescriptor, &buffer, buffer.count)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                data.withLock { $0.append(contentsOf: buffer[..<n]) }
            }
            try? handle.close()
        }
        thread.start()
    }
}

/// A datagram socket standing in for systemd's `NOTIFY_SOCKET`.
final class NotifySocket: Sendable {
    let path: String
    private let fd: Int32
    private let messages = Mutex<[String]>([])

    init(directory: URL) throws {
        path = directory.appendingPathComponent("notify.sock").path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &addr.sun_path) { $0.copyBytes(from: bytes) }
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard ok == 0 else { throw HarnessError("cannot bind \(path)") }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Every message received so far.
    var received: [String] {
        drain()
        return messages.withLock { $0 }
    }

    /// Waits until a received message satisfies `match`; returns how many did by then.
    func wait(for seconds: Double, _ match: (String) -> Bool) async -> Int {
        for _ in 0..<Int(seconds * 10) {
            drain()
            let n = messages.withLock { $0.filter(match).count }
            if n > 0 { return n }
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
        return 0
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            guard n > 0 else { return }
            let text = String(decoding: buffer.prefix(n), as: UTF8.self)
            messages.withLock { $0.append(text) }
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A TCP port on 127.0.0.1 that nothing listens on right now.
func freePort() -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
    return UInt16(bigEndian: addr.sin_port)
}

/// A GET to the daemon's status endpoint on 127.0.0.1.
func httpGet(_ port: UInt16, _ path: String, headers: [String] = []) async throws -> (status: Int, body: String) {
    let (data, response) = try await URLSession.shared.data(for: {
        var r = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        for h in headers {
            let parts = h.split(separator: ":", maxSplits: 1)
            r.setValue(parts[1].trimmingCharacters(in: .whitespaces), forHTTPHeaderField: String(parts[0]))
        }
        return r
    }())
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
}
