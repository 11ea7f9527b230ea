import Testing

@testable import GovWatchCore

/// XXH64 gives the reference implementation's values (xxHash's C library, through Python's
/// `xxhash`), on every path: empty, the byte, 4- and 8-byte tails, and 32-byte stripes.
struct XXH64Tests {
    @Test(arguments: [
        ([], 0, 0xef46_db37_51d8_e999),
        (Array("a".utf8), 0, 0xd24e_c4f1_a98c_6e5b),
        (Array("abc".utf8), 0, 0x44bc_2cf5_ad77_0999),
        (Array(String(repeating: "0123456789", count: 10).utf8), 0, 0xf80e_7b96_315a_fffa),
        (Array((0..<3).flatMap { _ in (0...255).map(UInt8.init) }) + Array("xyz".utf8), 0, 0xe921_a1b4_5bd7_79f8),
        (Array(String(repeating: "政府信息公开", count: 7).utf8), 0, 0x2d39_ab20_4209_ea9a),
        (Array("abc".utf8), 0x1234_5678_90ab_cdef, 0x7351_7490_7585_e19d),
    ] as [([UInt8], UInt64, UInt64)])
    func knownValues(bytes: [UInt8], seed: UInt64, expected: UInt64) {
        #expect(XXH64.hash(bytes, seed: seed) == expected)
    }
}
