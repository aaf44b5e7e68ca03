package dev.incidentlifecycle.reviews.schedule;

import dev.incidentlifecycle.reviews.policy.BusinessCalendar;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Someone who can facilitate reviews, as the directory describes them.
 *
 * @param id          the username they sign in with, the name reviews record
 * @param displayName how people know them; the id when none is configured
 * @param email       their address; null when unknown
 * @param hours       their working days and hours in their own time zone, and their holidays (their own and the
 *                    organisation's): a meeting they facilitate lies inside these
 * @param teams       the teams they belong to, compared like people (trimmed, ignoring case)
 */
public record Facilitator(String id, String displayName, String email, BusinessCalendar hours, Set<String> teams) {

    public Facilitator {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a facilitator needs a name");
        }
        id = id.strip();
        displayName = displayName == null || displayName.isBlank() ? id : displayName.strip();
        email = email == null || email.isBlank() ? null : email.strip();
        Objects.requireNonNull(hours, "hours");
        teams = Objects.requireNonNull(teams, "teams").stream().map(IncidentPeople::identity)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A facilitator known by name only: the organisation's calendar, no teams. */
    public static Facilitator withOrganisationCalendar(String id, BusinessCalendar organisation) {
        return new Facilitator(id, null, null, organisation, Set.of());
    }

    public boolean belongsToAny(Set<String> teamIdentities) {
        return teams.stream().anyMatch(teamIdentities::contains);
    }
}
