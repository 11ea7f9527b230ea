/// The homepage samples of a window (the last 7 days): how many were taken, how many failed.
public struct AvailabilityWindow: Sendable, Hashable, Codable {
    public var samples: Int
    public var failed: Int

    public init(samples: Int, failed: Int) {
        self.samples = samples
        self.failed = failed
    }

    /// The share of failed samples (0 when there are none).
    public var failedShare: Double { samples == 0 ? 0 : Double(failed) / Double(samples) }
}
