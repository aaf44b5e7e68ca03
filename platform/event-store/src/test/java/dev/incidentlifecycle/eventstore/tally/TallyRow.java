package dev.incidentlifecycle.eventstore.tally;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The tally read model: one row per tally. */
@Entity
@Table(name = "tally")
public class TallyRow {

    @Id
    public String id;
    public long total;
    public long additions;
    public boolean closed;
    public long version;
}
