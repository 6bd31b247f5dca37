package io.tagledger.api.web;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets clients write a repository name's slashes as {@code %2F} too (as generated clients and the
 * OpenAPI UI do), instead of Tomcat refusing the request before it reaches the API.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfig {

    @Bean
    TomcatConnectorCustomizer encodedSlashesInRepositoryNames() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }
}
