package app.mobilebackend.devserver;

import app.mobilebackend.localstack.aws.PresignedRequests;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A photo uploaded to the dev server's S3 stand-in through its presigned URL gets its thumbnail, as in AWS. */
class DevThumbnailsTest {

    private static DevServer dev;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        dev = SharedDevServer.get();
    }


    @Test
    void anUploadedPhotoGetsAThumbnailUrl() throws Exception {
        String token = dev.token("thumbs-" + UUID.randomUUID());
        byte[] png = png(640, 480);
        Map<String, Object> created = call("POST", "/files", token,
            "{\"name\":\"photo.png\",\"contentType\":\"image/png\",\"size\":" + png.length + "}", 201);
        String id = (String) JSONObjectUtils.getJSONObject(created, "file").get("id");
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) (Map<?, ?>) JSONObjectUtils.getJSONObject(created, "uploadHeaders");

        assertEquals(200, PresignedRequests.put((String) created.get("uploadUrl"), headers, png).statusCode());

        String thumbnailUrl = null;
        // The thumbnail is made off the request's thread, as EventBridge invokes the function: wait for it.
        for (int attempt = 0; attempt < 300 && thumbnailUrl == null; attempt++) {
            thumbnailUrl = (String) call("GET", "/files/" + id, token, null, 200).get("thumbnailUrl");
            if (thumbnailUrl == null) {
                Thread.sleep(100);
            }
        }
        assertNotNull(thumbnailUrl, "no thumbnail after 30 s");
        var thumbnail = ImageIO.read(new ByteArrayInputStream(PresignedRequests.get(thumbnailUrl).body()));
        assertEquals(256, thumbnail.getWidth());
        assertEquals(192, thumbnail.getHeight());
    }

    private static Map<String, Object> call(String method, String path, String token, String body, int status)
        throws IOException, InterruptedException, ParseException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(dev.url() + path))
            .header("Authorization", "Bearer " + token)
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        return JSONObjectUtils.parse(response.body());
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
