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
 * CloudFront's CreateInvalidation, GetDistributionConfig and UpdateDistribution on a loopback port, as the AWS SDK v2
 * CloudFront client speaks them: the REST-XML
 * protocol, {@code POST /2020-05-31/distribution/<id>/invalidation} with an {@code InvalidationBatch} document (in the
 * {@value #NAMESPACE} namespace), answered 201 with a {@code Location} and the {@code Invalidation} document; a request
 * without a SigV4 {@code Authorization} header gets CloudFront's 403 error document, a reused caller reference with
 * other paths its 409 {@code InvalidationBatchAlreadyExists}. It keeps the invalidations it accepted. A distribution
 * added with {@link #addDistribution} answers {@code GET .../distribution/<id>/config} with its {@code DistributionConfig}
 * and an {@code ETag}, and takes {@code PUT .../config} only with that ETag in {@code If-Match} (else 412
 * {@code PreconditionFailed}), keeping the document as sent and answering a new ETag. The CloudFront
 * signed URLs of the content area need no service: {@link CloudFrontTestKeys}.
 */
public final class CloudFrontStandIn implements AutoCloseable {

    public static final String NAMESPACE = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private static final Pattern PATH = Pattern.compile("/2020-05-31/distribution/([A-Za-z0-9]+)/invalidation");
    private static final Pattern CONFIG_PATH = Pattern.compile("/2020-05-31/distribution/([A-Za-z0-9]+)/config");
    private static final Pattern ORIGIN_VERIFY = Pattern.compile(
        "<OriginCustomHeader><HeaderName>X-Origin-Verify</HeaderName><HeaderValue>([^<]*)</HeaderValue></OriginCustomHeader>");

    /** A distribution's configuration document and its current ETag. */
    private record Config(String xml, String etag) {
    }

    private final Map<String, Config> configs = new java.util.HashMap<>();
    private final List<String> configUpdates = new ArrayList<>();

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

    /**
     * Adds a distribution whose one origin sends {@code X-Origin-Verify: <originVerify>}: a DistributionConfig with
     * what the templates' edge distribution has that matters here (its origin and custom header).
     */
    public synchronized CloudFrontStandIn addDistribution(String id, String originVerify) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DistributionConfig xmlns=\"" + NAMESPACE + "\">"
            + "<CallerReference>edge-" + id + "</CallerReference><Comment>mobile-backend edge</Comment><Enabled>true</Enabled>"
            + "<Origins><Quantity>1</Quantity><Items><Origin><Id>api</Id><DomainName>api-origin.example.com</DomainName>"
            + "<OriginPath></OriginPath><CustomHeaders><Quantity>1</Quantity><Items><OriginCustomHeader><HeaderName>X-Origin-Verify"
            + "</HeaderName><HeaderValue>" + escape(originVerify) + "</HeaderValue></OriginCustomHeader></Items></CustomHeaders>"
            + "<CustomOriginConfig><HTTPPort>80</HTTPPort><HTTPSPort>443</HTTPSPort><OriginProtocolPolicy>https-only"
            + "</OriginProtocolPolicy></CustomOriginConfig></Origin></Items></Origins>"
            + "<DefaultCacheBehavior><TargetOriginId>api</TargetOriginId><ViewerProtocolPolicy>https-only</ViewerProtocolPolicy>"
            + "</DefaultCacheBehavior></DistributionConfig>";
        configs.put(id, new Config(xml, "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase()));
        return this;
    }

    /** The value the distribution's origin sends as {@code X-Origin-Verify} now. */
    public synchronized String originVerify(String distributionId) {
        Matcher header = ORIGIN_VERIFY.matcher(configs.get(distributionId).xml());
        return header.find() ? header.group(1) : null;
    }

    /** How many UpdateDistribution calls were accepted, per distribution id, in order. */
    public synchronized List<String> configUpdates() {
        return List.copyOf(configUpdates);
    }

    /** The invalidations accepted so far, in order. */
    public synchronized List<Invalidation> invalidations() {
        return List.copyOf(invalidations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher config = CONFIG_PATH.matcher(exchange.getRequestURI().getPath());
            if (config.matches()) {
                distributionConfig(exchange, config.group(1));
                return;
            }
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

    private void distributionConfig(HttpExchange exchange, String id) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            error(exchange, 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
            return;
        }
        synchronized (this) {
            Config current = configs.get(id);
            if (current == null) {
                error(exchange, 404, "NoSuchDistribution", "The specified distribution does not exist.");
                return;
            }
            if ("GET".equals(exchange.getRequestMethod())) {
                StandInResponses.send(exchange, 200, "text/xml", Map.of("ETag", current.etag()), current.xml());
                return;
            }
            if (!"PUT".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "MethodNotAllowed", "Not allowed");
                return;
            }
            if (!current.etag().equals(exchange.getRequestHeaders().getFirst("If-Match"))) {
                error(exchange, 412, "PreconditionFailed", "The If-Match version is missing or not valid for the resource.");
                return;
            }
            String xml = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            try {
                Element root = parse(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).getDocumentElement();
                if (!"DistributionConfig".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
                    error(exchange, 400, "MalformedInput", "Not a DistributionConfig of " + NAMESPACE);
                    return;
                }
            } catch (SAXException e) {
                error(exchange, 400, "MalformedInput", "The XML document is malformed.");
                return;
            }
            Config updated = new Config(xml, "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase());
            configs.put(id, updated);
            configUpdates.add(id);
            String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Distribution xmlns=\"" + NAMESPACE + "\"><Id>" + id
                + "</Id><Status>InProgress</Status></Distribution>";
            StandInResponses.send(exchange, 200, "text/xml", Map.of("ETag", updated.etag()), body);
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
