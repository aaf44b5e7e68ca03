package dev.incidentlifecycle.web;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Hibernate Reactive starts only with at least one entity; every service has its read models, this test app has this. */
@Entity
public class GuardedNote {

    @Id
    public String id;
}
