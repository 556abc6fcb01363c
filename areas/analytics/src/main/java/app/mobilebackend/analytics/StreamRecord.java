package app.mobilebackend.analytics;

/** One record for the stream: its partition key (the pseudonymous id) and its data (the event as JSON). */
public record StreamRecord(String partitionKey, byte[] data) {
}
