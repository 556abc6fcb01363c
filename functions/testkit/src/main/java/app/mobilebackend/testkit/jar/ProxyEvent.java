package app.mobilebackend.testkit.jar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API Gateway REST proxy event (payload 1.0) as plain data, so that a test can describe it on its own class path and
 * {@link DeployedJar} can build it from the jar's own event class. Any map may be null, as API Gateway sends it.
 */
public record ProxyEvent(
    String httpMethod,
    String path,
    String resource,
    Map<String, String> headers,
    Map<String, List<String>> multiValueHeaders,
    Map<String, String> queryStringParameters,
    Map<String, List<String>> multiValueQueryStringParameters,
    Map<String, String> pathParameters,
    String body,
    Boolean isBase64Encoded,
    RequestContext requestContext) {

    /** The part of the request context a function may read: the stage and the path as the client sent it. */
    public record RequestContext(String requestId, String stage, String path) {
    }

    /**
     * The event API Gateway sends for this request: single-value maps keep the last value of a repeated name; empty
     * query and path parameter maps are null.
     */
    public static ProxyEvent of(String method, String path, String resource, Map<String, List<String>> headers,
                                Map<String, List<String>> query, Map<String, String> pathParameters, String body) {
        return new ProxyEvent(method, path, resource, single(headers), copy(headers),
            query.isEmpty() ? null : single(query), query.isEmpty() ? null : copy(query),
            pathParameters.isEmpty() ? null : Map.copyOf(pathParameters), body, false,
            new RequestContext("contract-" + System.nanoTime(), "local", "/local" + path));
    }

    public ProxyEvent withHeaders(Map<String, String> single, Map<String, List<String>> multi) {
        return new ProxyEvent(httpMethod, path, resource, single, multi, queryStringParameters, multiValueQueryStringParameters,
            pathParameters, body, isBase64Encoded, requestContext);
    }

    public ProxyEvent withQuery(Map<String, String> single, Map<String, List<String>> multi) {
        return new ProxyEvent(httpMethod, path, resource, headers, multiValueHeaders, single, multi, pathParameters, body,
            isBase64Encoded, requestContext);
    }

    public ProxyEvent withPath(String newPath, String newResource) {
        return new ProxyEvent(httpMethod, newPath, newResource, headers, multiValueHeaders, queryStringParameters,
            multiValueQueryStringParameters, pathParameters, body, isBase64Encoded, requestContext);
    }

    public ProxyEvent withHttpMethod(String method) {
        return new ProxyEvent(method, path, resource, headers, multiValueHeaders, queryStringParameters,
            multiValueQueryStringParameters, pathParameters, body, isBase64Encoded, requestContext);
    }

    public ProxyEvent withBody(String newBody, Boolean base64) {
        return new ProxyEvent(httpMethod, path, resource, headers, multiValueHeaders, queryStringParameters,
            multiValueQueryStringParameters, pathParameters, newBody, base64, requestContext);
    }

    public ProxyEvent withRequestContext(RequestContext context) {
        return new ProxyEvent(httpMethod, path, resource, headers, multiValueHeaders, queryStringParameters,
            multiValueQueryStringParameters, pathParameters, body, isBase64Encoded, context);
    }

    private static Map<String, String> single(Map<String, List<String>> values) {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((name, list) -> result.put(name, list.get(list.size() - 1)));
        return result;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> values) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        values.forEach((name, list) -> result.put(name, List.copyOf(list)));
        return result;
    }
}
