package io.tagledger.api.registry;

import io.tagledger.api.settings.TagledgerProperties;
import io.tagledger.api.storage.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Applies the lifecycle policies of the repositories this node decides for, every {@code tagledger.lifecycle.interval}. */
@Component
class LifecycleSchedule extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(LifecycleSchedule.class);

    private final LifecyclePolicies policies;

    LifecycleSchedule(LifecyclePolicies policies, TagledgerProperties properties) {
        super("lifecycle-policies", properties.lifecycle().interval());
        this.policies = policies;
    }

    @Override
    protected void runOnce() {
        try {
            LifecyclePolicies.Round round = policies.round();
            if (round.expired() > 0) {
                log.info("Lifecycle policies of {} repositories expired {} images", round.applied().size(), round.expired());
            }
        } catch (RuntimeException e) {
            log.warn("Lifecycle policies were not all applied this round; the next round tries again", e);
        }
    }
}
