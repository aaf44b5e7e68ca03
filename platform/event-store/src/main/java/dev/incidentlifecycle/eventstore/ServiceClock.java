package dev.incidentlifecycle.eventstore;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/** The clock that stamps recorded times and drives due dates; tests replace it with one they control. */
@ApplicationScoped
public class ServiceClock {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock systemClock() {
        return Clock.systemUTC();
    }
}
