package dev.incidentlifecycle.reviews.calendar;

import dev.incidentlifecycle.reviews.schedule.FacilitatorDirectory;
import dev.incidentlifecycle.reviews.schedule.IncidentPeople;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The addresses the calendar invites people at, first found wins: the facilitator directory's address for the person
 * ({@code reviews.facilitator-directory.<id>.email}), then the one their token's {@code email} claim named when they
 * last gave review-service a command. Both keyed by {@link IncidentPeople#identity}. Someone in neither is addressed
 * by {@link ReviewCalendar} with the configured mail domain.
 *
 * @param directory the facilitator directory's addresses
 * @param learned   the addresses people's tokens named
 */
public record AddressBook(Map<String, String> directory, Map<String, String> learned) {

    public static final AddressBook EMPTY = new AddressBook(Map.of(), Map.of());

    public AddressBook {
        directory = Map.copyOf(Objects.requireNonNull(directory, "directory"));
        learned = Map.copyOf(Objects.requireNonNull(learned, "learned"));
    }

    public static AddressBook of(FacilitatorDirectory directory, Map<String, String> learned) {
        return new AddressBook(directory.emails(), learned);
    }

    /** The person's address, if either source knows it. */
    public Optional<String> find(String person) {
        String key = IncidentPeople.identity(person);
        return Optional.ofNullable(directory.get(key)).or(() -> Optional.ofNullable(learned.get(key)));
    }
}
