package io.jrec.core.eval;

import java.util.List;
import java.util.Locale;

/** Renders an {@link EvaluationReport} as one self-contained HTML page with inline SVG charts. */
final class HtmlReport {
    private static final String[] COLORS = {
        "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"
    };
    private static final int WIDTH = 360;
    private static final int HEIGHT = 250;
    private static final int LEFT = 52;
    private static final int RIGHT = 12;
    private static final int TOP = 34;
    private static final int BOTTOM = 46;

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
        h.append("<th>fit ms</th><th>topN p50 µs</th><th>topN p99 µs</th></tr>\n");
        for (int a = 0; a < algorithms.size(); a++) {
            h.append("<tr><td>").append(esc(algorithms.get(a))).append("</td>");
            for (int m = 0; m < metrics.size(); m++) {
                cell(h, EvaluationReport.meanStd(values[a][m], "%.4f"));
            }
            for (int w = 0; w < 3; w++) {
                cell(h, EvaluationReport.meanStd(report.statColumn(a, w), "%.1f"));
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

    private static void chart(StringBuilder h, String metric, List<String> algorithms, double[][][] values, int m) {
        int n = algorithms.size();
        double max = 0;
        double min = 0;
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
        }
        double top = niceCeil(max * 1.1);   // head room for the value label
        double bottom = min < 0 ? -niceCeil(-min) : 0;
        if (top == bottom) {
            top = bottom + 1;
        }
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        final double yTop = top;
        final double yBottom = bottom;
        java.util.function.DoubleUnaryOperator y = v -> TOP + plotH * (yTop - v) / (yTop - yBottom);

        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\">\n");
        h.append("<title>").append(esc(metric)).append("</title>\n");
        h.append("<text x=\"").append(WIDTH / 2).append("\" y=\"20\" text-anchor=\"middle\" font-size=\"14\""
                + " font-weight=\"bold\">").append(esc(metric)).append("</text>\n");
        double step = niceCeil((top - bottom) / 5);
        for (int t = 0; bottom + t * step <= top * (1 + 1e-9) + 1e-12; t++) {
            double v = bottom + t * step;
            double py = y.applyAsDouble(v);
            h.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(fmt("%.1f", py)).append("\" y2=\"").append(fmt("%.1f", py))
                    .append("\" stroke=\"#e4e4e4\"/>\n");
            h.append("<text x=\"").append(LEFT - 5).append("\" y=\"").append(fmt("%.1f", py + 4))
                    .append("\" text-anchor=\"end\" font-size=\"10\">").append(tick(v)).append("</text>\n");
        }
        double zero = y.applyAsDouble(0);
        h.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                .append(fmt("%.1f", zero)).append("\" y2=\"").append(fmt("%.1f", zero)).append("\" stroke=\"#888\"/>\n");
        double band = plotW / n;
        double barW = Math.min(60, band * 0.6);
        for (int a = 0; a < n; a++) {
            double[] v = values[a][m];
            double mean = EvaluationReport.mean(v);
            double std = EvaluationReport.std(v);
            double cx = LEFT + band * (a + 0.5);
            String color = COLORS[a % COLORS.length];
            if (Double.isNaN(mean)) {
                h.append("<text x=\"").append(fmt("%.1f", cx)).append("\" y=\"").append(fmt("%.1f", zero - 6))
                        .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#888\">n/a</text>\n");
            } else {
                double y0 = y.applyAsDouble(Math.max(mean, 0));
                double y1 = y.applyAsDouble(Math.min(mean, 0));
                h.append("<rect x=\"").append(fmt("%.1f", cx - barW / 2)).append("\" y=\"").append(fmt("%.1f", y0))
                        .append("\" width=\"").append(fmt("%.1f", barW)).append("\" height=\"")
                        .append(fmt("%.1f", Math.max(0.5, y1 - y0))).append("\" fill=\"").append(color)
                        .append("\"><title>").append(esc(algorithms.get(a))).append(": ")
                        .append(esc(EvaluationReport.meanStd(v, "%.4f"))).append("</title></rect>\n");
                if (!Double.isNaN(std)) {
                    double hi = y.applyAsDouble(mean + std);
                    double lo = y.applyAsDouble(mean - std);
                    h.append("<path d=\"M").append(fmt("%.1f", cx)).append(' ').append(fmt("%.1f", hi))
                            .append("V").append(fmt("%.1f", lo))
                            .append("M").append(fmt("%.1f", cx - 6)).append(' ').append(fmt("%.1f", hi))
                            .append("h12M").append(fmt("%.1f", cx - 6)).append(' ').append(fmt("%.1f", lo))
                            .append("h12\" stroke=\"#222\" stroke-width=\"1.5\" fill=\"none\"/>\n");
                }
                for (int s = 0; s < v.length; s++) {
                    if (!Double.isNaN(v[s])) {
                        double dx = v.length == 1 ? 0 : (s - (v.length - 1) / 2.0) * (barW * 0.7 / (v.length - 1));
                        h.append("<circle cx=\"").append(fmt("%.1f", cx + dx)).append("\" cy=\"")
                                .append(fmt("%.1f", y.applyAsDouble(v[s])))
                                .append("\" r=\"2.2\" fill=\"#fff\" stroke=\"#222\" stroke-width=\"0.8\"/>\n");
                    }
                }
                double highest = Double.isNaN(std) ? mean : mean + std;
                for (double x : v) {
                    highest = Double.isNaN(x) ? highest : Math.max(highest, x);
                }
                double labelY = y.applyAsDouble(highest) - 6;
                h.append("<text x=\"").append(fmt("%.1f", cx)).append("\" y=\"").append(fmt("%.1f", labelY))
                        .append("\" text-anchor=\"middle\" font-size=\"10\">").append(fmt("%.4f", mean))
                        .append("</text>\n");
            }
            String label = algorithms.get(a);
            int maxChars = Math.max(4, (int) (band / 6.5));
            if (label.length() > maxChars) {
                label = label.substring(0, maxChars - 1) + "…";
            }
            h.append("<text x=\"").append(fmt("%.1f", cx)).append("\" y=\"").append(HEIGHT - BOTTOM + 16)
                    .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"").append(color).append("\">")
                    .append(esc(label)).append("<title>").append(esc(algorithms.get(a))).append("</title></text>\n");
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
