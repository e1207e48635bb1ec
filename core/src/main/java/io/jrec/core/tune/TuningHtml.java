package io.jrec.core.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link TuningResult} as one self-contained HTML page with inline SVG scatter charts, in
 * the style of the evaluation report ({@code io.jrec.core.eval.EvaluationReport#writeHtml}).
 */
final class TuningHtml {
    private static final String[] RUNG_COLORS = {"#9db7d5", "#6f98c4", "#4e79a7", "#2f5784", "#1b3a5c"};
    private static final int WIDTH = 420;
    private static final int HEIGHT = 260;
    private static final int LEFT = 58;
    private static final int RIGHT = 16;
    private static final int TOP = 34;
    private static final int BOTTOM = 42;

    private TuningHtml() {
    }

    static String render(TuningResult r) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>jrec model selection</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:24px;color:#222}\n")
                .append("table{border-collapse:collapse;margin:8px 0 16px}\n")
                .append("th,td{border:1px solid #ccc;padding:3px 8px;font-size:13px;white-space:nowrap}\n")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append("th{background:#f3f3f3}\n.scroll{overflow-x:auto}\n.charts{display:flex;flex-wrap:wrap;gap:12px}\n")
                .append("svg{border:1px solid #ddd;background:#fff}\n.note{font-size:13px;color:#444}\n")
                .append("tr.best td{background:#fff4d6}\n")
                .append("</style></head><body>\n<h1>jrec model selection</h1>\n");
        for (String note : r.notes()) {
            h.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
        }
        String metric = r.objective().metric().name();
        h.append("<h2>").append(esc(metric)).append(" against each setting</h2>\n<p class=\"note\">One dot per"
                + " successful trial (validation ").append(esc(metric)).append(", ")
                .append(r.objective().minimizes() ? "lower" : "higher")
                .append(" is better); ringed: the best trial; darker dots: later successive-halving rungs.</p>\n")
                .append("<div class=\"charts\">\n");
        List<String> columns = new ArrayList<>(r.settingColumns());
        for (String c : columns) {
            Map<Trial, String> xs = new LinkedHashMap<>();
            for (Trial t : r.trials()) {
                if (!t.failed() && t.settings().has(c)) {
                    xs.put(t, t.settings().get(c));
                }
            }
            SearchSpace.Parameter p = r.space().parameter(c);
            chart(h, c, metric, xs, p != null && p.log(), r);
        }
        if (r.epochSetting() != null) {
            Map<Trial, String> xs = new LinkedHashMap<>();
            for (Trial t : r.trials()) {
                if (!t.failed() && t.stoppedEpoch() > 0) {
                    xs.put(t, Integer.toString(t.stoppedEpoch()));
                }
            }
            chart(h, "stopped at " + r.epochSetting(), metric, xs, false, r);
        }
        h.append("</div>\n<h2>Trials (best first)</h2>\n<div class=\"scroll\"><table><tr><th>trial</th>");
        for (String c : columns) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        if (r.epochSetting() != null) {
            h.append("<th>stopped at</th>");
        }
        for (String m : r.metrics()) {
            h.append("<th>").append(esc(m)).append("</th>");
        }
        h.append("<th>seconds</th><th>note</th></tr>\n");
        for (Trial t : r.ranked()) {
            h.append(t == r.best() ? "<tr class=\"best\">" : "<tr>");
            cell(h, Integer.toString(t.index()));
            for (String c : columns) {
                cell(h, t.settings().get(c, ""));
            }
            if (r.epochSetting() != null) {
                cell(h, t.stoppedEpoch() > 0 ? Integer.toString(t.stoppedEpoch()) : "");
            }
            for (double v : t.scores()) {
                cell(h, Double.isNaN(v) ? "n/a" : fmt("%.4f", v));
            }
            cell(h, fmt("%.2f", t.seconds()));
            h.append("<td>").append(esc(t == r.best() ? "best" : t.failure().map(f -> "failed: " + f).orElse("")))
                    .append("</td></tr>\n");
        }
        h.append("</table></div>\n</body></html>\n");
        return h.toString();
    }

    /**
     * A scatter of the objective (y) against one setting (x): numeric settings on a linear or log axis,
     * other settings as evenly spaced categories in first-seen order.
     */
    private static void chart(StringBuilder h, String setting, String metric, Map<Trial, String> xs, boolean log,
                              TuningResult r) {
        if (xs.isEmpty()) {
            return;
        }
        boolean numeric = true;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        List<String> categories = new ArrayList<>();
        for (Map.Entry<Trial, String> e : xs.entrySet()) {
            double y = e.getKey().score();
            yMin = Math.min(yMin, y);
            yMax = Math.max(yMax, y);
            if (!categories.contains(e.getValue())) {
                categories.add(e.getValue());
            }
            try {
                double x = Double.parseDouble(e.getValue());
                if (!Double.isFinite(x)) {
                    numeric = false;
                }
                xMin = Math.min(xMin, x);
                xMax = Math.max(xMax, x);
            } catch (NumberFormatException ex) {
                numeric = false;
            }
        }
        boolean logX = numeric && xMin > 0 && (log || xMax / xMin >= 50);
        if (numeric && !(xMax > xMin)) {
            numeric = false;   // a single value: show it as one category
        }
        if (!(yMax > yMin)) {
            double pad = Math.max(1e-3, Math.abs(yMax) * 0.01);
            yMin -= pad;
            yMax += pad;
        }
        double yPad = (yMax - yMin) * 0.08;
        final double y0 = yMin - yPad;
        final double y1 = yMax + yPad;
        final double plotW = WIDTH - LEFT - RIGHT;
        final double plotH = HEIGHT - TOP - BOTTOM;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\">\n<title>").append(esc(metric)).append(" against ")
                .append(esc(setting)).append("</title>\n");
        h.append("<text x=\"").append(WIDTH / 2).append("\" y=\"20\" text-anchor=\"middle\" font-size=\"14\""
                + " font-weight=\"bold\">").append(esc(setting)).append("</text>\n");
        // y axis: five ticks
        for (int t = 0; t <= 4; t++) {
            double v = y0 + (y1 - y0) * t / 4;
            double py = TOP + plotH * (1 - (v - y0) / (y1 - y0));
            h.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(fmt("%.1f", LEFT + plotW)).append("\" y1=\"")
                    .append(fmt("%.1f", py)).append("\" y2=\"").append(fmt("%.1f", py)).append("\" stroke=\"#e4e4e4\"/>\n");
            h.append("<text x=\"").append(LEFT - 4).append("\" y=\"").append(fmt("%.1f", py + 3))
                    .append("\" text-anchor=\"end\" font-size=\"10\">").append(fmt("%.4f", v)).append("</text>\n");
        }
        h.append("<text x=\"12\" y=\"").append(fmt("%.1f", TOP + plotH / 2)).append("\" font-size=\"11\""
                + " transform=\"rotate(-90 12 ").append(fmt("%.1f", TOP + plotH / 2))
                .append(")\" text-anchor=\"middle\">").append(esc(metric)).append("</text>\n");
        // x axis
        double axisY = TOP + plotH;
        h.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(fmt("%.1f", LEFT + plotW)).append("\" y1=\"")
                .append(fmt("%.1f", axisY)).append("\" y2=\"").append(fmt("%.1f", axisY)).append("\" stroke=\"#888\"/>\n");
        final double lo = logX ? Math.log(xMin) : xMin;
        final double hi = logX ? Math.log(xMax) : xMax;
        final boolean isNumeric = numeric;
        java.util.function.ToDoubleFunction<String> xOf = value -> {
            if (!isNumeric) {
                int c = categories.indexOf(value);
                return LEFT + plotW * (c + 0.5) / categories.size();
            }
            double x = Double.parseDouble(value);
            double u = ((logX ? Math.log(x) : x) - lo) / (hi - lo);
            return LEFT + 8 + (plotW - 16) * u;
        };
        if (numeric) {
            for (int t = 0; t <= 4; t++) {
                double u = t / 4.0;
                double v = logX ? Math.exp(lo + u * (hi - lo)) : lo + u * (hi - lo);
                double px = LEFT + 8 + (plotW - 16) * u;
                h.append("<text x=\"").append(fmt("%.1f", px)).append("\" y=\"").append(fmt("%.1f", axisY + 14))
                        .append("\" text-anchor=\"middle\" font-size=\"10\">").append(esc(SearchSpace.format(v)))
                        .append("</text>\n");
            }
        } else {
            for (String c : categories) {
                h.append("<text x=\"").append(fmt("%.1f", xOf.applyAsDouble(c))).append("\" y=\"")
                        .append(fmt("%.1f", axisY + 14)).append("\" text-anchor=\"middle\" font-size=\"10\">")
                        .append(esc(c.length() > 14 ? c.substring(0, 13) + "…" : c)).append("</text>\n");
            }
        }
        h.append("<text x=\"").append(fmt("%.1f", LEFT + plotW / 2)).append("\" y=\"").append(HEIGHT - 6)
                .append("\" text-anchor=\"middle\" font-size=\"11\">").append(esc(setting))
                .append(logX ? " (log scale)" : "").append("</text>\n");
        Trial best = r.best();
        for (Map.Entry<Trial, String> e : xs.entrySet()) {
            Trial t = e.getKey();
            double px = xOf.applyAsDouble(e.getValue());
            double py = TOP + plotH * (1 - (t.score() - y0) / (y1 - y0));
            String color = RUNG_COLORS[Math.min(RUNG_COLORS.length - 1, t.rung() + (t.rung() > 0 ? 1 : 2))];
            h.append("<circle cx=\"").append(fmt("%.1f", px)).append("\" cy=\"").append(fmt("%.1f", py))
                    .append("\" r=\"3.2\" fill=\"").append(color).append("\" fill-opacity=\"0.85\"><title>trial ")
                    .append(t.index()).append(": ").append(esc(t.settings().toString())).append(" → ")
                    .append(fmt("%.4f", t.score())).append("</title></circle>\n");
            if (t == best) {
                h.append("<circle cx=\"").append(fmt("%.1f", px)).append("\" cy=\"").append(fmt("%.1f", py))
                        .append("\" r=\"7\" fill=\"none\" stroke=\"#e15759\" stroke-width=\"2\"/>\n");
            }
        }
        h.append("</svg>\n");
    }

    private static void cell(StringBuilder h, String text) {
        h.append("<td class=\"n\">").append(esc(text)).append("</td>");
    }

    private static String fmt(String format, double v) {
        return String.format(Locale.ROOT, format, v);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
