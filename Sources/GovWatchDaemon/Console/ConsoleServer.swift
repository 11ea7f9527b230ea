import FlyingFox
import Foundation
import GovWatchStore

/// The console alone on its own listener (`govwatch console`): for reading a database copy
/// or an archived year without running the daemon. Serves until the process is stopped.
public enum ConsoleServer {
    public static func serve(settings: DaemonSettings, database: AppDatabase, host: String, port: UInt16) async throws {
        let console = Console(
            context: ConsoleContext(
                database: database, settings: { settings }, schedules: { [] }, loopback: DaemonConfig.isLoopback(host)))
        try await server(console, host: host, port: port).run()
    }

    /// A listener that answers `/ui/…` with `console` and sends `/` there; port 0 picks a free one.
    public static func server(_ console: Console, host: String, port: UInt16) throws -> HTTPServer {
        HTTPServer(
            address: try .inet(ip4: host == "localhost" ? "127.0.0.1" : host, port: port), timeout: 10, logger: .disabled,
            handler: ClosureHTTPHandler { request in
                if request.path == "/" { return HTTPResponse(statusCode: .seeOther, headers: [HTTPHeader("Location"): "/ui/"]) }
                return await console.respond(request)
            })
    }
}

/// Adds a console user to a daemon config file's text, keeping its comments and layout.
public enum ConsoleUsersFile {
    /// The text with `user` appended to `console.users` (the `console:` block is added when
    /// missing). The result is parsed before it is returned, so a file it cannot edit is an error,
    /// not a broken config.
    public static func adding(_ user: ConsoleUser, to text: String, file: String) throws -> String {
        let existing = try DaemonConfig.parse(text, file: file)
        guard !existing.console.users.contains(where: { $0.name == user.name }) else {
            throw ConfigError(file: file, line: 1, key: "console.users", message: "user \(user.name) exists; remove its entry to set a new password")
        }
        let entry = "{ name: \(quoted(user.name)), role: \(user.role.rawValue), password_hash: '\(user.passwordHash)' }"
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        if let c = lines.firstIndex(where: { $0.hasPrefix("console:") }) {
            let blockEnd = lines[(c + 1)...].firstIndex { !$0.isEmpty && !$0.hasPrefix(" ") && !$0.hasPrefix("#") } ?? lines.count
            if let u = lines[(c + 1)..<blockEnd].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("users:") }) {
                let indent = String(lines[u].prefix { $0 == " " })
                if lines[u].trimmingCharacters(in: .whitespaces) == "users: []" {
                    lines[u] = indent + "users:"
                }
                let itemsEnd = lines[(u + 1)..<blockEnd].firstIndex {
                    let t = $0.trimmingCharacters(in: .whitespaces)
                    return !t.isEmpty && !t.hasPrefix("-") && !t.hasPrefix("#") && $0.prefix { $0 == " " }.count <= indent.count
                } ?? blockEnd
                lines.insert(indent + "  - " + entry, at: itemsEnd)
            } else {
                lines.insert(contentsOf: ["  users:", "    - " + entry], at: c + 1)
            }
        } else {
            lines += ["console:", "  users:", "    - " + entry]
        }
        let result = lines.joined(separator: "\n") + "\n"
        let parsed = try DaemonConfig.parse(result, file: file)
        guard parsed.console.users.contains(user) else {
            throw ConfigError(file: file, line: 1, key: "console.users", message: "could not add the user to this file's console block; add it by hand")
        }
        return result
    }

    private static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
}
