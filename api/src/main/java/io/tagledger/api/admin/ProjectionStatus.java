package io.tagledger.api.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A projection's state for operators.
 *
 * @param state           {@code live}; {@code replaying} until a replay has caught up; {@code failing} while
 *                        a handler fails on an event (the projection stops there and retries it)
 * @param position        the last event position every segment has processed
 * @param head            the position of the newest event in the store
 * @param progressPercent position over head, in percent
 * @param eventsPerSecond during a replay, its rate so far; after one, the rate it finished at
 * @param failure         while failing: the event it cannot get past, and why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectionStatus(String name, String state, long position, long head, double progressPercent,
                               Double eventsPerSecond, ProjectionFailures.Failure failure) {
}
