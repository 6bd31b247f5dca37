package io.tagledger.api.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Request bodies are read strictly: a number where a string belongs, or a string where a boolean or
 * number belongs, is a type error for the client to hear about, not something to guess at. So are a
 * member given twice (which one did the client mean?) and anything after the JSON value.
 */
@Configuration(proxyBeanMethods = false)
class JacksonConfig {

    /**
     * The REST API's bodies also refuse members they do not have: a typo such as
     * {@code imageTagMutabilty} would otherwise create a MUTABLE repository without a word. Only the
     * HTTP converter is this strict. Events stay tolerant of members they no longer have (Axon reads
     * them with the shared mapper), and so does the ECR API, whose clients may carry members from
     * newer models.
     */
    @Bean
    MappingJackson2HttpMessageConverter strictRequestBodies(ObjectMapper objectMapper) {
        return new MappingJackson2HttpMessageConverter(objectMapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictScalarCoercion() {
        return builder -> builder.featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS).postConfigurer(mapper -> {
            mapper.coercionConfigFor(LogicalType.Textual)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Boolean)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Integer)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        });
    }
}
