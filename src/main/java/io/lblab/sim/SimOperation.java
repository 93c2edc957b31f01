package io.lblab.sim;

/**
 * One long-running operation, as listed by {@code GET /_sim/operations}.
 *
 * @param created          true for a PUT that created the resource (or child) and was answered 201 Created; false
 *                         for a PUT that replaced an existing one (200) and for every DELETE
 * @param status           InProgress, Succeeded, Failed or Canceled
 * @param startedAt        wall-clock ISO-8601 instant
 * @param endedAt          wall-clock ISO-8601 instant, null while running
 * @param simulatedSeconds the operation's simulated duration (before the time scale)
 * @param errorCode        ARM error code when Failed/Canceled, else null
 */
public record SimOperation(String operationId, String resourceId, String resourceType, String method,
                           boolean created, String status, String startedAt, String endedAt, double simulatedSeconds,
                           String errorCode) {
}
