package app.mobilebackend.core.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class EncodedPathsTest {

    @Test
    void leavesAnEncodedPathAsItIs() {
        for (String path : new String[] {"/todos/a%25b", "/todos/a%20b", "/todos/%22x%22", "/todos/%00", "/todos/caf%C3%A9",
            "/todos/%F0%9F%98%80", "/todos/a+b", "/todos/a%2Fb", "/todos/..", "/todos/a;b=c@d:e!$&'()*,~_-.", "/", ""}) {
            assertSame(path, EncodedPaths.encode(path), path);
        }
    }

    @Test
    void encodesWhatCannotStandLiterallyInAPath() {
        assertEquals("/todos/a%25b", EncodedPaths.encode("/todos/a%b"));
        assertEquals("/todos/%25zz%25", EncodedPaths.encode("/todos/%zz%"));
        assertEquals("/todos/a%20b", EncodedPaths.encode("/todos/a b"));
        assertEquals("/todos/%22x%22%5C%7B%7D%7C%5E%60%3C%3E", EncodedPaths.encode("/todos/\"x\"\\{}|^`<>"));
        assertEquals("/todos/%00%0D%0A%09%7F", EncodedPaths.encode("/todos/\u0000\r\n\t\u007f"));
        assertEquals("/todos/a%3Fb%23c", EncodedPaths.encode("/todos/a?b#c"));
        assertEquals("/todos/caf%C3%A9%F0%9F%98%80", EncodedPaths.encode("/todos/café\uD83D\uDE00"));
        assertEquals("/todos/%3F", EncodedPaths.encode("/todos/\uD83D"));
    }

    @Test
    void everyEncodedPathParsesAsAUriPathWithTheSameDecodedValue() {
        String id = "a%b c\"d\\e\u0000f\u007fg?h#i{j}é\uD83D\uDE00";
        URI uri = URI.create(EncodedPaths.encode("/todos/" + id));
        assertEquals("/todos/" + id, uri.getPath());
    }

    @Test
    void setsTheEncodedPathOnTheEvent() {
        var event = new APIGatewayProxyRequestEvent().withPath("/todos/a b");
        assertSame(event, EncodedPaths.encode(event));
        assertEquals("/todos/a%20b", event.getPath());
        assertNull(EncodedPaths.encode(new APIGatewayProxyRequestEvent()).getPath());
    }
}
