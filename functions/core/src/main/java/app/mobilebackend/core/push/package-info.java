/**
 * Devices registered for push notifications and the push notifications sent to them through SNS mobile push.
 * {@link app.mobilebackend.core.push.DeviceService} keeps one row per device token and one SNS platform endpoint
 * per row; {@link app.mobilebackend.core.push.PushOutboxPublisher} sends the outbox's {@code push} events to every
 * enabled endpoint of the user they concern. SNS is reached through {@link app.mobilebackend.core.push.PushEndpoints},
 * whose SNS implementation exists only in functions that carry the SNS SDK.
 */
package app.mobilebackend.core.push;
