package dev.cqrsorders.servers;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadModelRolesTest {
    @Test
    void variablesAreQuotedAsPsqlQuotesThem() {
        assertThat(ReadModelRoles.substitute("CREATE ROLE :\"owner\" PASSWORD :'owner_password';",
                Map.of("owner", "Read\"Model", "owner_password", "it's; DROP ROLE x; --")))
                .isEqualTo("CREATE ROLE \"Read\"\"Model\" PASSWORD 'it''s; DROP ROLE x; --';");
    }

    @Test
    void anUnknownVariableIsAnError() {
        assertThatThrownBy(() -> ReadModelRoles.substitute("GRANT USAGE ON SCHEMA public TO :\"nobody\";", Map.of()))
                .hasMessageContaining("nobody");
    }
}
