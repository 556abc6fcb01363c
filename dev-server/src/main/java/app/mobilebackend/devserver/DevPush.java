package app.mobilebackend.devserver;

import app.mobilebackend.localstack.aws.SnsStandIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Push notifications without a cloud account: the SNS stand-in plays SNS mobile push (platform endpoints for
 * registered devices, with made-up FCM and APNs platform applications) and logs every notification the backend
 * publishes ({@code SNS push to arn:aws:sns:...:endpoint/GCM/...: {...}}), so pushes show up in the server's log.
 */
final class DevPush implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevPush.class);

    private final SnsStandIn sns;

    private DevPush(SnsStandIn sns) {
        this.sns = sns;
    }

    static DevPush start() {
        SnsStandIn sns = SnsStandIn.start();
        LOG.info("Push notifications: SNS stand-in at {}; every push is logged by {}", sns.url(), SnsStandIn.class.getSimpleName());
        return new DevPush(sns);
    }

    /** Points the devices functions and the push publisher at the stand-in. */
    Map<String, Object> properties() {
        return sns.properties();
    }

    @Override
    public void close() {
        sns.close();
    }
}
