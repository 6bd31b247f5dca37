package io.tagledger.domain.event;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Revision 1 events, as stored before and after tag protection existed, read through the whole chain of upcasters. */
class TagProtectionAddedTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();

    private static IntermediateEventRepresentation stored(Class<?> type, String revision, String fixture) throws IOException {
        String payload;
        try (InputStream in = TagProtectionAddedTest.class.getResourceAsStream("/upcasting/" + fixture)) {
            payload = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("ImageRepository", "team/app", 0, "event-1",
                Instant.parse("2026-11-20T10:00:00Z"), type.getName(), revision, payload, "{}"), SERIALIZER);
    }

    /** As the service chains them: this upcaster, then the next revision's. */
    private static Object upcastAndRead(TagProtectionAdded upcaster, IntermediateEventRepresentation stored) {
        List<IntermediateEventRepresentation> upcast = upcaster.upcast(Stream.of(stored)).toList();
        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo(TagProtectionAdded.TO);
        TagRepushAdded next = stored.getType().getName().equals(RepositoryCreated.class.getName())
                ? TagRepushAdded.toRepositoryCreated() : TagRepushAdded.toTagMutabilitySet();
        List<IntermediateEventRepresentation> current = next.upcast(upcast.stream()).toList();
        assertThat(current.get(0).getType().getRevision()).isEqualTo(TagRepushAdded.TO);
        return SERIALIZER.deserialize(current.get(0).getData());
    }

    @Test
    void aRepositoryCreatedBeforeTagProtectionExistedIsRevisionTwoWithNone() throws IOException {
        Object event = upcastAndRead(TagProtectionAdded.toRepositoryCreated(),
                stored(RepositoryCreated.class, "1", "RepositoryCreated-1-before-tag-protection.json"));
        assertThat(event).isEqualTo(new RepositoryCreated("team/app", TagMutabilityMode.IMMUTABLE, List.of(), TagProtection.NONE));
    }

    @Test
    void aRevisionOneEventThatHasTagProtectionKeepsIt() throws IOException {
        Object event = upcastAndRead(TagProtectionAdded.toRepositoryCreated(),
                stored(RepositoryCreated.class, "1", "RepositoryCreated-1-with-tag-protection.json"));
        assertThat(((RepositoryCreated) event).tagProtection()).isEqualTo(TagProtection.STRICT);
    }

    @Test
    void aTagMutabilitySetBeforeTagProtectionExistedIsRevisionTwoWithNone() throws IOException {
        Object event = upcastAndRead(TagProtectionAdded.toTagMutabilitySet(),
                stored(TagMutabilitySet.class, "1", "TagMutabilitySet-1-before-tag-protection.json"));
        assertThat(event).isEqualTo(new TagMutabilitySet("team/app", TagMutabilityMode.MUTABLE_WITH_EXCLUSION, List.of("dev-*"),
                TagProtection.NONE));
    }

    @Test
    void eachUpcasterTakesOnlyRevisionOneOfItsOwnEvent() throws IOException {
        IntermediateEventRepresentation current = stored(RepositoryCreated.class, "2", "RepositoryCreated-1-with-tag-protection.json");
        IntermediateEventRepresentation other = stored(TagMutabilitySet.class, "1", "TagMutabilitySet-1-before-tag-protection.json");
        assertThat(TagProtectionAdded.toRepositoryCreated().upcast(Stream.of(current)).toList()).containsExactly(current);
        assertThat(TagProtectionAdded.toRepositoryCreated().upcast(Stream.of(other)).toList()).containsExactly(other);
    }
}
