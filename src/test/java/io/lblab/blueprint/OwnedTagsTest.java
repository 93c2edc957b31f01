package io.lblab.blueprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tags are the operator's: the record of the user's keys, stale and foreign tags, the tag set a PUT sends. */
class OwnedTagsTest {

    private static final String RECORD = OwnedTags.RECORD_TAG;

    // ---------------------------------------------------------------- the record

    @Test
    void theRecordListsTheKeysSortedAndCommaSeparated() {
        assertThat(OwnedTags.record(List.of("team", "Env", "cost-center"))).contains("cost-center,Env,team");
        assertThat(OwnedTags.record(List.of())).isEmpty();
    }

    @Test
    void aRecordTooLongOrAmbiguousAsNamesIsAListOfDigests() {
        List<String> forty = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            forty.add("tag-" + i + "-" + "x".repeat(500));
        }
        String record = OwnedTags.record(forty).orElseThrow();
        assertThat(record).startsWith(OwnedTags.DIGEST_FORM).hasSize(7 + 40 * 6).hasSizeLessThanOrEqualTo(OwnedTags.MAX_VALUE_LENGTH);
        assertThat(forty).allSatisfy(key -> assertThat(OwnedTags.recorded(record, key)).as(key).isTrue());
        assertThat(OwnedTags.recorded(record, forty.get(3).toUpperCase())).as("names are case-insensitive").isTrue();
        assertThat(OwnedTags.recorded(record, "team")).isFalse();

