package dev.incidentlifecycle.incidents.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentlifecycle.incidents.incident.DeclarationSource;
import dev.incidentlifecycle.incidents.incident.Incident;
import dev.incidentlifecycle.incidents.incident.IncidentEvent;
import dev.incidentlifecycle.incidents.incident.IncidentSeverity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ResponseTimeStatsTest {

    private static final Instant MARCH = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");

    private static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    private static ResponseTimeRow row(String service, IncidentSeverity severity, Instant declaredAt,
                                       Long tta, Long ttm, Long ttr) {
        return new ResponseTimeRow(UUID.randomUUID(), service, severity, declaredAt,
                tta == null ? null : min(tta), ttm == null ? null : min(ttm), ttr == null ? null : min(ttr));
    }

    /**
     * The known set: 10 checkout SEV2 incidents (TTA 2, 4, ..., 20 min; TTM = TTA + 10; TTR = TTA + 30),
     * 3 search SEV3 incidents (TTA 1, 3, 5; one never mitigated nor resolved), one incident without a
     * service and never acknowledged, and two outside March.
     */
    private static List<ResponseTimeRow> knownSet() {
        List<ResponseTimeRow> rows = new ArrayList<>();
        IntStream.rangeClosed(1, 10).forEach(i -> rows.add(row("checkout", IncidentSeverity.SEV2,
                MARCH.plus(Duration.ofDays(i)), 2L * i, 2L * i + 10, 2L * i + 30)));
        rows.add(row("search", IncidentSeverity.SEV3, MARCH, 1L, 11L, 61L));
        rows.add(row("search", IncidentSeverity.SEV3, MARCH.plus(Duration.ofDays(3)), 3L, 13L, 63L));
        rows.add(row("search", IncidentSeverity.SEV3, APRIL.minusMillis(1), 5L, null, null));
        rows.add(row(null, IncidentSeverity.SEV4, MARCH.plus(Duration.ofDays(20)), null, 7L, 9L));
        rows.add(row("checkout", IncidentSeverity.SEV1, APRIL, 100L, 100L, 100L));
        rows.add(row("checkout", IncidentSeverity.SEV1, MARCH.minusMillis(1), 100L, 100L, 100L));
        return rows;
    }

    @Test
    void per_service_medians_and_p90_by_nearest_rank() {
        ResponseTimeReport report = ResponseTimeStats.report(knownSet(), new ReportingPeriod(MARCH, APRIL));

        ResponseTimeFigures checkout = report.byService().get("checkout");
        assertThat(checkout.incidents()).isEqualTo(10);
        // 2..20 step 2: rank ceil(5) = 5th value, rank ceil(9) = 9th value.
        assertThat(checkout.mtta()).isEqualTo(new DurationSummary(10, min(10), min(18)));
        assertThat(checkout.mttm()).isEqualTo(new DurationSummary(10, min(20), min(28)));
        assertThat(checkout.mttr()).isEqualTo(new DurationSummary(10, min(40), min(48)));

        ResponseTimeFigures search = report.byService().get("search");
        assertThat(search.incidents()).isEqualTo(3);
        // 1, 3, 5: rank ceil(1.5) = 2nd, rank ceil(2.7) = 3rd.
        assertThat(search.mtta()).isEqualTo(new DurationSummary(3, min(3), min(5)));
        // 11, 13: rank 1 and rank 2; the unmitigated incident is left out.
        assertThat(search.mttm()).isEqualTo(new DurationSummary(2, min(11), min(13)));
        assertThat(search.mttr()).isEqualTo(new DurationSummary(2, min(61), min(63)));

        ResponseTimeFigures noService = report.byService().get(ResponseTimeStats.NO_SERVICE);
        assertThat(noService.mtta()).isEqualTo(DurationSummary.NONE);
        assertThat(noService.mttr()).isEqualTo(new DurationSummary(1, min(9), min(9)));

        assertThat(report.byService().keySet()).containsExactly(ResponseTimeStats.NO_SERVICE, "checkout", "search");
    }

    @Test
    void overall_and_per_severity() {
        ResponseTimeReport report = ResponseTimeStats.report(knownSet(), new ReportingPeriod(MARCH, APRIL));

        assertThat(report.overall().incidents()).isEqualTo(14);
        // TTA 1,2,3,4,5,6,8,10,12,14,16,18,20 (13 values): rank 7 = 8, rank ceil(11.7) = 12 = 18.
        assertThat(report.overall().mtta()).isEqualTo(new DurationSummary(13, min(8), min(18)));

        assertThat(report.bySeverity().keySet())
                .containsExactly(IncidentSeverity.SEV2, IncidentSeverity.SEV3, IncidentSeverity.SEV4);
        assertThat(report.bySeverity().get(IncidentSeverity.SEV2).mtta()).isEqualTo(new DurationSummary(10, min(10), min(18)));
        assertThat(report.bySeverity().get(IncidentSeverity.SEV3).mtta()).isEqualTo(new DurationSummary(3, min(3), min(5)));
    }

    @Test
    void the_period_includes_its_start_and_excludes_its_end() {
        ResponseTimeReport all = ResponseTimeStats.report(knownSet(), ReportingPeriod.ALL_TIME);
        assertThat(all.overall().incidents()).isEqualTo(16);
        assertThat(all.bySeverity()).containsKey(IncidentSeverity.SEV1);

        ReportingPeriod march = new ReportingPeriod(MARCH, APRIL);
        assertThat(march.includes(MARCH)).isTrue();
        assertThat(march.includes(APRIL.minusMillis(1))).isTrue();
        assertThat(march.includes(APRIL)).isFalse();
        assertThat(march.includes(MARCH.minusMillis(1))).isFalse();
        assertThat(new ReportingPeriod(MARCH, null).includes(APRIL.plus(Duration.ofDays(400)))).isTrue();
        assertThatThrownBy(() -> new ReportingPeriod(APRIL, MARCH)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void no_incidents_give_no_figures() {
        ResponseTimeReport report = ResponseTimeStats.report(List.of(), ReportingPeriod.ALL_TIME);
        assertThat(report.overall()).isEqualTo(
                new ResponseTimeFigures(0, DurationSummary.NONE, DurationSummary.NONE, DurationSummary.NONE));
        assertThat(report.byService()).isEmpty();
        assertThat(report.bySeverity()).isEmpty();
    }

    @Test
    void nearest_rank_picks_a_value_that_exists() {
        List<Duration> one = List.of(min(7));
        assertThat(ResponseTimeStats.nearestRank(one, 50)).isEqualTo(min(7));
        assertThat(ResponseTimeStats.nearestRank(one, 90)).isEqualTo(min(7));
        List<Duration> four = List.of(min(1), min(2), min(3), min(4));
        assertThat(ResponseTimeStats.nearestRank(four, 50)).isEqualTo(min(2));
        assertThat(ResponseTimeStats.nearestRank(four, 90)).isEqualTo(min(4));
        assertThat(ResponseTimeStats.nearestRank(four, 100)).isEqualTo(min(4));
        assertThat(ResponseTimeStats.nearestRank(List.of(), 50)).isNull();
        assertThatThrownBy(() -> ResponseTimeStats.nearestRank(four, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_row_comes_from_an_incidents_state() {
        UUID id = UUID.randomUUID();
        Instant declared = Instant.parse("2026-03-02T10:00:00Z");
        var state = new Incident().fold(List.of(
                new IncidentEvent.Declared(id, "INC-1", "Down", IncidentSeverity.SEV2, "checkout", null, "alex",
                        declared, declared.minusSeconds(300), DeclarationSource.MANUAL),
                new IncidentEvent.Acknowledged(id, "sam", declared.plusSeconds(60)),
                new IncidentEvent.Resolved(id, null, "sam", declared.plusSeconds(3300))));
        assertThat(ResponseTimeRow.of(state)).isEqualTo(new ResponseTimeRow(id, "checkout", IncidentSeverity.SEV2,
                declared, min(6), min(60), min(60)));
    }
}
