import Foundation
import Yams

/// Who may use the console, and how.
public enum ConsoleRole: String, Sendable, Hashable, CaseIterable {
    /// 督查：reads every page.
    case supervisor
    /// 考评：reads, and records manual deductions and written reports.
    case evaluator

    /// The Chinese word shown in the page header.
    public var label: String { self == .supervisor ? "督查（只读）" : "考评" }
}

/// One console user from the daemon config; only the Argon2id hash of the password is kept.
public struct ConsoleUser: Sendable, Hashable {
    public var name: String
    public var role: ConsoleRole
    public var passwordHash: String

    public init(name: String, role: ConsoleRole, passwordHash: String) {
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
    }
}

/// `console:` in the daemon config.
public struct ConsoleSettings: Sendable, Hashable {
    public var users: [ConsoleUser] = []
    /// A session ends this long after login.
    public var sessionHours = 8.0
    /// Adds `Secure` to the session cookie; set it when a TLS proxy fronts the listener.
    public var secureCookie = false

    public init() {}

    static func parse(_ node: Node, reader: YAMLReader) throws -> ConsoleSettings {
        let m = try reader.mapping(node, "console", allowed: ["users", "session_hours", "secure_cookie"])
        var s = ConsoleSettings()
        if let v = m["session_hours"] { s.sessionHours = try reader.double(v.value, "console.session_hours") }
        if let v = m["secure_cookie"] { s.secureCookie = try reader.bool(v.value, "console.secure_cookie") }
        for entry in try m["users"].map({ try reader.list($0.value, "console.users") }) ?? [] {
            let u = try reader.mapping(entry, "console.users", allowed: ["name", "role", "password_hash"])
            guard let name = u["name"], let role = u["role"], let hash = u["password_hash"] else {
                throw reader.error(entry, "console.users", "each user needs name, role and password_hash")
            }
            let user = ConsoleUser(
                name: try reader.string(name.value, "console.users.name"),
                role: try reader.choice(role.value, "console.users.role", ConsoleRole.self),
                passwordHash: try reader.string(hash.value, "console.users.password_hash"))
            guard PasswordHash.isValid(user.passwordHash) else {
                throw reader.error(hash.value, "console.users.password_hash", "not an Argon2id hash; make one with govwatch user add")
            }
            guard !s.users.contains(where: { $0.name == user.name }) else {
                throw reader.error(name.value, "console.users.name", "user \(user.name) appears twice")
            }
            s.users.append(user)
        }
        return s
    }
}
