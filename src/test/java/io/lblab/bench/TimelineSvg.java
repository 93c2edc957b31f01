package io.lblab.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders timelines as one SVG: a lane per flow (the operator's above the sample's) on a shared axis of simulated
 * seconds, a bar per operation coloured by resource type, and a dashed line where each flow was done.
 */
public final class TimelineSvg {

    private static final int WIDTH = 1100;
    private static final int LABEL_WIDTH = 250;
    private static final int RIGHT_MARGIN = 40;
    private static final int ROW = 16;
    private static final int BAR = 11;
    private static final Map<String, String> COLOURS = new LinkedHashMap<>();
    private static final Map<String, String> BY_LOWER_CASE_TYPE = new java.util.HashMap<>();

    static {
        COLOURS.put("Microsoft.Network/bastionHosts", "#d62728");
        COLOURS.put("Microsoft.Compute/virtualMachines", "#1f77b4");
        COLOURS.put("Microsoft.Network/loadBalancers", "#2ca02c");
        COLOURS.put("Microsoft.Network/networkInterfaces", "#9467bd");
        COLOURS.put("Microsoft.Network/publicIPAddresses", "#ff7f0e");
        COLOURS.put("Microsoft.Network/virtualNetworks", "#17becf");
        COLOURS.put("Microsoft.Network/virtualNetworks/subnets", "#6fd3de");
        COLOURS.put("Microsoft.Network/networkSecurityGroups", "#8c564b");
        COLOURS.put("Microsoft.Network/networkSecurityGroups/securityRules", "#c49c94");
        COLOURS.put("Microsoft.Resources/resourceGroups", "#7f7f7f");
        COLOURS.forEach((type, colour) -> BY_LOWER_CASE_TYPE.put(type.toLowerCase(Locale.ROOT), colour));
    }

    private TimelineSvg() {
    }

    public static String render(String title, List<Timeline> lanes) {
        double max = lanes.stream().mapToDouble(Timeline::lastSeconds).max().orElse(0);
        double step = tickStep(max);
        double axisMax = Math.max(step, Math.ceil(max / step) * step);
        int plotWidth = WIDTH - LABEL_WIDTH - RIGHT_MARGIN;
        int rows = lanes.stream().mapToInt(l -> l.bars().size() + 2).sum();
        int top = 50;
        int height = top + rows * ROW + 30 + 20 * ((COLOURS.size() + 3) / 4) + 20;

        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">\n", WIDTH, height, WIDTH, height));
        svg.append(fmt("<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", WIDTH, height));
        svg.append(fmt("<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>\n", escape(title)));

        int plotBottom = top + rows * ROW;
        // grid and axis labels
        for (double t = 0; t <= axisMax + 1e-9; t += step) {
            double x = LABEL_WIDTH + t / axisMax * plotWidth;
            svg.append(fmt("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e0e0e0\"/>\n", x, top - 8, x, plotBottom));
            svg.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s s</text>\n", x, top - 12,
                    ReportWriter.num(t)));
            svg.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s s</text>\n", x, plotBottom + 14,
                    ReportWriter.num(t)));
        }

        int y = top;
        for (Timeline lane : lanes) {
            int laneTop = y;
            String done = Double.isNaN(lane.endSeconds()) ? "" : " — done at " + ReportWriter.num(lane.endSeconds()) + " s";
            svg.append(fmt("<text x=\"10\" y=\"%d\" font-size=\"12\" font-weight=\"bold\">%s</text>\n", y + 12,
                    escape(lane.title() + done + " (" + lane.bars().size() + " PUTs)")));
            y += ROW;
            for (Timeline.Bar bar : lane.bars()) {
                double x1 = LABEL_WIDTH + bar.startSeconds() / axisMax * plotWidth;
                double w = Math.max(1.5, (bar.endSeconds() - bar.startSeconds()) / axisMax * plotWidth);
                svg.append(fmt("<text x=\"%d\" y=\"%d\" fill=\"#333\">%s</text>\n", 20, y + BAR - 1, escape(bar.label())));
                svg.append(fmt("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>\n",
                        x1, y + 1, w, BAR, colour(bar.type()), escape(bar.label() + ": " + ReportWriter.num(bar.startSeconds())
                                + " s → " + ReportWriter.num(bar.endSeconds()) + " s (" + ReportWriter.num(bar.endSeconds() - bar.startSeconds()) + " s)")));
                y += ROW;
            }
            if (!Double.isNaN(lane.endSeconds())) {
                double x = LABEL_WIDTH + lane.endSeconds() / axisMax * plotWidth;
                svg.append(fmt("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" stroke-dasharray=\"4,3\"/>\n",
                        x, laneTop, x, y));
            }
            y += ROW;
            svg.append(fmt("<line x1=\"10\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#bbb\"/>\n", y - ROW / 2, WIDTH - 10, y - ROW / 2));
        }

        int legendY = plotBottom + 34;
        int i = 0;
        for (Map.Entry<String, String> entry : COLOURS.entrySet()) {
            int x = 20 + (i % 4) * 265;
            int ly = legendY + (i / 4) * 18;
            svg.append(fmt("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/>\n", x, ly - 9, entry.getValue()));
            svg.append(fmt("<text x=\"%d\" y=\"%d\">%s</text>\n", x + 16, ly, escape(shortType(entry.getKey()))));
            i++;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    static double tickStep(double max) {
        for (double step : new double[] {1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 3600}) {
            if (max / step <= 12) {
                return step;
            }
        }
        return Math.ceil(max / 12 / 3600) * 3600;
    }

    static String colour(String type) {
        return BY_LOWER_CASE_TYPE.getOrDefault(type == null ? "" : type.toLowerCase(Locale.ROOT), "#bcbd22");
    }

    private static String shortType(String type) {
        String[] parts = type.split("/");
        StringBuilder s = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            if (s.length() > 0) {
                s.append('/');
            }
            s.append(parts[i]);
        }
        return s.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
