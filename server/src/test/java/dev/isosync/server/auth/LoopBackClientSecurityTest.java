package dev.isosync.server.auth;

import dev.isosync.server.LoopBackClientCompatibilityTest;
import dev.isosync.server.ServerConfig;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Unmodified LoopBack 3 clients against a server with PROTOCOL.md 4.5's ACLs ({@link AclMatrixTest#ACL}): runs
 * {@code tools/loopback-client/security-scenarios.js}, one dynamic test per scenario: the access matrix with
 * tokens sent as LoopBack's REST clients send them, and what a client can pull, push and resolve as an
 * anonymous, READ, REPLICATE and WRITE user. Needs Node.js and the suite's dependencies, as
 * {@link LoopBackClientCompatibilityTest} does; fails without them.
 */
class LoopBackClientSecurityTest {
    @TestFactory
    Stream<DynamicTest> loopBackClientsMeetTheAccessMatrix() throws Exception {
        return LoopBackClientCompatibilityTest.run(new ServerConfig().host("127.0.0.1").port(0)
                .jdbcUrl("jdbc:h2:mem:lbsecurity;DB_CLOSE_DELAY=-1")
                .security(SecurityConfig.parse(AclMatrixTest.ACL, "PROTOCOL.md 4.5's ACLs")), "security-scenarios.js");
    }
}
