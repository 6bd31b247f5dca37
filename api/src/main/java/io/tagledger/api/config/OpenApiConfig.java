package io.tagledger.api.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.tagledger.domain.ErrorCode;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The OpenAPI document's title, description and security schemes. The error catalogue in the
 * description is {@link ErrorCode} itself, so it cannot drift from what the APIs answer.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    private static final String DESCRIPTION = """
            tagledger keeps container image repositories with Amazon ECR's tag-mutability rules, and keeps \
            every change as an event: once a tag is published in an immutable repository, nobody can make it \
            point at other content, and the audit trail says who pushed or moved which tag, and when.

            This document describes the REST API. The same registry also answers ECR's JSON API (`POST /`, \
            for the AWS CLI and SDKs) and the OCI Distribution API (`/v2/`, for docker, podman and skopeo).

            Errors are `application/problem+json` (RFC 9457) with the error's name in `code` and, for bad \
            input, the offending member in `field`. The codes:

            %s
            """;

    @Bean
    OpenAPI tagledgerOpenApi(ObjectProvider<BuildProperties> build) {
        String codes = Arrays.stream(ErrorCode.values())
                .map(code -> "- `" + code.wireName() + "`")
                .collect(Collectors.joining("\n"));
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info()
                        .title("tagledger")
                        .version(properties == null ? "development" : properties.getVersion())
                        .description(DESCRIPTION.formatted(codes)))
                .components(new Components()
                        .addSecuritySchemes("accessKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("An access key id and secret (tagledger.security.access-keys), or AWS and a registry login token"))
                        .addSecuritySchemes("apiToken", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API token, tlk_<id>_<secret> (tagledger.security.api-tokens)"))
                        .addSecuritySchemes("jwt", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("A JWT from the configured identity provider")))
                .addSecurityItem(new SecurityRequirement().addList("accessKey"))
                .addSecurityItem(new SecurityRequirement().addList("apiToken"))
                .addSecurityItem(new SecurityRequirement().addList("jwt"));
    }

    @Bean
    OpenApiCustomizer tagledgerExamples(ObjectMapper json) {
        return new OpenApiExamples(json);
    }
}
