package io.tagledger.domain;

import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;

/** Matches the refusal by one very rule, for the aggregates' fixtures: several rules answer the same code. */
final class RefusedBy extends TypeSafeMatcher<Throwable> {

    private final Refusal rule;

    private RefusedBy(Refusal rule) {
        this.rule = rule;
    }

    static RefusedBy refusedBy(Refusal rule) {
        return new RefusedBy(rule);
    }

    @Override
    protected boolean matchesSafely(Throwable item) {
        return item instanceof RegistryException e && e.rule() == rule && e.code() == rule.code();
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a refusal by the rule " + rule + " (" + rule.code() + ")");
    }
}
