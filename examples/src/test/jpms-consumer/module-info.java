/**
 * A small application that is a module, as a maskpipe user would write it: ModularConsumerTest compiles it on a
 * module path of the library's modules and their runtime dependencies, then runs it with {@code java -m}.
 */
// --- docs/getting-started.md: module-info ---
module com.example.logins {
    requires io.maskpipe.sqs;      // and, transitively: io.maskpipe.core, the SDK's sqs, regions and auth modules
    requires io.maskpipe.postgres; // and, transitively: io.maskpipe.core, java.sql, org.jdbi.v3.core
}
// --- end ---
