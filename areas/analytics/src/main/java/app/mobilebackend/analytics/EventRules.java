package app.mobilebackend.analytics;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an event may hold, in the spec's terms (schema AppEvent / EventProperties), and which properties count as
 * personal data that no stored event keeps: shared by the API function (which refuses a bad event) and the transform
 * (which cleanses what reaches the store, whatever wrote it to the stream).
 */
public final class EventRules {

    /** As the spec's {@code AppEvent.name} pattern. */
    public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9]*([._-][a-z0-9]+)*$");
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_PROPERTIES = 20;
    public static final int MAX_PROPERTY_NAME_LENGTH = 64;
    public static final int MAX_STRING_VALUE_LENGTH = 256;

    /** Property names (lower case, without separators) that name a person or a way to reach them. */
    private static final Set<String> PERSONAL_NAMES = Set.of("email", "emailaddress", "mail", "phone", "phonenumber",
        "mobile", "tel", "telephone", "name", "firstname", "lastname", "fullname", "givenname", "familyname",
        "surname", "username", "address", "streetaddress", "street", "postcode", "zipcode", "ip", "ipaddress",
        "sub", "userid", "cognitosub", "accountid", "birthdate", "dateofbirth", "dob", "ssn", "iban");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** An international phone number: a plus, then 7 to 15 digits, maybe grouped by spaces, dots, dashes or brackets. */
    private static final Pattern PHONE = Pattern.compile("\\+[\\s(]*\\d(?:[\\s().-]*\\d){6,14}");

    private EventRules() {
    }

    /** Whether {@code name} is a valid event name. */
    public static boolean validName(String name) {
        return name != null && !name.isEmpty() && name.codePointCount(0, name.length()) <= MAX_NAME_LENGTH
            && NAME.matcher(name).matches();
    }

    /** Why the property is refused, or null: 1 to 64 characters of name; a string (at most 256), number or boolean. */
    public static String propertyViolation(String name, Object value) {
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_PROPERTY_NAME_LENGTH) {
            return "names must have 1 to " + MAX_PROPERTY_NAME_LENGTH + " characters";
        }
        if (value instanceof String text) {
            return text.codePointCount(0, text.length()) > MAX_STRING_VALUE_LENGTH
                ? "must be at most " + MAX_STRING_VALUE_LENGTH + " characters long" : null;
        }
        return value instanceof Number || value instanceof Boolean ? null : "must be a string, a number or a boolean";
    }

    /** Whether the property is personal data: its name says so, or its value is an e-mail address or a phone number. */
    public static boolean personal(String name, Object value) {
        String key = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (PERSONAL_NAMES.contains(key)) {
            return true;
        }
        return value instanceof String text && (EMAIL.matcher(text).find() || PHONE.matcher(text).find());
    }
}
