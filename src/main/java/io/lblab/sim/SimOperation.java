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
 * @param unanswered       true when the write that started the operation was applied but its answer was replaced
 *                         by an after-commit fault: the client does not know the operation exists
 * @param unansweredFault  that fault ({@code afterCommitReset}, {@code afterCommit500}, {@code afterCommit502},
 *                         {@code afterCommit504}, {@code afterCommitTimeout}), else null
 */
public record SimOperation(String operationId, String resourceId, String resourceType, String method,
                           boolean created, String status, String startedAt, String endedAt, double simulatedSeconds,
                           String errorCode, boolean unanswered, String unansweredFault) {
}
