package app.mobilebackend.infra.policy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static app.mobilebackend.infra.policy.Templates.list;
import static app.mobilebackend.infra.policy.Templates.map;
import static app.mobilebackend.infra.policy.Templates.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The welcome mail has a network route (issue 19; README, "Welcome mail from outside the VPC"): SES's API has no VPC
 * interface endpoint and the VPC no NAT, so every function allowed to send mail must run outside the VPC; the
 * post-confirmation trigger, in the VPC, hands the mail on through the outbox and the bus, whose rule reaches the
 * mail function.
 */
class WelcomeMailRoutePolicyTest {

    @Test
    void everyFunctionThatSendsMailRunsOutsideTheVpc() {
        Templates real = Templates.load(Templates.realDirectory());
        List<String> senders = mailSenders(real);
        assertEquals(List.of("stacks/triggers.yaml Resources.WelcomeMailFunction"), senders);
        assertEquals(List.of(), mailSendersInTheVpc(real));
    }

    @Test
    void aMailSenderPutInTheVpcIsCaught() {
        Templates planted = Templates.load(Templates.realDirectory());
        Templates.Resource mail = resource(planted, "stacks/triggers.yaml", "WelcomeMailFunction");
        mail.properties().put("VpcConfig", Map.of("SubnetIds", Map.of("Ref", "SubnetIds")));

        assertEquals(List.of("stacks/triggers.yaml Resources.WelcomeMailFunction"), mailSendersInTheVpc(planted));
    }

    @Test
    void postConfirmationInTheVpcHandsTheMailToTheBusRuleOfTheMailFunction() {
        Templates real = Templates.load(Templates.realDirectory());
        Templates.Resource postConfirmation = resource(real, "stacks/triggers.yaml", "PostConfirmationFunction");
        assertTrue(postConfirmation.property("VpcConfig") != null, "post-confirmation reaches the database in the VPC");
        assertFalse(map(map(postConfirmation.property("Environment")).get("Variables")).containsKey("MAIL_FROM"));

        Templates.Resource rule = resource(real, "stacks/events.yaml", "WelcomeMailRequestedRule");
        Map<String, Object> pattern = map(rule.property("EventPattern"));
        // the source and type the relay publishes post-confirmation's outbox event under (EventSources)
        assertEquals(List.of("mobile-backend.identity"), pattern.get("source"));
        assertEquals(List.of("WelcomeMailRequested"), pattern.get("detail-type"));
        assertEquals("${EventBus}", text(rule.property("EventBusName")));
        Map<String, Object> target = map(list(rule.property("Targets")).get(0));
        assertEquals("${WelcomeMailFunctionArn}", text(target.get("Arn")));
        assertEquals("${WelcomeMailDlq.Arn}", text(map(target.get("DeadLetterConfig")).get("Arn")));
        assertEquals("${WelcomeMailRequestedRule.Arn}", text(resource(real, "stacks/events.yaml", "WelcomeMailInvokePermission").property("SourceArn")));
        Map<String, Object> passed = map(resource(real, "root.yaml", "EventsStack").property("Parameters"));
        assertEquals("${TriggersStack.Outputs.WelcomeMailFunctionAliasArn}",
            text(list(map(passed.get("WelcomeMailFunctionArn")).get("Fn::If")).get(1)));
        // the relay, in the VPC, reaches the bus through the EventBridge interface endpoint
        assertTrue(real.resources("stacks/network.yaml").stream().anyMatch(r -> r.type().equals("AWS::EC2::VPCEndpoint")
            && text(r.property("ServiceName")).endsWith(".events")), "an EventBridge endpoint in the VPC");
    }

    /** Functions whose role may call ses:Send*. */
    private static List<String> mailSenders(Templates templates) {
        List<String> senders = new ArrayList<>();
        for (Templates.Resource function : templates.resourcesOfType("AWS::Lambda::Function")) {
            String role = Templates.referencedId(function.property("Role"));
            Templates.Resource roleResource = templates.resources(function.file()).stream()
                .filter(r -> r.id().equals(role)).findFirst().orElse(null);
            if (roleResource != null && mayCallSes(roleResource)) {
                senders.add(function.where());
            }
        }
        return senders;
    }

    private static List<String> mailSendersInTheVpc(Templates templates) {
        List<String> inVpc = new ArrayList<>();
        for (String sender : mailSenders(templates)) {
            String file = sender.substring(0, sender.indexOf(" Resources."));
            String id = sender.substring(sender.indexOf(" Resources.") + " Resources.".length());
            if (resource(templates, file, id).property("VpcConfig") != null) {
                inVpc.add(sender);
            }
        }
        return inVpc;
    }

    /** Whether any inline policy statement of the role (an Fn::If's branches included) names an ses:Send action. */
    private static boolean mayCallSes(Templates.Resource role) {
        return String.valueOf(role.property("Policies")).matches("(?s).*ses:Send.*");
    }

    private static Templates.Resource resource(Templates templates, String file, String id) {
        return templates.resources(file).stream().filter(r -> r.id().equals(id)).findFirst()
            .orElseThrow(() -> new AssertionError(file + " has no resource " + id));
    }
}
