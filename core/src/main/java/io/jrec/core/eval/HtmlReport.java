package io.jrec.core.eval;

import java.util.List;
import java.util.Locale;

/** Renders an {@link EvaluationReport} as one self-contained HTML page with inline SVG charts. */
final class HtmlReport {
    private static final String[] COLORS = {
        "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"
    };
    private static final int WIDTH = 560;
    private static final int ROW = 20;          // height of one algorithm's row
    private static final int TOP = 34;
    private static final int BOTTOM = 24;       // the value axis
    private static final int LABEL_MAX = 230;   // widest name column; longer names are cut (full name on hover)
    private static final int VALUE_W = 56;      // room right of the bars for the mean

    private HtmlReport() {
    }

    static String render(EvaluationReport report) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>jrec evaluation</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:24px;color:#222}\n")
                .append("table{border-collapse:collapse;margin:8px 0 16px}\n")
                .append("th,td{border:1px solid #ccc;padding:3px 8px;font-size:13px;white-space:nowrap}\n")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append("th{background:#f3f3f3}\n.scroll{overflow-x:auto}\n.charts{display:flex;flex-wrap:wrap;gap:12px}\n")
                .append("svg{border:1px solid #ddd;background:#fff}\n.note{font-size:13px;color:#444}\n")
                .append("</style></head><body>\n<h1>jrec evaluation</h1>\n");
        for (String note : report.notes()) {
            h.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
        }
        List<String> algorithms = report.algorithms();
        List<String> metrics = report.metrics();
        List<String> splits = report.splits();
        double[][][] values = report.rawValues();

