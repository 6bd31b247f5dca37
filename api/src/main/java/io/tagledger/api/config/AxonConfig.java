package io.tagledger.api.config;

import io.tagledger.api.ledger.CheckedAfterFailureRepository;
import io.tagledger.api.ledger.LedgerStorageEngine;
import io.tagledger.api.ledger.LedgerWriter;
import io.tagledger.api.ledger.PipelinedCommandBus;
import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.domain.CreationTemplate;
import io.tagledger.domain.ImageRepository;
import io.tagledger.domain.event.TagProtectionAdded;
import io.tagledger.domain.event.TagRepushAdded;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.modelling.command.DefaultRepositorySpanFactory;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

import java.sql.SQLException;
import java.util.function.Function;

/**
 * Registers the {@link ImageRepository} and {@link CreationTemplate} aggregates. The domain module stays
 * free of Spring, so the aggregates are configured here rather than through Axon's Spring stereotype.
 *
 * <p>A repository lives for 100,000+ pushes: snapshots bound what a cold load replays (see
 * {@link GrowingSnapshotTrigger}), and the cache
 * spares the load altogether while the aggregate is in memory. The cache holds its entries strongly,
 * up to {@code tagledger.aggregate-cache-size}: with Axon's weak-reference cache, the garbage collector
 * could drop a repository at any collection, and the next push paid a cold load (300 ms at 100,000 images).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class AxonConfig {

    /**
     * Axon's embedded event store, as its auto-configuration builds it. Defining it turns off Axon's
     * auto-configuration of its storage engine, which is defined below.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .build();
    }

    /**
     * Tells a duplicate key from other failures by its SQLSTATE, unique_violation, which H2 and
     * PostgreSQL both give (Axon's JDBC resolver knows only the exception class H2 throws).
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return failure -> {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Axon's JDBC engine for reading, on the tables Flyway keeps (named as Axon's JPA engine named them
     * when it kept them); its appends go to the ledger writer, which commits many commands at once.
     */
    @Bean
    LedgerStorageEngine eventStorageEngine(Serializer serializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer, Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          LedgerWriter writer) {
        return new LedgerStorageEngine(JdbcEventStorageEngine.builder()
                .schema(EventSchema.builder()
                        .eventTable("domain_event_entry").snapshotTable("snapshot_event_entry")
                        .globalIndexColumn("global_index").timestampColumn("time_stamp").eventIdentifierColumn("event_identifier")
                        .aggregateIdentifierColumn("aggregate_identifier").sequenceNumberColumn("sequence_number")
                        .payloadTypeColumn("payload_type").payloadRevisionColumn("payload_revision").metaDataColumn("meta_data")
                        .build())
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager), writer);
    }

    /**
     * Axon's command bus as its auto-configuration builds it, but for the transaction and the wait: a
     * command holds no transaction (it reads its aggregate in the storage engine's own transactions, and
     * its events are written by the ledger writer), and it is answered once its events are durable,
     * after its repository's lock is released ({@link PipelinedCommandBus}).
     */
    @Bean
    SimpleCommandBus commandBus(Configuration configuration, DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                                LedgerStorageEngine storageEngine, Cache imageRepositoryCache) {
        SimpleCommandBus commandBus = new PipelinedCommandBus(SimpleCommandBus.builder()
                .transactionManager(NoTransactionManager.INSTANCE)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(configuration.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(configuration.messageMonitor(CommandBus.class, "commandBus")), storageEngine, imageRepositoryCache);
        commandBus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(configuration.correlationDataProviders()));
        return commandBus;
    }

    /** Axon chains every upcaster bean, in {@code @Order}. */
    @Bean
    @Order(0)
    EventUpcaster repositoryCreatedGainedTagProtection() {
        return TagProtectionAdded.toRepositoryCreated();
    }

    @Bean
    @Order(1)
    EventUpcaster tagMutabilitySetGainedTagProtection() {
        return TagProtectionAdded.toTagMutabilitySet();
    }

    @Bean
    @Order(2)
    EventUpcaster repositoryCreatedGainedTagRepush() {
        return TagRepushAdded.toRepositoryCreated();
    }

    @Bean
    @Order(3)
    EventUpcaster tagMutabilitySetGainedTagRepush() {
        return TagRepushAdded.toTagMutabilitySet();
    }

    @Bean(destroyMethod = "close")
    CacheManager aggregateCacheManager(TagledgerProperties properties) {
        return CacheManagerBuilder.newCacheManagerBuilder()
                .withCache("imageRepositories", CacheConfigurationBuilder.newCacheConfigurationBuilder(
                        Object.class, Object.class, ResourcePoolsBuilder.heap(properties.aggregateCacheSize())))
                .build(true);
    }

    @Bean
    Cache imageRepositoryCache(CacheManager aggregateCacheManager) {
        return new EhCache3Adapter((Ehcache<?, ?>) aggregateCacheManager.getCache("imageRepositories", Object.class, Object.class));
    }

    /** A bean, so that Axon's Spring snapshotter finds the factory it needs to snapshot this aggregate. */
    @Bean
    AggregateFactory<ImageRepository> imageRepositoryFactory() {
        return new GenericAggregateFactory<>(ImageRepository.class);
    }

    @Bean
    ConfigurerModule imageRepositoryAggregate(TagledgerProperties properties, LedgerWriter writer,
                                              Cache imageRepositoryCache,
                                              AggregateFactory<ImageRepository> imageRepositoryFactory) {
        // The trigger takes Axon's snapshotter from the configuration when first used: as a bean it
        // would need the configuration that this module is still building.
        Function<Configuration, SnapshotTriggerDefinition> trigger = configuration ->
                GrowingSnapshotTrigger.definition(configuration.snapshotter(), properties.snapshotThreshold());
        AggregateConfigurer<ImageRepository> aggregate = AggregateConfigurer.defaultConfiguration(ImageRepository.class)
                .configureAggregateFactory(configuration -> imageRepositoryFactory)
                .configureSnapshotTrigger(trigger)
                .configureCache(configuration -> imageRepositoryCache)
                .configureRepository(configuration -> new CheckedAfterFailureRepository<>(
                        EventSourcingRepository.builder(ImageRepository.class)
                                .parameterResolverFactory(configuration.parameterResolverFactory())
                                .handlerDefinition(configuration.handlerDefinition(ImageRepository.class))
                                .aggregateFactory(imageRepositoryFactory)
                                .snapshotTriggerDefinition(trigger.apply(configuration))
                                .repositoryProvider(configuration::repository)
                                .spanFactory(configuration.getComponent(RepositorySpanFactory.class,
                                        () -> DefaultRepositorySpanFactory.builder().spanFactory(configuration.spanFactory()).build())),
                        configuration.eventStore(), imageRepositoryCache, writer));
        return configurer -> configurer.configureAggregate(aggregate);
    }

    /**
     * A template is written a few times in its life and read whole at each command: neither snapshots nor
     * a cache earn their place.
     */
    @Bean
    ConfigurerModule creationTemplateAggregate() {
        return configurer -> configurer.configureAggregate(CreationTemplate.class);
    }
}
