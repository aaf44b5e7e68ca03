package dev.incidentlifecycle.eventstore.relay;

/** An event Kafka can never accept (e.g. larger than the topic's maximum message size), and why. */
record SetAside(LogEvent event, String reason) {
}