        h.append("<h2>Summary (mean ± std over splits)</h2>\n<div class=\"scroll\"><table><tr><th>algorithm</th>");
        for (String m : metrics) {
            h.append("<th>").append(esc(m)).append("</th>");
        }
        h.append("<th>fit ms</th><th>topN p50 µs</th><th>topN p99 µs</th>");
        boolean pairs = report.hasPairs();
        if (pairs) {
            h.append("<th>").append(EvaluationReport.UNPREDICTABLE).append("</th>");
        }
        h.append("</tr>\n");
        for (int a = 0; a < algorithms.size(); a++) {
            h.append("<tr><td>").append(esc(algorithms.get(a))).append("</td>");
            for (int m = 0; m < metrics.size(); m++) {
                cell(h, EvaluationReport.meanStd(values[a][m], "%.4f"));
            }
            for (int w = 0; w < 3; w++) {
                cell(h, EvaluationReport.meanStd(report.statColumn(a, w), "%.1f"));
            }
            if (pairs) {
                cell(h, report.unpredictable(a));
            }
            h.append("</tr>\n");
        }
        h.append("</table></div>\n<h2>Charts</h2>\n<p class=\"note\">Bar: mean over splits; whisker: ± one standard"
                + " deviation; dots: the individual splits.</p>\n<div class=\"charts\">\n");
        for (int m = 0; m < metrics.size(); m++) {
            chart(h, metrics.get(m), algorithms, values, m);
        }
        h.append("</div>\n<h2>Per split</h2>\n<div class=\"scroll\"><table><tr><th>algorithm</th><th>metric</th>");
        for (String s : splits) {
            h.append("<th>").append(esc(s)).append("</th>");
        }
        h.append("</tr>\n");
        for (int a = 0; a < algorithms.size(); a++) {
            for (int m = 0; m < metrics.size(); m++) {
                h.append("<tr><td>").append(esc(algorithms.get(a))).append("</td><td>").append(esc(metrics.get(m)))
                        .append("</td>");
                for (int s = 0; s < splits.size(); s++) {
                    cell(h, Double.isNaN(values[a][m][s]) ? "n/a" : fmt("%.4f", values[a][m][s]));
                }
                h.append("</tr>\n");
            }
        }
        h.append("</table></div>\n</body></html>\n");
        return h.toString();
    }

    /**
     * One horizontal bar chart: a row per algorithm with its full name on the left, the mean as a bar,
     * a whisker for ± one standard deviation, a dot per split, and the mean written after the bar.
     * Horizontal rows keep long algorithm names readable however many algorithms there are.
     */
    private static void chart(StringBuilder h, String metric, List<String> algorithms, double[][][] values, int m) {
        int n = algorithms.size();
        double max = 0;
        double min = 0;
        int longest = 4;
        for (int a = 0; a < n; a++) {
            double[] v = values[a][m];
            double mean = EvaluationReport.mean(v);
            double std = EvaluationReport.std(v);
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    max = Math.max(max, x);
                    min = Math.min(min, x);
                }
            }
            if (!Double.isNaN(mean) && !Double.isNaN(std)) {
                max = Math.max(max, mean + std);
                min = Math.min(min, mean - std);
            }
            longest = Math.max(longest, algorithms.get(a).length());
        }
        double right = niceCeil(max);
        double left = min < 0 ? -niceCeil(-min) : 0;
        if (right == left) {
            right = left + 1;
        }
        int labelW = Math.min(LABEL_MAX, 12 + (int) (longest * 6.2));
        int maxChars = (int) ((labelW - 12) / 6.2);
        double plotX = labelW;
        double plotW = WIDTH - labelW - VALUE_W;
        int height = TOP + n * ROW + BOTTOM;
        final double xLeft = left;
        final double xRight = right;
        java.util.function.DoubleUnaryOperator x = v -> plotX + plotW * (v - xLeft) / (xRight - xLeft);

        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\">\n");
        h.append("<title>").append(esc(metric)).append("</title>\n");
        h.append("<text x=\"").append(WIDTH / 2).append("\" y=\"20\" text-anchor=\"middle\" font-size=\"14\""
                + " font-weight=\"bold\">").append(esc(metric)).append("</text>\n");
        double axisY = TOP + n * ROW;
        double step = niceCeil((right - left) / 5);
        for (int t = 0; left + t * step <= right * (1 + 1e-9) + 1e-12; t++) {
            double v = left + t * step;
            double px = x.applyAsDouble(v);
            h.append("<line x1=\"").append(fmt("%.1f", px)).append("\" x2=\"").append(fmt("%.1f", px))
                    .append("\" y1=\"").append(TOP - 4).append("\" y2=\"").append(fmt("%.1f", axisY))
                    .append("\" stroke=\"#e4e4e4\"/>\n");
            h.append("<text x=\"").append(fmt("%.1f", px)).append("\" y=\"").append(fmt("%.1f", axisY + 14))
                    .append("\" text-anchor=\"middle\" font-size=\"10\">").append(tick(v)).append("</text>\n");
        }
        double zero = x.applyAsDouble(0);
        h.append("<line x1=\"").append(fmt("%.1f", zero)).append("\" x2=\"").append(fmt("%.1f", zero))
                .append("\" y1=\"").append(TOP - 4).append("\" y2=\"").append(fmt("%.1f", axisY))
                .append("\" stroke=\"#888\"/>\n");
        double barH = ROW * 0.62;
        for (int a = 0; a < n; a++) {
            double[] v = values[a][m];
            double mean = EvaluationReport.mean(v);
            double std = EvaluationReport.std(v);
            double cy = TOP + ROW * (a + 0.5);
            String color = COLORS[a % COLORS.length];
            String label = algorithms.get(a);
            if (label.length() > maxChars) {
                label = label.substring(0, maxChars - 1) + "…";
            }
            h.append("<text x=\"").append(labelW - 6).append("\" y=\"").append(fmt("%.1f", cy + 4))
                    .append("\" text-anchor=\"end\" font-size=\"11\">").append(esc(label)).append("<title>")
                    .append(esc(algorithms.get(a))).append("</title></text>\n");
            if (Double.isNaN(mean)) {
                h.append("<text x=\"").append(fmt("%.1f", zero + 4)).append("\" y=\"").append(fmt("%.1f", cy + 4))
                        .append("\" font-size=\"11\" fill=\"#888\">n/a</text>\n");
                continue;
            }
            double x0 = x.applyAsDouble(Math.min(mean, 0));
            double x1 = x.applyAsDouble(Math.max(mean, 0));
            h.append("<rect x=\"").append(fmt("%.1f", x0)).append("\" y=\"").append(fmt("%.1f", cy - barH / 2))
                    .append("\" width=\"").append(fmt("%.1f", Math.max(0.5, x1 - x0))).append("\" height=\"")
                    .append(fmt("%.1f", barH)).append("\" fill=\"").append(color).append("\"><title>")
                    .append(esc(algorithms.get(a))).append(": ").append(esc(EvaluationReport.meanStd(v, "%.4f")))
                    .append("</title></rect>\n");
            double end = mean;
            if (!Double.isNaN(std)) {
                double lo = x.applyAsDouble(mean - std);
                double hi = x.applyAsDouble(mean + std);
                h.append("<path d=\"M").append(fmt("%.1f", lo)).append(' ').append(fmt("%.1f", cy))
                        .append("H").append(fmt("%.1f", hi))
                        .append("M").append(fmt("%.1f", lo)).append(' ').append(fmt("%.1f", cy - 4))
                        .append("v8M").append(fmt("%.1f", hi)).append(' ').append(fmt("%.1f", cy - 4))
                        .append("v8\" stroke=\"#222\" stroke-width=\"1.3\" fill=\"none\"/>\n");
                end = mean + std;
            }
            for (double s : v) {
                if (!Double.isNaN(s)) {
                    h.append("<circle cx=\"").append(fmt("%.1f", x.applyAsDouble(s))).append("\" cy=\"")
                            .append(fmt("%.1f", cy)).append("\" r=\"2.2\" fill=\"#fff\" stroke=\"#222\""
                                    + " stroke-width=\"0.8\"/>\n");
                    end = Math.max(end, s);
                }
            }
            h.append("<text x=\"").append(fmt("%.1f", x.applyAsDouble(Math.max(end, 0)) + 5)).append("\" y=\"")
                    .append(fmt("%.1f", cy + 4)).append("\" font-size=\"10\">").append(fmt("%.4f", mean))
                    .append("</text>\n");
        }
        h.append("</svg>\n");
    }

    /** The smallest 1, 2, 2.5 or 5 times a power of ten that is >= v (v > 0); 1 for v <= 0. */
    static double niceCeil(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * p >= v * (1 - 1e-12)) {
                return f * p;
            }
        }
        return 10 * p;
    }

    private static String tick(double v) {
        return Math.abs(v) >= 100 ? fmt("%.0f", v)
                : new java.math.BigDecimal(fmt("%.3g", v)).stripTrailingZeros().toPlainString();
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
