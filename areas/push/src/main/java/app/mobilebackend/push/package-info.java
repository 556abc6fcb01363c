/**
 * Devices registered for push notifications and the push notifications sent to them through SNS mobile push.
 * {@link app.mobilebackend.push.DeviceService} keeps one row per device token and one SNS platform endpoint
 * per row; {@link app.mobilebackend.push.PushOutboxPublisher} sends the outbox's {@code push} events to every
 * enabled endpoint of the user they concern. SNS is reached through {@link app.mobilebackend.push.PushEndpoints},
 * an interface so that tests can stand in for SNS.
 */
package app.mobilebackend.push;
