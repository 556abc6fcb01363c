package app.mobilebackend.functions.usermigration;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.util.Map;

/** Migrate-user events as Cognito sends them (the developer guide's "Migrate user Lambda trigger" shape). */
final class MigrateUserEvents {

    private MigrateUserEvents() {
    }

    /** {@code UserMigration_Authentication}: an unknown user signs in with {@code password}. */
    static String authentication(String username, String password) {
        String quoted = JSONObjectUtils.toJSONString(Map.of("p", password)).replaceFirst("^\\{\"p\":", "").replaceFirst("}$", "");
        return event("UserMigration_Authentication", username,
            "\"password\": " + quoted + ", \"validationData\": null, \"userAttributes\": null, \"clientMetadata\": {\"app\": \"mobile\"}");
    }

    /** {@code UserMigration_ForgotPassword}: an unknown user asks to reset their password. */
    static String forgotPassword(String username) {
        return event("UserMigration_ForgotPassword", username,
            "\"password\": null, \"validationData\": null, \"userAttributes\": null, \"clientMetadata\": null");
    }

    private static String event(String triggerSource, String username, String request) {
        return """
            {
              "version": "1",
              "triggerSource": "%s",
              "region": "eu-west-1",
              "userPoolId": "eu-west-1_EXAMPLE",
              "userName": "%s",
              "callerContext": {
                "awsSdkVersion": "aws-sdk-unknown-unknown",
                "clientId": "1example23456789"
              },
              "request": { %s },
              "response": {
                "userAttributes": null,
                "forceAliasCreation": null,
                "enableSMSMFA": null,
                "finalUserStatus": null,
                "messageAction": null,
                "desiredDeliveryMediums": null
              }
            }""".formatted(triggerSource, username, request);
    }
}
