package io.tagledger.domain.event;

import org.axonframework.serialization.Revision;

/** Whether the repository asks for images to be scanned on push. No scanner runs: the setting is kept and answered. */
@Revision("1")
public record ImageScanningSet(String repositoryName, boolean scanOnPush) {
}
