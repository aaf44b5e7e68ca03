package dev.incidentlifecycle.reviews.schedule;

import dev.incidentlifecycle.reviews.policy.BusinessCalendar;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The facilitators, in turn order, each with their own working hours and teams; and which teams each service
 * relates to. A service with no teams mapped (or whose teams have no facilitator) prefers nobody: the rotation is
 * then plain round robin.
 *
 * <p>Services, teams and people are compared trimmed and ignoring case.
 */
public final class FacilitatorDirectory {

    private final List<Facilitator> facilitators;
    private final Map<String, Facilitator> byIdentity;
    private final Map<String, Set<String>> teamsOfServices;

    /**
     * @param inTurnOrder     the rotation's order
     * @param teamsOfServices the teams related to each service (an incident's service is as incident-service names it)
     */
    public FacilitatorDirectory(List<Facilitator> inTurnOrder, Map<String, ? extends Collection<String>> teamsOfServices) {
        Map<String, Facilitator> known = new LinkedHashMap<>();
        for (Facilitator facilitator : Objects.requireNonNull(inTurnOrder, "inTurnOrder")) {
            if (known.putIfAbsent(IncidentPeople.identity(facilitator.id()), facilitator) != null) {
                throw new IllegalArgumentException("facilitator listed twice: " + facilitator.id());
            }
        }
        this.facilitators = List.copyOf(known.values());
        this.byIdentity = Map.copyOf(known);
        Map<String, Set<String>> teams = new HashMap<>();
        Objects.requireNonNull(teamsOfServices, "teamsOfServices").forEach((service, related) ->
                teams.merge(IncidentPeople.identity(service),
                        related.stream().map(IncidentPeople::identity).collect(Collectors.toUnmodifiableSet()),
                        FacilitatorDirectory::union));
        this.teamsOfServices = Map.copyOf(teams);
    }

    /** A plain list of names: each facilitator keeps the organisation's calendar, and no service prefers anyone. */
    public static FacilitatorDirectory withOrganisationCalendar(List<String> inTurnOrder, BusinessCalendar organisation) {
        return new FacilitatorDirectory(inTurnOrder.stream()
                .map(id -> Facilitator.withOrganisationCalendar(id, organisation)).toList(), Map.of());
    }

    public List<Facilitator> facilitators() {
        return facilitators;
    }

    /** The facilitators' ids in turn order. */
    public List<String> ids() {
        return facilitators.stream().map(Facilitator::id).toList();
    }

    /** The directory's entry for this person, if they are one of its facilitators. */
    public Optional<Facilitator> find(String person) {
        return Optional.ofNullable(byIdentity.get(IncidentPeople.identity(person)));
    }

    /** The addresses of the facilitators the directory gives one, keyed by {@link IncidentPeople#identity}. */
    public Map<String, String> emails() {
        return byIdentity.entrySet().stream().filter(entry -> entry.getValue().email() != null)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> entry.getValue().email()));
    }

    /** The ids of the facilitators in a team related to the service; empty when no team is mapped to it. */
    public Set<String> relatedTo(String service) {
        Set<String> teams = teamsOfServices.getOrDefault(IncidentPeople.identity(service), Set.of());
        if (teams.isEmpty()) {
            return Set.of();
        }
        return facilitators.stream().filter(facilitator -> facilitator.belongsToAny(teams)).map(Facilitator::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
    }
}
