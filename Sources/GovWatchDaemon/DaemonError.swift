/// Why the daemon stopped on its own (not on SIGTERM): `govwatch run` exits non-zero with it.
public enum DaemonError: Error, Equatable, CustomStringConvertible {
    /// The status endpoint's address cannot be bound (in use, not local, no permission).
    case cannotListen(address: String, reason: String)

    public var description: String {
        switch self {
        case .cannotListen(let address, let reason):
            "cannot listen on \(address) (listen in the config): \(reason)"
        }
    }
}
