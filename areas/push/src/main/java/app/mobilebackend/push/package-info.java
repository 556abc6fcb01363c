/**
 * Devices registered for push notifications and the push notifications sent to them through SNS mobile push.
 * {@link app.mobilebackend.push.DeviceService} keeps one row per device token and one SNS platform endpoint
 * per row; {@link app.mobilebackend.push.PushOutboxPublisher} sends the outbox's {@code push} events to every
 * enabled endpoint of the user they concern. SNS is reached through {@link app.mobilebackend.push.PushEndpoints},
 * whose SNS implementation exists only in functions that carry the SNS SDK.
 */
package app.mobilebackend.push;
