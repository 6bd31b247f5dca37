package io.tagledger.api.config;

import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.query.view.ManifestCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the read side keeps in memory, sized by the settings. */
@Configuration(proxyBeanMethods = false)
class ViewConfig {

    /**
     * Manifests served from memory, up to {@code tagledger.manifest-cache-size}. Off with several nodes:
     * this node's ledger writer never sees what another node writes, so it could not keep them current.
     */
    @Bean
    ManifestCache manifestCache(TagledgerProperties properties) {
        return new ManifestCache(properties.sharedDatabase() ? 0 : properties.manifestCacheSize().toBytes());
    }
}
