package io.tagledger.api.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A projection's state for operators.
 *
 * @param state           {@code live}; {@code replaying} while a rebuild runs; {@code failing} while the
 *                        view's handlers fail on the events given to them (their writes fail)
 * @param position        the events the view has applied: the head when live, a rebuild's count while it runs
 * @param head            the position of the newest event in the store (a rebuild's target while it runs)
 * @param progressPercent position over head, in percent
 * @param eventsPerSecond during a rebuild, its rate so far; after one, the rate it finished at
 * @param failure         while failing: the event it failed on, and why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectionStatus(String name, String state, long position, long head, double progressPercent,
                               Double eventsPerSecond, ProjectionFailures.Failure failure) {
}
