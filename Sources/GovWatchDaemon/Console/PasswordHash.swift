import CArgon2
import Foundation

/// Console passwords as Argon2id hashes in the PHC string format (`$argon2id$v=19$m=…`),
/// through the reference library (Debian's libargon2). The hash carries its own cost, so
/// raising the cost later leaves older hashes valid.
public enum PasswordHash {
    /// OWASP's recommended minimum for Argon2id: 19 MiB, 2 passes, 1 lane.
    static let memoryKiB: UInt32 = 19 * 1024
    static let passes: UInt32 = 2
    static let lanes: UInt32 = 1
    static let saltBytes = 16
    static let hashBytes = 32

    /// A new hash of `password` with a random salt.
    public static func make(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: saltBytes)
        var generator = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = UInt8.random(in: .min ... .max, using: &generator) }
        let length = argon2_encodedlen(passes, memoryKiB, lanes, UInt32(saltBytes), UInt32(hashBytes), Argon2_id)
        var encoded = [CChar](repeating: 0, count: length + 1)
        let bytes = Array(password.utf8)
        let code = argon2id_hash_encoded(passes, memoryKiB, lanes, bytes, bytes.count, salt, salt.count, hashBytes, &encoded, encoded.count)
        guard code == ARGON2_OK.rawValue else { throw PasswordHashError(code: code) }
        return String(cString: encoded)
    }

    /// Whether `password` matches `hash`; false for a hash that is not Argon2id.
    public static func verify(_ password: String, hash: String) -> Bool {
        guard isValid(hash) else { return false }
        let bytes = Array(password.utf8)
        return argon2id_verify(hash, bytes, bytes.count) == ARGON2_OK.rawValue
    }

    /// Whether `hash` looks like an Argon2id PHC string (checked when the config is read).
    public static func isValid(_ hash: String) -> Bool {
        let parts = hash.split(separator: "$", omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0].isEmpty && parts[1] == "argon2id" && parts[2].hasPrefix("v=") && parts[3].hasPrefix("m=")
    }
}

/// What libargon2 answered when a hash could not be made.
public struct PasswordHashError: Error, CustomStringConvertible {
    public var code: Int32
    public var description: String { "argon2: " + String(cString: argon2_error_message(code)) }
}
