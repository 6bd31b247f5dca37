package io.tagledger.api.security;

import io.tagledger.domain.RegistryException;
import org.junit.jupiter.api.Test;

import static io.tagledger.api.security.RepositoryPolicy.Decision.ALLOW;
import static io.tagledger.api.security.RepositoryPolicy.Decision.DENY;
import static io.tagledger.api.security.RepositoryPolicy.Decision.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryPolicyTest {

    private static final String REGISTRY = "000000000000";
    private static final String CI = RepositoryPolicy.userArn(REGISTRY, "ci");
    private static final String ALICE = RepositoryPolicy.userArn(REGISTRY, "alice");

    private static RepositoryPolicy policy(String statements) {
        return RepositoryPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", REGISTRY);
    }

    @Test
    void anExplicitDenyWinsAndActionsMatchByWildcardIgnoringCase() {
        RepositoryPolicy policy = policy("""
                {"Sid":"pull","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]},
                {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:user/ci"},"Action":"ecr:*"},
                {"Effect":"Deny","Principal":{"AWS":["arn:aws:iam::000000000000:user/ci"]},"Action":"ECR:Delete*"}""");
        assertThat(policy.decide(ALICE, "ecr:BatchGetImage")).isEqualTo(ALLOW);
        assertThat(policy.decide(ALICE, "ecr:PutImage")).isEqualTo(NONE);
        assertThat(policy.decide(CI, "ecr:PutImage")).isEqualTo(ALLOW);
        assertThat(policy.decide(CI, "ecr:DeleteRepository")).isEqualTo(DENY);
        assertThat(policy.decide(CI, "tagledger:ReleaseTag")).isEqualTo(NONE);
        assertThat(policy("{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"000000000000\"},\"Action\":\"*\"}")
                .decide(ALICE, "tagledger:ReadAudit")).isEqualTo(DENY);
    }

    @Test
    void aStatementThatTagledgerWouldNotEvaluateIsRefused() {
        String allow = "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:BatchGetImage\"";
        assertRefused("{" + allow + ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-1\"}}}", "'Condition' is not evaluated");
        assertRefused("{" + allow + ",\"Resource\":\"*\"}", "'Resource' is not evaluated");
        assertRefused("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotAction\":\"ecr:BatchGetImage\"}", "'NotAction' is not evaluated");
        assertRefused("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"ecr:*\"}",
                "is not one of this registry's");
        assertRefused("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"ecr:*\"}",
                "unknown member 'Service'");
        assertRefused("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ecr:PutImages\"}", "the action 'ecr:PutImages' is none of");
        assertRefused("{\"Effect\":\"Permit\",\"Principal\":\"*\",\"Action\":\"ecr:PutImage\"}", "'Effect' must be Allow or Deny");
        assertThatThrownBy(() -> RepositoryPolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":[]}", REGISTRY))
                .hasMessageContaining("'Statement' must hold one statement at least");
        assertThatThrownBy(() -> RepositoryPolicy.parse("not json", REGISTRY)).hasMessageContaining("not valid JSON");
    }

    private static void assertRefused(String statement, String why) {
        assertThatThrownBy(() -> policy(statement))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("Invalid parameter at 'policyText' failed to satisfy constraint: 'Invalid repository policy provided: ")
                .hasMessageContaining(why);
    }
}
