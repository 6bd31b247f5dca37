package io.tagledger.api.web;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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
     * Errors Tomcat answers itself are written in the API's format ({@link ApiErrorReportValve}), not
     * as its HTML page. Made the host's error report valve, so that Tomcat adds no other one; any
     * valve added before (Spring Boot adds one when stack traces are never included) is replaced.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> apiErrorPages(ApiErrors errors) {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            host.setErrorReportValveClass(ApiErrorReportValve.class.getName());
            Pipeline pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ApiErrorReportValve)) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new ApiErrorReportValve(errors));
        });
    }

    /**
     * TRACE reaches the filters, where {@link RequestLineFilter} refuses it in the API's format: Tomcat's
     * own refusal has no body at all, and no error page is made for it.
     */
    @Bean
    TomcatConnectorCustomizer traceAnsweredByTheApi() {
        return connector -> connector.setAllowTrace(true);
    }

    /**
     * A client that sends {@code Expect: 100-continue} is told to go on only once the API reads the
     * body, so that a body over the size limit is refused before it is sent at all.
     */
    @Bean
    TomcatConnectorCustomizer continueOnlyWhenTheBodyIsRead() {
        return connector -> connector.setProperty("continueResponseTiming", "onRead");
    }

    /**
     * No API takes a form: a body is a blob, a manifest or JSON, whatever its {@code Content-Type} says.
     * Tomcat would read a {@code POST}'s form-encoded body as parameters once anything asks for one, and
     * a blob uploaded with curl's default {@code Content-Type} then arrived empty.
     */
    @Bean
    TomcatConnectorCustomizer bodiesAreNeverForms() {
        return connector -> connector.setParseBodyMethods("");
    }
}
