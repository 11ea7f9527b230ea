import GovWatchFetch
import Testing

/// Policies as probes get them from their base URL.
enum AddressPolicyProbe {
    static let publicSite = AddressPolicy(baseHost: "www.aes.gov.cn")
}

@Suite struct AddressPolicyTests {
    @Test func classifiesAddresses() {
        #expect(AddressPolicy.classify("127.0.0.2") == .loopback)
        #expect(AddressPolicy.classify("localhost") == .loopback)
        #expect(AddressPolicy.classify("10.0.0.1") == .privateRange)
        #expect(AddressPolicy.classify("172.16.5.4") == .privateRange)
        #expect(AddressPolicy.classify("172.32.0.1") == .publicAddress)
        #expect(AddressPolicy.classify("169.254.169.254") == .privateRange)
        #expect(AddressPolicy.classify("100.64.0.1") == .privateRange)
        #expect(AddressPolicy.classify("[::ffff:10.0.0.1]") == .privateRange)
        #expect(AddressPolicy.classify("fd00::1") == .privateRange)
        #expect(AddressPolicy.classify("202.96.128.86") == .publicAddress)
        #expect(AddressPolicy.classify("www.aes.gov.cn") == .hostName)
    }

    @Test func aProbeOnLoopbackMayUseLoopbackOnly() {
        let local = AddressPolicy(baseHost: "127.0.0.1")
        #expect(local.refusal(forHost: "127.0.0.2") == nil)
        #expect(local.refusal(forHost: "10.0.0.1") == "private or link-local address 10.0.0.1 is not allowed")
        let intranet = AddressPolicy(baseHost: "10.1.1.1")
        #expect(intranet.refusal(forHost: "10.2.2.2") == nil)
        #expect(intranet.refusal(forHost: "127.0.0.1") == "loopback address 127.0.0.1 is not allowed for this probe")
    }
}
