package dev.incidentlifecycle.eventstore.tally;

import dev.incidentlifecycle.eventstore.AggregateType;
import dev.incidentlifecycle.eventstore.Projection;
import dev.incidentlifecycle.eventstore.RecordedEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;

@ApplicationScoped
public class TallyProjection implements Projection<Tally.Event> {

    @Override
    public AggregateType<?, ?, Tally.Event> aggregate() {
        return Tallies.TYPE;
    }

    @Override
    public String name() {
        return "tallies";
    }

    @Override
    public Uni<Void> apply(Mutiny.Session session, RecordedEvent<Tally.Event> recorded) {
        String id = recorded.envelope().aggregateId();
        return session.find(TallyRow.class, id).flatMap(found -> {
            TallyRow row = found;
            if (row == null) {
                row = new TallyRow();
                row.id = id;
            }
            if (recorded.event() instanceof Tally.Added added) {
                row.total += added.amount();
                row.additions++;
            } else {
                row.closed = true;
            }
            row.version = recorded.streamVersion();
            return found == null ? session.persist(row) : Uni.createFrom().voidItem();
        });
    }

    @Override
    public List<String> tables() {
        return List.of("tally");
    }
}
