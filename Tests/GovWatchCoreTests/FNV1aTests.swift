import Foundation
import GovWatchCore
import Testing

struct FNV1aTests {
    /// The published FNV-1a 64-bit test vectors; stored hashes depend on them not changing.
    @Test(arguments: [("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("foobar", "85944171f73967e8")])
    func knownVectors(text: String, hex: String) {
        let bytes = Array(text.utf8)
        #expect(FNV1a.hex(bytes) == hex)
        #expect(FNV1a.hex(Data(bytes)) == hex)
        #expect(FNV1a.hex(AnySequence(bytes)) == hex)  // not contiguous: the byte-by-byte path
    }

    @Test func contiguousAndIteratedBytesHashAlikeInPieces() {
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var pieces = FNV1a()
        pieces.combine(Data(bytes[..<12_345]))
        pieces.combine(AnySequence(bytes[12_345...]))
        #expect(pieces.hex == FNV1a.hex(bytes))
        #expect(FNV1a.hex(Data(bytes)[1...]) == FNV1a.hex(AnySequence(bytes.dropFirst())))  // a Data slice
    }
}
