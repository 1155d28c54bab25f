package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseErrorsTest {

    @Test
    void describe_connectionCodes_nameHostAndPortNeverThePassword() {
        assertThat(DatabaseErrors.describe("08001", "jdbc:postgresql://db.internal:6432/analytics?password=pw"))
                .isEqualTo("cannot connect to db.internal:6432: is PostgreSQL running there and does it accept TCP "
                        + "connections?");
        assertThat(DatabaseErrors.describe("08006", "jdbc:postgresql://a,b:5433/x?user=u&password=pw"))
                .startsWith("cannot connect to a:5432,b:5433:");
        assertThat(DatabaseErrors.describe("08001", "jdbc:postgresql:analytics")).startsWith(
                "cannot connect to localhost:5432:");
    }

    @Test
    void describe_authenticationAndCatalogCodes_nameUserAndDatabase() {
        String url = "jdbc:postgresql://db:5432/analytics?ssl=true&user=lo%40der&password=pw";

        assertThat(DatabaseErrors.describe("28P01", url))
                .isEqualTo("password authentication failed for user 'lo@der': check the password");
        assertThat(DatabaseErrors.describe("28000", url)).startsWith("the server refused user 'lo@der'");
        assertThat(DatabaseErrors.describe("3D000", url)).isEqualTo("database 'analytics' does not exist");
        assertThat(DatabaseErrors.describe("28P01", "jdbc:postgresql://db/analytics"))
                .contains("for user (none in the URL: the driver's default)");
        assertThat(DatabaseErrors.describe("22001", url)).isEqualTo("the statement failed").doesNotContain("pw");
        assertThat(DatabaseErrors.describe(null, url)).isEqualTo("the driver failed before the server answered");
    }
}
