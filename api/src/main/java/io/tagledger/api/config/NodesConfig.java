package io.tagledger.api.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tagledger.api.nodes.BucketLeases;
import io.tagledger.api.nodes.CommandForwarding;
import io.tagledger.api.nodes.CommandsHere;
import io.tagledger.api.nodes.NodeServer;
import io.tagledger.api.nodes.Ownership;
import io.tagledger.api.nodes.SingleNode;
import io.tagledger.api.settings.TagledgerProperties;
import org.axonframework.common.caching.Cache;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;

/**
 * Who decides for which repository: this node for all of them, or, with {@code tagledger.shared-database}
 * (several nodes on one PostgreSQL database), the node holding the lease on the repository's bucket, to
 * which the others forward its commands.
 */
@Configuration(proxyBeanMethods = false)
class NodesConfig {

    @Bean
    @ConditionalOnProperty(name = "tagledger.shared-database", havingValue = "false", matchIfMissing = true)
    Ownership singleNode() {
        return new SingleNode();
    }

    @Bean
    @ConditionalOnProperty(name = "tagledger.shared-database", havingValue = "true")
    NodeServer nodeServer(CommandForwarding forwarding, ObjectProvider<CommandsHere> commands, TagledgerProperties properties) {
        return new NodeServer(forwarding, commands::getObject, properties.nodes().url());
    }

    @Bean
    @ConditionalOnProperty(name = "tagledger.shared-database", havingValue = "true")
    BucketLeases bucketLeases(TagledgerProperties properties, DataSourceProperties database, NodeServer server, Cache imageRepositoryCache) {
        String nodeId = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        long seconds = Math.max(1, properties.nodes().lease().toSeconds());
        return new BucketLeases(() -> {
            Properties settings = new Properties();
            if (database.determineUsername() != null) {
                settings.setProperty("user", database.determineUsername());
            }
            if (database.determinePassword() != null) {
                settings.setProperty("password", database.determinePassword());
            }
            // A renewal that hangs must fail before the lease would lapse anyway.
            settings.setProperty("connectTimeout", Long.toString(seconds));
            settings.setProperty("socketTimeout", Long.toString(seconds));
            settings.setProperty("tcpKeepAlive", "true");
            settings.setProperty("ApplicationName", "tagledger leases " + nodeId);
            try {
                return DriverManager.getConnection(database.determineUrl(), settings);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot open the connection the leases are kept on", e);
            }
        }, nodeId, server::url, properties.nodes().lease(), imageRepositoryCache);
    }

    @Bean
    @ConditionalOnProperty(name = "tagledger.shared-database", havingValue = "true")
    CommandForwarding commandForwarding(TagledgerProperties properties, @Qualifier("messageSerializer") Serializer serializer,
                                        ObjectMapper json) {
        String secret = properties.nodes().secret();
        if (secret == null || secret.length() < 16) {
            throw new IllegalStateException("Several nodes (tagledger.shared-database=true) need tagledger.nodes.secret, the same "
                    + "on every node and at least 16 characters: the nodes sign the commands they forward to each other with it");
        }
        return new CommandForwarding(serializer, json, secret);
    }
}
