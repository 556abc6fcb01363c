package app.mobilebackend.files;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The rules for a file's name: 1 to 255 characters (code points, as the spec's {@code maxLength} counts them) of
 * Unicode text, without {@code ..}, {@code /}, {@code \} or control characters.
 */
final class FileNames {

    static final int MAX_CHARACTERS = 255;

    private FileNames() {
    }

    /** What is wrong with {@code name}, or empty when it is a valid file name. */
    static Optional<String> problem(String name) {
        try {
            StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(name));
        } catch (CharacterCodingException e) {
            return Optional.of("must be Unicode text");
        }
        int characters = name.codePointCount(0, name.length());
        if (characters < 1 || characters > MAX_CHARACTERS) {
            return Optional.of("must be 1 to " + MAX_CHARACTERS + " characters long");
        }
        if (name.contains("..")) {
            return Optional.of("must not contain \"..\"");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of("must not contain / or \\");
        }
        // Unicode Cc: U+0000 to U+001F, DEL and U+0080 to U+009F.
        if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }
}
