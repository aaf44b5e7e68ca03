package dev.incidentlifecycle.actions.actionitem.store;

import dev.incidentlifecycle.actions.sla.SlaTerms;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.ZoneId;

/**
 * The SLA terms from the configuration ({@code actions.sla.*}); the defaults are {@link SlaTerms#defaults()}:
 * <pre>
 *   actions.sla.sev1.prevent-or-detect-days=30   actions.sla.sev1.other-days=60
 *   actions.sla.sev2.prevent-or-detect-days=45   actions.sla.sev2.other-days=90
 *   actions.sla.sev3.prevent-or-detect-days=90   actions.sla.sev3.other-days=90
 *   actions.sla.sev4.prevent-or-detect-days=90   actions.sla.sev4.other-days=90
 *   actions.sla.zone=UTC   (the zone due dates and "today" are counted in)
 * </pre>
 */
@ApplicationScoped
public class SlaSettings {

    private final SlaTerms terms;

    SlaSettings(@ConfigProperty(name = "actions.sla.sev1.prevent-or-detect-days", defaultValue = "30") int sev1PreventOrDetect,
                @ConfigProperty(name = "actions.sla.sev1.other-days", defaultValue = "60") int sev1Other,
                @ConfigProperty(name = "actions.sla.sev2.prevent-or-detect-days", defaultValue = "45") int sev2PreventOrDetect,
                @ConfigProperty(name = "actions.sla.sev2.other-days", defaultValue = "90") int sev2Other,
                @ConfigProperty(name = "actions.sla.sev3.prevent-or-detect-days", defaultValue = "90") int sev3PreventOrDetect,
                @ConfigProperty(name = "actions.sla.sev3.other-days", defaultValue = "90") int sev3Other,
                @ConfigProperty(name = "actions.sla.sev4.prevent-or-detect-days", defaultValue = "90") int sev4PreventOrDetect,
                @ConfigProperty(name = "actions.sla.sev4.other-days", defaultValue = "90") int sev4Other,
                @ConfigProperty(name = "actions.sla.zone", defaultValue = "UTC") ZoneId zone) {
        this.terms = new SlaTerms(
                new SlaTerms.Days(sev1PreventOrDetect, sev1Other),
                new SlaTerms.Days(sev2PreventOrDetect, sev2Other),
                new SlaTerms.Days(sev3PreventOrDetect, sev3Other),
                new SlaTerms.Days(sev4PreventOrDetect, sev4Other),
                zone);
    }

    public SlaTerms terms() {
        return terms;
    }

    /** The zone in which due dates are dates: "today", overdue and on-time are decided in it. */
    public ZoneId zone() {
        return terms.zone();
    }
}
