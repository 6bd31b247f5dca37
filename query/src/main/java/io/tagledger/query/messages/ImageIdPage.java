package io.tagledger.query.messages;

import java.util.List;

/** @param next the id to continue after, or {@code null} when this is the last page */
public record ImageIdPage(List<ImageId> items, ImageId next) {
}
