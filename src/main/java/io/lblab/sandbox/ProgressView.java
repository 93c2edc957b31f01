package io.lblab.sandbox;

import io.lblab.api.LoadBalancerLab;
import io.lblab.api.StepState;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Live progress per lab: phase, steps done out of total, wall time and simulated Azure time. On a terminal the
 * table redraws in place; in a pipe or CI log, one line per change.
 */
final class ProgressView {

    private final PrintStream out;
    private final boolean terminal;
    private final double timeScale;
    private List<String> lastRows = List.of();
    private int drawnLines;

    ProgressView(PrintStream out, boolean terminal, double timeScale) {
        this.out = out;
        this.terminal = terminal;
        this.timeScale = timeScale;
    }

    void show(List<LoadBalancerLab> labs, Duration elapsed) {
        List<String> rows = new ArrayList<>();
        for (LoadBalancerLab lab : labs) {
            rows.add(row(lab));
        }
        if (terminal) {
            redraw(rows, elapsed);
        } else {
            for (int i = 0; i < rows.size(); i++) {
                if (i >= lastRows.size() || !Objects.equals(lastRows.get(i), rows.get(i))) {
                    out.printf("[%6.1fs wall | %7s Azure] %s%n", elapsed.toMillis() / 1000.0, azureTime(elapsed), rows.get(i).strip());
                }
            }
        }
        lastRows = rows;
    }

    private void redraw(List<String> rows, Duration elapsed) {
        StringBuilder screen = new StringBuilder();
        if (drawnLines > 0) {
            screen.append("\033[").append(drawnLines).append("F");
        }
        screen.append("\033[J");
        screen.append(String.format("%-22s %-9s %-13s %-9s %-18s %s%n", "LAB", "MODE", "PHASE", "STEPS", "FRONTEND-IP", "CONDITION"));
        rows.forEach(row -> screen.append(row).append('\n'));
        screen.append(String.format("elapsed %.1fs wall, %s simulated Azure time%n", elapsed.toMillis() / 1000.0, azureTime(elapsed)));
        out.print(screen);
        out.flush();
        drawnLines = rows.size() + 2;
    }

    private static String row(LoadBalancerLab lab) {
        var status = lab.getStatus();
        String phase = status == null || status.phase() == null ? "Pending" : status.phase().name();
        long done = status == null ? 0 : status.steps().stream().filter(s -> s.state() == StepState.Succeeded).count();
        int total = status == null ? 0 : status.steps().size();
        String frontend = status == null || status.frontendIP() == null ? "-" : status.frontendIP();
        var ready = status == null ? null : status.condition("Ready");
        String condition = ready == null ? "" : ready.reason();
        return String.format("%-22s %-9s %-13s %-9s %-18s %s", lab.getMetadata().getName(), lab.getSpec().mode(), phase,
                done + "/" + total, frontend, condition);
    }

    String azureTime(Duration wall) {
        long seconds = Math.round(wall.toMillis() / 1000.0 / timeScale);
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
