package app.mobilebackend.localstack.aws;

import app.mobilebackend.localstack.StandInResponses;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFront's CreateInvalidation on a loopback port, as the AWS SDK v2 CloudFront client speaks it: the REST-XML
 * protocol, {@code POST /2020-05-31/distribution/<id>/invalidation} with an {@code InvalidationBatch} document (in the
 * {@value #NAMESPACE} namespace), answered 201 with a {@code Location} and the {@code Invalidation} document; a request
 * without a SigV4 {@code Authorization} header gets CloudFront's 403 error document, a reused caller reference with
 * other paths its 409 {@code InvalidationBatchAlreadyExists}. It keeps the invalidations it accepted. The CloudFront
 * signed URLs of the content area need no service: {@link CloudFrontTestKeys}.
 */
public final class CloudFrontStandIn implements AutoCloseable {

    public static final String NAMESPACE = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private static final Pattern PATH = Pattern.compile("/2020-05-31/distribution/([A-Za-z0-9]+)/invalidation");

    /** One invalidation CloudFront accepted. */
    public record Invalidation(String id, String distributionId, String callerReference, List<String> paths) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Invalidation> invalidations = new ArrayList<>();

    private CloudFrontStandIn(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on a free loopback port. */
    public static CloudFrontStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService executor = Executors.newFixedThreadPool(2);
            server.setExecutor(executor);
            CloudFrontStandIn cloudFront = new CloudFrontStandIn(server, executor);
            server.createContext("/", cloudFront::handle);
            server.start();
            return cloudFront;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the CloudFront stand-in", e);
        }
    }

    /** The URL to point the CloudFront client at. */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** The invalidations accepted so far, in order. */
    public synchronized List<Invalidation> invalidations() {
        return List.copyOf(invalidations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                error(exchange, 404, "NoSuchResource", "The specified resource does not exist.");
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
                error(exchange, 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
                return;
            }
            Element batch;
            try {
                batch = parse(exchange.getRequestBody().readAllBytes()).getDocumentElement();
            } catch (SAXException e) {
                error(exchange, 400, "MalformedInput", "The XML document is malformed.");
                return;
            }
            if (!"InvalidationBatch".equals(batch.getLocalName()) || !NAMESPACE.equals(batch.getNamespaceURI())) {
                error(exchange, 400, "MalformedInput", "Not an InvalidationBatch of " + NAMESPACE);
                return;
            }
            String callerReference = text(batch, "CallerReference");
            List<String> paths = new ArrayList<>();
            NodeList items = batch.getElementsByTagNameNS(NAMESPACE, "Path");
            for (int i = 0; i < items.getLength(); i++) {
                paths.add(items.item(i).getTextContent());
            }
            String quantity = text(batch, "Quantity");
            if (callerReference.isEmpty() || paths.isEmpty() || !String.valueOf(paths.size()).equals(quantity)
                || paths.stream().anyMatch(p -> !p.startsWith("/"))) {
                error(exchange, 400, "InvalidArgument", "Quantity must equal the number of Paths, each starting with /, and a CallerReference is required.");
                return;
            }
            Invalidation accepted;
            synchronized (this) {
                var earlier = invalidations.stream().filter(i -> i.callerReference().equals(callerReference)).findFirst();
                if (earlier.isPresent() && !earlier.get().paths().equals(paths)) {
                    error(exchange, 409, "InvalidationBatchAlreadyExists", "The caller reference was used for another batch.");
                    return;
                }
                accepted = earlier.orElseGet(() -> new Invalidation("I" + UUID.randomUUID().toString().replace("-", "").substring(0, 13).toUpperCase(),
                    path.group(1), callerReference, List.copyOf(paths)));
                if (earlier.isEmpty()) {
                    invalidations.add(accepted);
                }
            }
            StringBuilder items2 = new StringBuilder();
            accepted.paths().forEach(p -> items2.append("<Path>").append(escape(p)).append("</Path>"));
            String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Invalidation xmlns=\"" + NAMESPACE + "\"><Id>" + accepted.id()
                + "</Id><Status>InProgress</Status><CreateTime>" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "</CreateTime><InvalidationBatch><Paths><Quantity>" + accepted.paths().size() + "</Quantity><Items>" + items2
                + "</Items></Paths><CallerReference>" + escape(callerReference) + "</CallerReference></InvalidationBatch></Invalidation>";
            StandInResponses.send(exchange, 201, "text/xml", Map.of("Location",
                url() + "/2020-05-31/distribution/" + accepted.distributionId() + "/invalidation/" + accepted.id()), body);
        }
    }

    private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        String body = "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>Sender</Type><Code>" + code
            + "</Code><Message>" + escape(message) + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
        StandInResponses.send(exchange, status, "text/xml", Map.of(), body);
    }

    private static Document parse(byte[] xml) throws SAXException, IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(NAMESPACE, name);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
