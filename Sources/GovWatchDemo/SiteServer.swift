import FlyingFox
import GovWatchCore
import Foundation
import Synchronization

/// A page the site serves.
public struct SitePage: Sendable {
    public var body: [UInt8]
    public var contentType: String
    public var lastModified: String

    public init(body: [UInt8], contentType: String, lastModified: String = "Mon, 02 Nov 2026 08:00:00 GMT") {
        self.body = body
        self.contentType = contentType
        self.lastModified = lastModified
    }

    /// A strong ETag from the body's bytes.
    var etag: String { "\"\(String(FNV1a.hex(body).drop { $0 == "0" }))\"" }
}

/// An in-process web site on 127.0.0.1 (FlyingFox): static pages with ETag and
/// Last-Modified, conditional GETs answered with 304, and custom handlers for faults.
///
/// It serves the embedded demo portal and the crawl tests' fixture sites; pages can be
/// changed while it runs, as a real site changes between two crawls.
public final class SiteServer: Sendable {
    private let state = SiteState()
    private let server: HTTPServer
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)

    /// Creates a server for `pages` (path → page) listening on `127.0.0.1:port` (0: any free port).
    public init(pages: [String: SitePage], port: UInt16 = 0) throws {
        let state = self.state
        state.pages.withLock { $0 = pages }
        server = HTTPServer(
            address: try .inet(ip4: "127.0.0.1", port: port), timeout: 30, logger: .disabled,
            handler: ClosureHTTPHandler { request in
                state.hits.withLock { $0[request.path, default: 0] += 1 }
                if let custom = state.handlers.withLock({ $0[request.path] }) { return try await custom(request) }
                guard let page = state.pages.withLock({ $0[request.path] }) else {
                    return HTTPResponse(
                        statusCode: .notFound, headers: [.contentType: "text/html"], body: Data("<h1>404</h1>".utf8))
                }
                return SiteServer.respond(page, to: request)
            })
    }

    /// Starts listening; returns once the socket is bound.
    public func start() async throws {
        let server = self.server
        task.withLock {
            $0 = Task { try? await server.run() }
        }
        try await server.waitUntilListening(timeout: 10)
    }

    public func stop() async {
        await server.stop(timeout: 1)
        task.withLock { $0?.cancel() }
    }

    /// The bound port.
    public var port: UInt16 {
        get async {
            if case .ip4(_, let port) = await server.listeningAddress { return port }
            return 0
        }
    }

    /// `http://127.0.0.1:PORT`.
    public var origin: String {
        get async { "http://127.0.0.1:\(await port)" }
    }

    /// Adds or replaces a page.
    public func setPage(_ path: String, _ page: SitePage) {
        state.pages.withLock { $0[path] = page }
    }

    /// Removes a page (it then answers 404).
    public func removePage(_ path: String) {
        _ = state.pages.withLock { $0.removeValue(forKey: path) }
    }

    /// Answers `path` with a handler of the caller's (faults, redirects, slow responses).
    public func route(_ path: String, _ handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        state.handlers.withLock { $0[path] = handler }
    }

    /// How many requests `path` has received.
    public func hitCount(_ path: String) -> Int { state.hits.withLock { $0[path, default: 0] } }

    /// The response to a request for `page`: 200 with validators, or 304 when they match.
    public static func respond(_ page: SitePage, to request: HTTPRequest) -> HTTPResponse {
        let etag = page.etag
        var headers: HTTPHeaders = [.contentType: page.contentType, .eTag: etag, .lastModified: page.lastModified]
        let inm = request.headers[.ifNoneMatch]
        let ims = request.headers[HTTPHeader("If-Modified-Since")]
        if inm == etag || (inm == nil && ims == page.lastModified) {
            headers[.contentType] = nil
            return HTTPResponse(statusCode: .notModified, headers: headers)
        }
        return HTTPResponse(statusCode: .ok, headers: headers, body: Data(page.body))
    }
}

/// The mutable state the server's handler shares with its owner.
private final class SiteState: Sendable {
    let pages = Mutex<[String: SitePage]>([:])
    let handlers = Mutex<[String: @Sendable (HTTPRequest) async throws -> HTTPResponse]>([:])
    /// Requests served, by path (for tests that count conditional GETs).
    let hits = Mutex<[String: Int]>([:])
}
