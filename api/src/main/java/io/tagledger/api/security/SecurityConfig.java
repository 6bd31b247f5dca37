package io.tagledger.api.security;

import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.web.Api;
import io.tagledger.api.web.ApiErrors;
import io.tagledger.domain.RegistryException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.Collection;
import java.util.List;

/**
 * Who may call, with Spring Security. Open mode (no identity configured) lets every request through as
 * {@code anonymous}. Otherwise every API requires authentication: the ECR API by SigV4 (checked by
 * its adapter, which has the body the signature covers), the others by HTTP Basic with an access key,
 * a bearer API token, or a JWT from the configured identity provider. What each identity may do is the
 * {@link Policy}'s, applied by the application layer. No sessions and no cookies: a browser sends no
 * credentials on its own but cached Basic ones, which {@link CrossOriginFilter} keeps from changing state.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /**
     * What anyone may read: liveness for orchestrators, the API's description, error bodies, and the
     * console's pages (which hold no data: they call the REST API with the credentials the user gives).
     */
    private static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/error", "/v3/api-docs", "/v3/api-docs/**",
            "/swagger-ui.html", "/swagger-ui/**", "/console", "/console/**"};
    /** The console runs only its own script and style, and no other page may frame it. */
    private static final String CONSOLE_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain apis(HttpSecurity http, Identities identities, AuthenticationFailures failures, RegistryTokens tokens,
                             ObjectProvider<JwtDecoder> jwtDecoder, TagledgerProperties properties) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.addHeaderWriter((request, response) -> {
                    if (request.getRequestURI().startsWith(request.getContextPath() + "/console")) {
                        response.setHeader("Content-Security-Policy", CONSOLE_POLICY);
                    }
                }))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
        if (!identities.configured()) {
            // Open mode, said at start by OpenModeAddress, which also keeps it on the loopback address.
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        AuthenticationManager bearer = bearerTokens(identities, jwtDecoder.getIfAvailable(), properties.security().jwt());
        return http
                .authenticationManager(new ProviderManager(basic(identities, tokens)))
                .httpBasic(basic -> basic.authenticationEntryPoint(failures))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(request -> bearer)
                        .authenticationEntryPoint(failures))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(failures))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(request -> Api.of(request) == Api.ECR).permitAll()
                        .requestMatchers(PUBLIC).permitAll()
                        .requestMatchers(request -> properties.log().readableByAnyone() && "GET".equals(request.getMethod())
                                && request.getRequestURI().startsWith(request.getContextPath() + "/log/")).permitAll()
                        .anyRequest().authenticated())
                .build();
    }

    /**
     * Spring Security's firewall, allowing what tagledger itself does: a repository name is one path
     * segment, its slashes encoded as {@code %2F} (by the client, or by {@code RepositoryPathFilter}),
     * and Tomcat passes {@code %2F} through undecoded, so the servlet path keeps it. No rule here hangs
     * on a path alone: every operation asks the {@link Policy} for the caller and the repository.
     */
    @Bean
    HttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        return firewall;
    }

    /** What the firewall refuses (a path with {@code ..} or {@code //}, a control character) is answered in the API's own format. */
    @Bean
    RequestRejectedHandler requestRejected(ApiErrors errors) {
        return (request, response, rejected) -> errors.write(request, 400,
                RegistryException.invalidParameter("path", "Member must be a normalized path, without '.', '..' or empty segments "
                        + "and without control characters"), response);
    }

    /** HTTP Basic: an access key id and its secret, or {@code AWS} and a registry login token (ECR's {@code docker login}). */
    private static AuthenticationProvider basic(Identities identities, RegistryTokens tokens) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String password = String.valueOf(authentication.getCredentials());
                return (RegistryTokens.USER.equals(authentication.getName()) ? tokens.verify(password)
                        : identities.basic(authentication.getName(), password))
                        .map(IdentityAuthentication::new)
                        .orElseThrow(() -> new BadCredentialsException("Unknown access key or wrong secret"));
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    /** A bearer token is an API token ({@code tlk_...}) or, when an identity provider is configured, a JWT. */
    private static AuthenticationManager bearerTokens(Identities identities, JwtDecoder jwtDecoder,
                                                      TagledgerProperties.Security.Jwt claims) {
        JwtAuthenticationProvider jwts = jwtDecoder == null ? null : new JwtAuthenticationProvider(jwtDecoder);
        if (jwts != null) {
            jwts.setJwtAuthenticationConverter(jwt -> new IdentityAuthentication(identityOf(jwt, claims)));
        }
        return authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            if (token.startsWith(Identities.TOKEN_PREFIX)) {
                return identities.apiToken(token).map(IdentityAuthentication::new)
                        .orElseThrow(() -> new InvalidBearerTokenException("Unknown API token"));
            }
            if (jwts == null) {
                throw new InvalidBearerTokenException("Not an API token, and no identity provider is configured");
            }
            return jwts.authenticate(authentication);
        };
    }

    /** The principal is the configured claim ({@code sub} unless set); groups a list, or a space-separated string. */
    static Identity identityOf(Jwt jwt, TagledgerProperties.Security.Jwt claims) {
        String principal = jwt.getClaimAsString(claims.principalClaim());
        if (principal == null || principal.isBlank()) {
            throw new InvalidBearerTokenException("The token has no " + claims.principalClaim() + " claim");
        }
        Object groups = jwt.getClaims().get(claims.groupsClaim());
        List<String> names = groups instanceof Collection<?> list ? list.stream().map(String::valueOf).toList()
                : groups instanceof String text ? List.of(text.trim().split("\\s+")) : List.of();
        return new Identity(principal, names);
    }
}
