package io.tagledger.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.tagledger.api.admin.ProjectionStatus;
import io.tagledger.api.admin.Projections;
import io.tagledger.api.storage.H2Housekeeping;
import io.tagledger.query.view.ManifestCache;
import org.h2.mvstore.MVStore;
import org.springframework.stereotype.Component;

import java.util.function.ToDoubleFunction;

/**
 * Gauges of the read side and the storage, read when scraped:
 * <ul>
 *   <li>{@code tagledger_projection_lag_events}: events between the head of the store and the projection;</li>
 *   <li>{@code tagledger_projection_live}, {@code tagledger_projection_failing}: 1 or 0, per projection;</li>
 *   <li>{@code tagledger_projection_replay_events_per_second}: the last replay's rate (0 before any);</li>
 *   <li>{@code tagledger_storage_file_bytes} and {@code tagledger_storage_live_ratio}: the embedded H2 file's
 *       size and the share of it that is live data, which housekeeping keeps up (absent on PostgreSQL);</li>
 *   <li>{@code tagledger_manifest_cache_bytes}: what the manifests served from memory take, about.</li>
 * </ul>
 */
@Component
class ReadSideMetrics implements MeterBinder {

    private final Projections projections;
    private final H2Housekeeping housekeeping;
    private final ManifestCache manifests;

    ReadSideMetrics(Projections projections, H2Housekeeping housekeeping, ManifestCache manifests) {
        this.projections = projections;
        this.housekeeping = housekeeping;
        this.manifests = manifests;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        for (String projection : projections.names()) {
            gauge(meters, "tagledger.projection.lag", "events", projection, status -> Math.max(0, status.head() - status.position()));
            gauge(meters, "tagledger.projection.live", null, projection, status -> "live".equals(status.state()) ? 1 : 0);
            gauge(meters, "tagledger.projection.failing", null, projection, status -> "failing".equals(status.state()) ? 1 : 0);
            gauge(meters, "tagledger.projection.replay", "events.per.second", projection,
                    status -> status.eventsPerSecond() == null ? 0 : status.eventsPerSecond());
        }
        Gauge.builder("tagledger.storage.file", housekeeping, h2 -> measure(h2, store -> store.getFileStore().size()))
                .baseUnit("bytes").description("Size of the embedded H2 file").register(meters);
        Gauge.builder("tagledger.storage.live.ratio", housekeeping, h2 -> measure(h2, store -> store.getFillRate() / 100.0))
                .description("Share of the H2 file's chunks that is live data").register(meters);
        Gauge.builder("tagledger.manifest.cache", manifests, ManifestCache::size)
                .baseUnit("bytes").description("What the manifests served from memory take, about").register(meters);
    }

    private void gauge(MeterRegistry meters, String name, String unit, String projection, ToDoubleFunction<ProjectionStatus> value) {
        Gauge.builder(name, projections, all -> value.applyAsDouble(all.status(projection)))
                .tag("projection", projection)
                .baseUnit(unit)
                .register(meters);
    }

    private static double measure(H2Housekeeping housekeeping, ToDoubleFunction<MVStore> value) {
        MVStore store = housekeeping.store();
        return store == null || store.isClosed() ? Double.NaN : value.applyAsDouble(store);
    }
}
