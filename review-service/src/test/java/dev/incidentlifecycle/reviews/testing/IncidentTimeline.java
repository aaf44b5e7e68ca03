package dev.incidentlifecycle.reviews.testing;

import dev.incidentlifecycle.testing.RealInfrastructure;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Looks into the incidents read model, for incidents that have no review to show them. */
public final class IncidentTimeline {

    private IncidentTimeline() {
    }

    /** True once the incident event sent as {@code record} is in its incident's timeline. */
    public static boolean contains(ProducerRecord<String, byte[]> record) {
        try (Connection connection = RealInfrastructure.postgres().connect("reviews");
             PreparedStatement query = connection.prepareStatement("select count(*) from incident_timeline where entry_id = ?")) {
            query.setString(1, IncidentStory.ceId(record));
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() && rs.getLong(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
