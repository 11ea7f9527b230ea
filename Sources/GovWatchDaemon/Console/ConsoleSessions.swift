import Foundation

/// One signed-in user: the cookie's token maps to it; forms carry its CSRF token.
struct ConsoleSession: Sendable {
    var user: String
    var role: ConsoleRole
    var expires: Double
    var csrf: String
}

/// The console's sessions and failed logins, in memory: a restart signs everybody out.
actor ConsoleSessions {
    /// Failed logins allowed in `window` seconds per user name, and per client address.
    static let maxPerUser = 5
    static let maxPerAddress = 20
    static let window = 15.0 * 60

    private var sessions: [String: ConsoleSession] = [:]
    private var failures: [String: [Double]] = [:]

    /// A new session for `user`; returns its cookie token.
    func start(user: String, role: ConsoleRole, now: Double, hours: Double) -> (token: String, session: ConsoleSession) {
        sessions = sessions.filter { $0.value.expires > now }
        let token = Self.randomToken()
        let session = ConsoleSession(user: user, role: role, expires: now + hours * 3600, csrf: Self.randomToken())
        sessions[token] = session
        return (token, session)
    }

    /// The live session of `token`, if any.
    func session(_ token: String, now: Double) -> ConsoleSession? {
        guard let s = sessions[token] else { return nil }
        guard s.expires > now else {
            sessions[token] = nil
            return nil
        }
        return s
    }

    func end(_ token: String) { sessions[token] = nil }

    /// Whether another login may be tried for this user name from this address.
    func mayTry(user: String, address: String, now: Double) -> Bool {
        recent("user:" + user, now) < Self.maxPerUser && recent("address:" + address, now) < Self.maxPerAddress
    }

    func failed(user: String, address: String, now: Double) {
        for key in ["user:" + user, "address:" + address] { failures[key] = (failures[key] ?? []).filter { $0 > now - Self.window } + [now] }
    }

    private func recent(_ key: String, _ now: Double) -> Int { (failures[key] ?? []).filter { $0 > now - Self.window }.count }

    /// 32 random bytes, hex.
    static func randomToken() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &g)) }.joined()
    }
}
