package io.lblab.reconciler;

import io.lblab.api.Phase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's table of Ready reasons is the {@link ReadyReason} enum, row for row. */
class ReadyReasonTableTest {

    static String table() {
        String header = "| `Ready` | Reason | Phase | Meaning |\n|---|---|---|---|\n";
        return header + Stream.of(ReadyReason.values()).map(reason -> {
            Phase retrying = reason.phase(true);
            Phase stuck = reason.phase(false);
            String phase = retrying == stuck ? "`" + retrying + "`" : "`" + retrying + "` or `" + stuck + "`";
            String ready = reason == ReadyReason.Provisioned ? "`True`" : "`False`";
            return "| " + ready + " | `" + reason.name() + "` | " + phase + " | " + reason.description() + " |";
        }).collect(Collectors.joining("\n")) + "\n";
    }

    @Test
    void theReadmeListsEveryReasonAsTheEnumDefinesIt() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).as("README.md's Conditions table; replace it with:\n" + table()).contains(table());
    }
}
