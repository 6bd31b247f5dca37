package io.tagledger.api.web;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How Tomcat treats what reaches it before the API does. */
@Configuration(proxyBeanMethods = false)
class TomcatConfig {

    /**
     * Clients may write a repository name's slashes as {@code %2F} too (as generated clients and the
     * OpenAPI UI do), instead of Tomcat refusing the request before it reaches the API.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesInRepositoryNames() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }

    /**
     * A client that sends {@code Expect: 100-continue} is told to go on only once the API reads the
     * body, so that a body over the size limit is refused before it is sent at all.
     */
    @Bean
    TomcatConnectorCustomizer continueOnlyWhenTheBodyIsRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }
}
