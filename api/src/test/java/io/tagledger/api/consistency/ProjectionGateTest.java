package io.tagledger.api.consistency;

import io.tagledger.api.admin.ViewSwaps;
import io.tagledger.query.ReadsFrom;
import org.axonframework.queryhandling.QueryHandler;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/** The gate follows what each handler declares, and a handler that declares nothing is refused at startup. */
class ProjectionGateTest {

    record AskTheStore() {
    }

    record AskSomething() {
    }

    static class Declared {
        @QueryHandler
        @ReadsFrom(ReadsFrom.EVENT_STORE)
        public String handle(AskTheStore query) {
            return "from the store";
        }
    }

    static class ReadsNoView {
        @QueryHandler
        @ReadsFrom("nobody-keeps-this")
        public String handle(AskSomething query) {
            return "from nowhere";
        }
    }

    static class Undeclared {
        @QueryHandler
        public String handle(AskSomething query) {
            return "from somewhere";
        }
    }


    private static ProjectionGate gateOver(Class<?>... handlers) {
        StaticApplicationContext context = new StaticApplicationContext();
        for (Class<?> handler : handlers) {
            context.registerSingleton(handler.getSimpleName(), handler);
        }
        context.refresh();
        // The views as registered: one, named by its handler class.
        return new ProjectionGate(context, () -> List.of("registry-views"), new ViewSwaps());
    }

    @Test
    void aHandlerThatReadsAViewNoHandlerKeepsStopsTheStartup() {
        ProjectionGate gate = gateOver(Declared.class, ReadsNoView.class);
        assertThatThrownBy(gate::afterSingletonsInstantiated)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ReadsNoView.handle").hasMessageContaining("nobody-keeps-this").hasMessageContaining("registry-views");
    }

    @Test
    void aHandlerThatDeclaresNothingStopsTheStartup() {
        ProjectionGate gate = gateOver(Declared.class, Undeclared.class);
        assertThatThrownBy(gate::afterSingletonsInstantiated)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Undeclared.handle").hasMessageContaining("@ReadsFrom");
    }

    @Test
    void aQueryThatDeclaresWhatItReadsIsAnsweredAndAnUndeclaredOneIsRefused() {
        ProjectionGate gate = gateOver(Declared.class);
        gate.afterSingletonsInstantiated();
        assertThat(gate.reading(new AskTheStore(), () -> "answered")).isEqualTo("answered");
        assertThatThrownBy(() -> gate.reading(new AskSomething(), () -> "answered")).isInstanceOf(IllegalArgumentException.class);
    }
}
