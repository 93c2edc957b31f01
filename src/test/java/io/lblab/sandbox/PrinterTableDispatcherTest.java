package io.lblab.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-process API fills kubectl's columns with the JSONPath forms the CRD uses. */
class PrinterTableDispatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fieldsAndFilteredArrayElements() throws Exception {
        JsonNode lab = JSON.readTree("""
                {"status":{"phase":"Ready","resourceGroup":"rg",
                  "conditions":[{"type":"Other","reason":"X"},{"type":"Ready","reason":"Provisioned"}]}}""");
        assertThat(PrinterTableDispatcher.at(lab, ".status.phase").asText()).isEqualTo("Ready");
        assertThat(PrinterTableDispatcher.at(lab, ".status.conditions[?(@.type==\"Ready\")].reason").asText()).isEqualTo("Provisioned");
        assertThat(PrinterTableDispatcher.at(lab, ".status.conditions[?(@.type==\"Gone\")].reason").isMissingNode()).isTrue();
        assertThat(PrinterTableDispatcher.at(lab, ".status.outboundIP").isMissingNode()).isTrue();
    }
}