        // a comma in a key, or a first key that would read as a digest record
        assertThat(OwnedTags.record(List.of("a,b"))).get().asString().startsWith(OwnedTags.DIGEST_FORM);
        assertThat(OwnedTags.record(List.of("sha256:abcdef"))).get().asString().startsWith(OwnedTags.DIGEST_FORM);
        assertThat(OwnedTags.recorded(OwnedTags.record(List.of("a,b")).orElseThrow(), "a")).isFalse();
        assertThat(OwnedTags.recorded(OwnedTags.record(List.of("a,b")).orElseThrow(), "a,b")).isTrue();
    }

    @Test
    void aNamesRecordMatchesWholeNamesCaseInsensitively() {
        assertThat(OwnedTags.recorded("env,team", "TEAM")).isTrue();
        assertThat(OwnedTags.recorded("env,team", "tea")).isFalse();
        assertThat(OwnedTags.recorded("env,team", "env,team")).isFalse();
        assertThat(OwnedTags.recorded(null, "env")).isFalse();
        assertThat(OwnedTags.recorded("", "")).isFalse();
    }

    @Test
    void theOperatorsPrefixIsAlwaysOwned() {
        assertThat(OwnedTags.owned("lblab.io/managed-by", null)).isTrue();
        assertThat(OwnedTags.owned("LBLAB.IO/whatever", null)).isTrue();
        assertThat(OwnedTags.owned("team", null)).isFalse();
        assertThat(OwnedTags.owned("team", "team")).isTrue();
    }

    // ---------------------------------------------------------------- drift

    @Test
    void aRecordedKeyTheSpecDroppedIsStale() {
        Map<String, String> desired = tags("team", "net", RECORD, "team");
        Map<String, String> observed = tags("team", "net", "env", "dev", RECORD, "env,team", "owner", "finance");
        assertThat(OwnedTags.stale(desired, observed)).contains("env");
        assertThat(OwnedTags.differ(desired, observed)).isTrue();
        assertThat(OwnedTags.missing(desired, observed)).contains(RECORD);
    }

    @Test
    void foreignTagsAreNeitherStaleNorMissing() {
        Map<String, String> desired = tags("team", "net", RECORD, "team");
        Map<String, String> observed = tags("team", "net", RECORD, "team", "owner", "finance");
        assertThat(OwnedTags.stale(desired, observed)).isEmpty();
        assertThat(OwnedTags.missing(desired, observed)).isEmpty();
        assertThat(OwnedTags.differ(desired, observed)).isFalse();
    }

    @Test
    void valuesAreCaseSensitiveNamesAreNot() {
        assertThat(OwnedTags.missing(tags("env", "Prod"), tags("ENV", "Prod"))).isEmpty();
        assertThat(OwnedTags.missing(tags("env", "Prod"), tags("env", "prod"))).contains("env");
        assertThat(OwnedTags.stale(tags("Env", "x", RECORD, "Env"), tags("env", "x", RECORD, "env"))).isEmpty();
    }

    @Test
    void removingEveryUserTagLeavesTheRecordAndTheKeysStale() {
        Map<String, String> desired = tags("lblab.io/managed-by", "lblab-operator");
        Map<String, String> observed = tags("lblab.io/managed-by", "lblab-operator", "env", "dev", RECORD, "env");
        assertThat(OwnedTags.stale(desired, observed)).contains("env");
        assertThat(OwnedTags.toWrite(desired, observed)).containsExactlyEntriesOf(desired);
    }

    @Test
    void noTagsInAzureAtAll() {
        Map<String, String> desired = tags("team", "net", RECORD, "team");
        assertThat(OwnedTags.stale(desired, null)).isEmpty();
        assertThat(OwnedTags.missing(desired, null)).contains(RECORD);
        assertThat(OwnedTags.differ(desired, Map.of())).isTrue();
        assertThat(OwnedTags.toWrite(desired, null)).isEqualTo(desired);
    }

    // ---------------------------------------------------------------- what a PUT sends

    @Test
    void aWriteKeepsForeignTagsAndDropsStaleOnes() {
        Map<String, String> desired = tags("team", "net", RECORD, "team", "lblab.io/managed-by", "lblab-operator");
        Map<String, String> observed = tags("team", "ops", "env", "dev", RECORD, "env,team", "lblab.io/managed-by", "lblab-operator",
                "owner", "finance", "lblab.io/old-operator-tag", "x");
        assertThat(OwnedTags.toWrite(desired, observed)).isEqualTo(tags(
                "team", "net", RECORD, "team", "lblab.io/managed-by", "lblab-operator", "owner", "finance"));
    }

    @Test
    void aKeyTheSpecTakesOverIsTheSpecs() {
        // someone added owner in Azure; the spec now sets it too: the spec's value, and it is recorded as the operator's
        Map<String, String> desired = tags("owner", "platform", RECORD, "owner");
        Map<String, String> observed = tags("Owner", "finance");
        assertThat(OwnedTags.missing(tags("owner", "platform"), observed)).contains("owner");
        assertThat(OwnedTags.toWrite(desired, observed)).isEqualTo(tags("owner", "platform", RECORD, "owner"));
    }

    @Test
    void foreignTagsAreKeptOnlyAsFarAsAzuresFiftyAllow() {
        Map<String, String> desired = new TreeMap<>();
        for (int i = 0; i < 45; i++) {
            desired.put(String.format("mine-%02d", i), "v");
        }
        Map<String, String> observed = new TreeMap<>(desired);
        for (int i = 0; i < 10; i++) {
            observed.put(String.format("theirs-%02d", i), "v");
        }
        Map<String, String> written = OwnedTags.toWrite(desired, observed);
        assertThat(written).hasSize(OwnedTags.MAX_TAGS).containsAllEntriesOf(desired)
                .containsKeys("theirs-00", "theirs-04").doesNotContainKey("theirs-05");
    }

    @Test
    void theBodyToWriteReplacesOnlyTheTags() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode desired = (ObjectNode) mapper.readTree("""
                {"location":"eastus","tags":{"team":"net","lblab.io/tags":"team"},"properties":{"x":1}}""");
        JsonNode observed = mapper.readTree("""
                {"id":"/r","location":"eastus","tags":{"team":"net","env":"dev","lblab.io/tags":"env,team","owner":"finance"},
                 "properties":{"x":1,"provisioningState":"Succeeded"}}""");
        ObjectNode body = OwnedTags.bodyToWrite(desired, observed);
        assertThat(body).isEqualTo(mapper.readTree("""
                {"location":"eastus","tags":{"lblab.io/tags":"team","owner":"finance","team":"net"},"properties":{"x":1}}"""));
        assertThat(desired.get("tags").size()).as("the desired body is not changed").isEqualTo(2);
        // nothing observed (a create): the desired body as it is
        assertThat(OwnedTags.bodyToWrite(desired, null)).isEqualTo(desired);
        assertThat(OwnedTags.bodyToWrite(desired, mapper.readTree("{\"id\":\"/r\"}"))).isEqualTo(desired);
    }

    private static Map<String, String> tags(String... keysAndValues) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tags.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return tags;
    }
}
