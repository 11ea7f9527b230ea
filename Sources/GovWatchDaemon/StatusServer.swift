import FlyingFox
import FlyingSocks
import Foundation
import GovWatchCore
import GovWatchStore
import ServiceLifecycle

/// `/healthz`, `/status` (JSON), `/metrics` (Prometheus text) and the console (`/ui/`) on the
/// listen address. Loopback by default; on any other address every request but the console's
/// needs `Authorization: Bearer TOKEN` (the console has its own login).
public final class StatusServer: Sendable {
    public static let version = "0.1.0"

    private let server: HTTPServer

    /// - Parameter calendar: the calendar in force (it changes on reload).
    public init(
        host: String, port: UInt16, token: String?, database: AppDatabase, scheduler: Scheduler, metrics: Metrics,
        calendar: @escaping @Sendable () -> WorkdayCalendar, console: Console
    ) throws {
        let started = Date()
        server = HTTPServer(
            address: try .inet(ip4: host == "localhost" ? "127.0.0.1" : host, port: port), timeout: 10, logger: .disabled,
            handler: ClosureHTTPHandler { request in
                if request.path == "/ui" || request.path.hasPrefix("/ui/") { return await console.respond(request) }
                if let token, !token.isEmpty, request.headers[.authorization] != "Bearer \(token)" {
                    return HTTPResponse(statusCode: .unauthorized, headers: [HTTPHeader("WWW-Authenticate"): "Bearer"], body: Data("unauthorized\n".utf8))
                }
                switch request.path {
                case "/healthz":
                    let beat = await scheduler.heartbeat
                    let healthy = Date().timeIntervalSince1970 - beat < 60
                    return HTTPResponse(statusCode: healthy ? .ok : .serviceUnavailable, body: Data((healthy ? "ok\n" : "stalled\n").utf8))
                case "/status":
                    let body = try StatusDocument(
                        version: Self.version, startedAt: started, probes: await scheduler.snapshot(),
                        gauges: try Metrics.Gauges.read(database, calendar: calendar())
                    ).encoded()
                    return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: body)
                case "/metrics":
                    let text = metrics.render(try Metrics.Gauges.read(database, calendar: calendar()), probes: await scheduler.snapshot())
                    return HTTPResponse(
                        statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: Data(text.utf8))
                default:
                    return HTTPResponse(statusCode: .notFound, body: Data("not found\n".utf8))
                }
            })
    }

    /// Serves until graceful shutdown (or cancellation), calling `onListening` once the socket
    /// listens; throws `DaemonError.cannotListen` with the address when it cannot be bound.
    func serve(address: String, onListening: @escaping @Sendable () async throws -> Void) async throws {
        let server = self.server
        let stopping = StopFlag()
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        try await server.run()  // ends with the bind error, or after stop()
                    } catch {
                        // After stop() the accept loop ends with "disconnected" or a cancellation.
                        if !stopping.isRaised { throw error }
                    }
                }
                group.addTask {
                    try await server.waitUntilListening(timeout: 5)
                    try await onListening()
                    try? await gracefulShutdown()
                    stopping.raise()
                    await server.stop(timeout: 1)
                }
                while try await group.next() != nil {}  // the first error cancels the other task
            }
        } catch SocketError.failed(let call, _, let message) {
            throw DaemonError.cannotListen(address: address, reason: "\(call): \(message)")
        } catch SocketError.timeout {
            throw DaemonError.cannotListen(address: address, reason: "not listening after 5 s")
        }
    }
}

/// The `/status` document.
public struct StatusDocument: Codable, Sendable {
    public struct ProbeStatus: Codable, Sendable {
        public var id: String
        public var schedule: String
        public var running: Bool
        public var next_run: String?
        public var last_started: String?
        public var last_finished: String?
        public var last_outcome: String?
    }

    public var version: String
    public var started_at: String
    public var probes: [ProbeStatus]
    /// Open findings per unit.
    public var open_findings: [String: Int]
    /// Rectification notices by status.
    public var notices: [String: Int]
    /// Queued messages by status; `failed` ones were given up and need an operator.
    public var deliveries: [String: Int]
    /// Official and provisional years of the working-day calendar.
    public var calendar: CalendarStatus
    /// Open requests near their deadline (申请即将到期), e.g. `申请即将到期：申请（编号2026-007）答复期限为…`.
    public var requests_due_soon: [String]
    /// Homepage samples of the last 7 days per probe, with the share that loaded in time.
    public var availability_7d: [String: Availability]

    public struct Availability: Codable, Sendable {
        public var samples: Int
        public var failed: Int
        public var available_share: Double
    }

    init(version: String, startedAt: Date, probes: [ProbeSchedule], gauges: Metrics.Gauges) {
        let f = ISO8601DateFormatter()
        func iso(_ t: Double?) -> String? { t.map { f.string(from: Date(timeIntervalSince1970: $0)) } }
        self.version = version
        started_at = f.string(from: startedAt)
        self.probes = probes.map {
            ProbeStatus(
                id: $0.probeID, schedule: $0.schedule, running: $0.running, next_run: iso($0.nextRun),
                last_started: iso($0.lastStarted), last_finished: iso($0.lastFinished), last_outcome: $0.lastOutcome)
        }
        open_findings = gauges.openFindings.reduce(into: [:]) { $0[$1.unit, default: 0] += $1.count }
        notices = Dictionary(uniqueKeysWithValues: gauges.notices.map { ($0.key.rawValue, $0.value) })
        deliveries = Dictionary(uniqueKeysWithValues: gauges.deliveries.map { ($0.key.rawValue, $0.value) })
        calendar = gauges.calendar
        requests_due_soon = gauges.requestsDueSoon
        availability_7d = gauges.availability.mapValues {
            Availability(samples: $0.samples, failed: $0.failed, available_share: 1 - $0.failedShare)
        }
    }

    func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(self)
    }
}
