package io.maskpipe.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK HTTP clients the harnesses weigh, each building an {@link SqsClient} for a loopback endpoint with
 * everything else at the SDK's defaults (MD5 check of received bodies included, unless turned off).
 */
enum SqsHttpClient {
    /** {@code UrlConnectionHttpClient}, what the examples use; pools through the JDK's keep-alive cache. */
    URL_CONNECTION("url-connection"),
    /** {@code Apache5HttpClient} (Apache HttpClient 5), with its pool sized to the harness's threads. */
    APACHE5("apache5"),
    /** {@code AwsCrtHttpClient} (the AWS Common Runtime, native code), its concurrency sized like apache5's pool. */
    CRT("crt");

    private final String label;

    SqsHttpClient(String label) {
        this.label = label;
    }

    /**
     * The JDK's connection settings every harness JVM uses, unless set on the command line: the url-connection client
     * pools through the JDK's keep-alive cache, which keeps 5 idle connections per host unless told otherwise (64:
     * enough for every thread, as the apache5 client's pool is); the JDK HttpClient of the raw ceiling keeps idle
     * connections 20 minutes, ElasticMQ's server (pekko-http) 60 s (30: below it).
     */
    static void jdkConnectionDefaults() {
        System.setProperty("http.maxConnections", System.getProperty("http.maxConnections", "64"));
        System.setProperty("jdk.httpclient.keepalive.timeout",
                System.getProperty("jdk.httpclient.keepalive.timeout", "30"));
    }

    String label() {
        return label;
    }

    static SqsHttpClient parse(String text) {
        for (SqsHttpClient client : values()) {
            if (client.label.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return client;
            }
        }
        throw new IllegalArgumentException("unknown HTTP client '" + text + "' (url-connection, apache5, crt)");
    }

    SqsClient sqs(URI endpoint, int maxConnections) {
        return sqs(endpoint, maxConnections, null);
    }

    /** The client, counting its calls into {@code counter} unless that is null. */
    SqsClient sqs(URI endpoint, int maxConnections, SqsCallCounter counter) {
        return sqs(endpoint, maxConnections, counter, true);
    }

    /**
     * The client, counting its calls into {@code counter} unless that is null, with the SDK's MD5 check of
     * received bodies and attributes on or off ({@code checksumValidationEnabled}).
     */
    SqsClient sqs(URI endpoint, int maxConnections, SqsCallCounter counter, boolean md5) {
        // Built by the SDK from a builder, so closing the SqsClient closes the HTTP client too.
        SdkHttpClient.Builder<?> http = switch (this) {
            case URL_CONNECTION -> UrlConnectionHttpClient.builder();
            case APACHE5 -> Apache5HttpClient.builder().maxConnections(maxConnections)
                    .connectionAcquisitionTimeout(Duration.ofSeconds(30));
            case CRT -> AwsCrtHttpClient.builder().maxConcurrency(maxConnections)
                    .connectionAcquisitionTimeout(Duration.ofSeconds(30));
        };
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClientBuilder(http)
                .checksumValidationEnabled(md5)
                .overrideConfiguration(c -> {
                    if (counter != null) {
                        c.addExecutionInterceptor(counter);
                    }
                })
                .build();
    }
}
