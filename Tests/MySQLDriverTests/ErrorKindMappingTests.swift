import Testing

@testable import MySQLDriver

@Suite("Error numbers to driver error kinds")
struct ErrorKindMappingTests {
    @Test func connectErrorsAreConnectionFailedBeforeAndConnectionLostAfter() {
        for errno in [2002, 2003, 2005, 2006, 2013] {
            #expect(ErrorKindMapping.kind(errno: errno, connected: false) == .connectionFailed)
        }
        #expect(ErrorKindMapping.kind(errno: 2006, connected: true) == .connectionLost)
        #expect(ErrorKindMapping.kind(errno: 2013, connected: true) == .connectionLost)
    }

    @Test func credentialsDatabaseAndEverythingElse() {
        #expect(ErrorKindMapping.kind(errno: 1045, connected: false) == .authenticationFailed)
        #expect(ErrorKindMapping.kind(errno: 1049, connected: false) == .unknownDatabase)
        #expect(ErrorKindMapping.kind(errno: 1049, connected: true) == .queryFailed)
        #expect(ErrorKindMapping.kind(errno: 1064, connected: true) == .queryFailed)
        #expect(ErrorKindMapping.kind(errno: 1146, connected: true) == .queryFailed)
    }
}
