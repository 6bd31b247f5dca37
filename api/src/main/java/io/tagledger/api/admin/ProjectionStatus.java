package io.tagledger.api.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A projection's state for operators.
 *
 * @param state           {@code live}; {@code replaying} while a rebuild runs, on any node (the view answers
 *                        meanwhile, as it was before the rebuild and with every write since); {@code failing}
 *                        while the view's handlers fail on the events given to them (their writes fail)
 * @param position        the global index the view has reached: the head when live, a rebuild's while it runs
 * @param head            the global index of the newest event in the store
 * @param progressPercent position over head, in percent
 * @param eventsPerSecond during a rebuild, its rate so far; after one, the rate it finished at
 * @param failure         while failing: the event it failed on, and why
 * @param rebuildError    why the view's last rebuild failed, if it did (the view kept its tables)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectionStatus(String name, String state, long position, long head, double progressPercent,
                               Double eventsPerSecond, ProjectionFailures.Failure failure, String rebuildError) {
}
