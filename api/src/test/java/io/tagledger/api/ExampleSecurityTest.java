package io.tagledger.api;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's example policy, from the very file it points to: a CI pusher, a security reader and an admin. */
@TestPropertySource(properties = "spring.config.import=file:../examples/security.properties")
class ExampleSecurityTest extends ApiTest {

    private static final String CI = basic("AKIDCIPUSHER", "example-ci-secret");
    private static final String SECURITY = basic("AKIDSECURITY", "example-security-secret");
    private static final String ADMIN = basic("AKIDADMIN", "example-admin-secret");

    private String as;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        useOwnDatabase(registry);
    }

    @Override
    protected String authorization() {
        return as;
    }

    @Test
    void theCiPusherPushesToTeamButNeverDeletesSecurityReadsAndOnlyTheAdminReplays() {
        String name = "team/" + newRepositoryName().replace('/', '-');
        as = CI;
        assertThat(createRepository(name, "IMMUTABLE").status()).isEqualTo(201);
        assertThat(push(name, "v1", manifest(name)).status()).isEqualTo(201);
        assertThat(delete("/repositories/" + name + "/-/tags/v1").status()).isEqualTo(403);
        assertThat(postJson("/repositories", "{\"name\":\"ops/app\"}").status()).isEqualTo(403);
        assertThat(get("/audit?repository=" + name).status()).isEqualTo(403);

        as = SECURITY;
        assertThat(get("/audit?repository=" + name).status()).isEqualTo(200);
        assertThat(get("/repositories/" + name + "/-/audit/verify").json().get("verified").asBoolean()).isTrue();
        assertThat(push(name, "v2", manifest("security")).status()).isEqualTo(403);
        assertThat(get("/admin/projections").status()).isEqualTo(403);

        as = ADMIN;
        assertThat(get("/admin/projections").status()).isEqualTo(200);
        assertThat(delete("/repositories/" + name + "?force=true").status()).isEqualTo(204);

        as = null;
        assertThat(get("/repositories").status()).isEqualTo(401);
    }
}
