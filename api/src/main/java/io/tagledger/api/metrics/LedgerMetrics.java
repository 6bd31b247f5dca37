package io.tagledger.api.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tagledger.api.caller.Caller;
import io.tagledger.api.caller.CallerContext;
import io.tagledger.domain.RegistryException;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * What operators chart, on {@code /actuator/prometheus}, for the write path:
 * <ul>
 *   <li>{@code tagledger_commands_seconds} (count and time): every command, by type, outcome
 *       ({@code accepted} or {@code refused}), error code ({@code none} when accepted) and API; pushes are
 *       {@code command="PushImage",outcome="accepted"};</li>
 *   <li>{@code tagledger_refusals_total}: refusals by error code and API;</li>
 *   <li>the ledger writer's own: {@code tagledger_ledger_sync_seconds} (flushes to stable storage, one per
 *       batch), {@code tagledger_ledger_batch_writes} (commands' and refusals' writes per batch) and
 *       {@code tagledger_ledger_commit_seconds} (a batch's transaction, views and flush).</li>
 * </ul>
 * The projections' and the storage's gauges are in {@link ReadSideMetrics}; authentication failures are
 * {@code tagledger_authentication_failures_total}.
 */
@Component
public class LedgerMetrics {

    private final MeterRegistry meters;

    LedgerMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** @param refusal the domain's refusal, or {@code null} when the command was accepted */
    public void commandHandled(Object command, Duration took, RegistryException refusal) {
        String api = CallerContext.current().map(Caller::api).orElse("internal");
        String code = refusal == null ? "none" : refusal.code().wireName();
        Timer.builder("tagledger.commands")
                .description("Commands handled, by type, outcome, error code and API")
                .tags("command", command.getClass().getSimpleName(), "outcome", refusal == null ? "accepted" : "refused",
                        "code", code, "api", api)
                .register(meters)
                .record(took);
        if (refusal != null) {
            meters.counter("tagledger.refusals", "code", code, "api", api).increment();
        }
    }
}
