package dev.incidentlifecycle.reviews.config;

import dev.incidentlifecycle.reviews.policy.BusinessCalendar;
import dev.incidentlifecycle.reviews.schedule.Facilitator;
import dev.incidentlifecycle.reviews.schedule.FacilitatorDirectory;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@code reviews.facilitators}, {@code reviews.facilitator-directory.*} and {@code reviews.service-teams.*} read. */
class FacilitatorDirectorySettingsTest {

    private static FacilitatorDirectory directoryOf(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(Map.of(
                "reviews.policy.sev1.requirement", "REQUIRED",
                "reviews.policy.sev2.requirement", "REQUIRED",
                "reviews.policy.sev3.requirement", "SUGGESTED",
                "reviews.policy.sev4.requirement", "NONE",
                "reviews.calendar.zone", "UTC",
                "reviews.calendar.holidays", "2026-12-25"));
        all.putAll(properties);
        ReviewSettings settings = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(all, "test", 100))
                .withMapping(ReviewSettings.class)
                .build()
                .getConfigMapping(ReviewSettings.class);
        ReviewConfiguration configuration = new ReviewConfiguration();
        return configuration.facilitatorDirectory(settings, configuration.businessCalendar(settings));
    }

    @Test
    void a_plain_list_keeps_its_order_and_the_organisations_calendar_as_before() {
        FacilitatorDirectory directory = directoryOf(Map.of("reviews.facilitators", "fac.amara,fac.bo,fac.chen"));

        assertThat(directory.ids()).containsExactly("fac.amara", "fac.bo", "fac.chen");
        Facilitator bo = directory.find("fac.bo").orElseThrow();
        assertThat(bo.displayName()).isEqualTo("fac.bo");
        assertThat(bo.email()).isNull();
        assertThat(bo.teams()).isEmpty();
        assertThat(bo.hours()).isEqualTo(BusinessCalendar.of(ZoneId.of("UTC"), Set.of(LocalDate.parse("2026-12-25"))));
        assertThat(directory.relatedTo("payments")).isEmpty();
    }

    @Test
    void a_directory_entry_gives_its_facilitator_a_zone_hours_days_holidays_and_teams() {
        FacilitatorDirectory directory = directoryOf(Map.of(
                "reviews.facilitators", "fac.amara,fac.bo",
                "reviews.facilitator-directory.\"fac.bo\".display-name", "Bo Lindqvist",
                "reviews.facilitator-directory.\"fac.bo\".email", "bo@example.com",
                "reviews.facilitator-directory.\"fac.bo\".time-zone", "America/New_York",
                "reviews.facilitator-directory.\"fac.bo\".working-days", "MONDAY,TUESDAY,WEDNESDAY,THURSDAY",
                "reviews.facilitator-directory.\"fac.bo\".works-from", "08:00",
                "reviews.facilitator-directory.\"fac.bo\".works-until", "16:00",
                "reviews.facilitator-directory.\"fac.bo\".holidays", "2026-11-26",
                "reviews.facilitator-directory.\"fac.bo\".teams", "platform,Payments",
                "reviews.service-teams.payments", "payments"));

        Facilitator bo = directory.find("FAC.BO").orElseThrow();
        assertThat(bo.displayName()).isEqualTo("Bo Lindqvist");
        assertThat(bo.email()).isEqualTo("bo@example.com");
        assertThat(bo.hours()).isEqualTo(new BusinessCalendar(ZoneId.of("America/New_York"),
                Set.of(LocalDate.parse("2026-11-26"), LocalDate.parse("2026-12-25")), LocalTime.of(8, 0),
                LocalTime.of(16, 0), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY)));
        assertThat(bo.teams()).containsExactlyInAnyOrder("platform", "payments");
        assertThat(directory.relatedTo("Payments")).containsExactly("fac.bo");
        assertThat(directory.relatedTo("search")).isEmpty();
    }

    @Test
    void what_an_entry_leaves_out_is_the_organisations_and_facilitators_only_in_the_directory_follow_by_id() {
        FacilitatorDirectory directory = directoryOf(Map.of(
                "reviews.facilitators", "fac.bo",
                "reviews.calendar.opens", "08:30",
                "reviews.facilitator-directory.zoe.time-zone", "Asia/Singapore",
                "reviews.facilitator-directory.\"fac.amara\".teams", "payments"));

        assertThat(directory.ids()).containsExactly("fac.bo", "fac.amara", "zoe");
        BusinessCalendar zoe = directory.find("zoe").orElseThrow().hours();
        assertThat(zoe.zone()).isEqualTo(ZoneId.of("Asia/Singapore"));
        assertThat(zoe.opens()).isEqualTo(LocalTime.of(8, 30));
        assertThat(zoe.closes()).isEqualTo(LocalTime.of(17, 0));
        assertThat(zoe.workingDays()).isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        assertThat(zoe.holidays()).containsExactly(LocalDate.parse("2026-12-25"));
    }

    @Test
    void working_hours_that_end_before_they_start_are_refused_naming_the_facilitator() {
        assertThatThrownBy(() -> directoryOf(Map.of(
                "reviews.facilitator-directory.\"fac.bo\".works-from", "18:00",
                "reviews.facilitator-directory.\"fac.bo\".works-until", "02:00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fac.bo");
    }

    @Test
    void an_email_that_is_no_address_is_refused_naming_the_facilitator() {
        assertThatThrownBy(() -> directoryOf(Map.of("reviews.facilitator-directory.\"fac.bo\".email", "bo at example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fac.bo").hasMessageContaining("e-mail");
    }
}
