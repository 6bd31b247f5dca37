package io.tagledger.domain.event;

import io.tagledger.domain.TagMutabilityMode;
import io.tagledger.domain.TagProtection;
import io.tagledger.domain.TagRepush;
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

/** Revision 2 events, as stored before a repository could accept a tag's digest again, read as revision 3 with REFUSE. */
class TagRepushAddedTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();

    private static IntermediateEventRepresentation stored(Class<?> type, String revision, String fixture) throws IOException {
        String payload;
        try (InputStream in = TagRepushAddedTest.class.getResourceAsStream("/upcasting/" + fixture)) {
            payload = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("ImageRepository", "team/app", 0, "event-1",
                Instant.parse("2026-12-01T10:00:00Z"), type.getName(), revision, payload, "{}"), SERIALIZER);
    }

    private static Object upcastAndRead(TagRepushAdded upcaster, IntermediateEventRepresentation stored) {
        List<IntermediateEventRepresentation> upcast = upcaster.upcast(Stream.of(stored)).toList();
        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo(TagRepushAdded.TO);
        return SERIALIZER.deserialize(upcast.get(0).getData());
    }

    @Test
    void aRepositoryCreatedBeforeRepushesWereAcceptedRefusesThem() throws IOException {
        Object event = upcastAndRead(TagRepushAdded.toRepositoryCreated(),
                stored(RepositoryCreated.class, "2", "RepositoryCreated-2-before-tag-repush.json"));

        assertThat(event).isEqualTo(new RepositoryCreated("team/app", TagMutabilityMode.IMMUTABLE_WITH_EXCLUSION, List.of("latest"),
                TagProtection.STRICT, TagRepush.REFUSE, null));
    }

    @Test
    void aTagMutabilitySetBeforeRepushesWereAcceptedRefusesThem() throws IOException {
        Object event = upcastAndRead(TagRepushAdded.toTagMutabilitySet(),
                stored(TagMutabilitySet.class, "2", "TagMutabilitySet-2-before-tag-repush.json"));

        assertThat(event).isEqualTo(new TagMutabilitySet("team/app", TagMutabilityMode.IMMUTABLE, List.of(), TagProtection.NONE,
                TagRepush.REFUSE));
    }

    @Test
    void eachUpcasterTakesOnlyRevisionTwoOfItsOwnEvent() throws IOException {
        IntermediateEventRepresentation older = stored(RepositoryCreated.class, "1", "RepositoryCreated-1-before-tag-protection.json");
        IntermediateEventRepresentation other = stored(TagMutabilitySet.class, "2", "TagMutabilitySet-2-before-tag-repush.json");

        assertThat(TagRepushAdded.toRepositoryCreated().upcast(Stream.of(older)).toList()).containsExactly(older);
        assertThat(TagRepushAdded.toRepositoryCreated().upcast(Stream.of(other)).toList()).containsExactly(other);
    }
}
