package io.jrec.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The scaling chart as hand-written SVG: three log-log panels (fit time, peak heap, top-10 latency). */
final class ScalingChart {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
    private static final int PANEL_W = 300;
    private static final int PANEL_H = 240;
    private static final int LEFT = 60;
    private static final int TOP = 40;

    private ScalingChart() {
    }

    static String svg(List<Scaling.Point> points) {
        List<String> models = new ArrayList<>();
        for (Scaling.Point p : points) {
            if (!models.contains(p.model())) {
                models.add(p.model());
            }
        }
        int width = 3 * (PANEL_W + LEFT) + 20;
        int height = TOP + PANEL_H + 60 + 18 * models.size();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", width, height));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        panel(s, 0, "fit time (ms)", points, models, Scaling.Point::fitMillis);
        panel(s, 1, "peak heap during fit (MiB)", points, models, Scaling.Point::peakHeapMiB);
        panel(s, 2, "top-10 latency (µs)", points, models, Scaling.Point::topNMicros);
        for (int m = 0; m < models.size(); m++) {
            int y = TOP + PANEL_H + 45 + 18 * m;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", LEFT, y - 4, LEFT + 24, y - 4, COLOURS[m % COLOURS.length]));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + 30, y,
                    escape(models.get(m))));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void panel(StringBuilder s, int index, String title, List<Scaling.Point> points,
                              List<String> models, ToDoubleFunction<Scaling.Point> y) {
        int x0 = LEFT + index * (PANEL_W + LEFT);
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Scaling.Point p : points) {
            double v = y.applyAsDouble(p);
            minX = Math.min(minX, p.events());
            maxX = Math.max(maxX, p.events());
            if (v > 0) {
                minY = Math.min(minY, v);
                maxY = Math.max(maxY, v);
            }
        }
        double lx0 = Math.floor(Math.log10(minX));
        double lx1 = Math.max(lx0 + 1, Math.ceil(Math.log10(maxX)));
        double ly0 = Math.floor(Math.log10(minY == Double.MAX_VALUE ? 1 : minY));
        double ly1 = Math.max(ly0 + 1, Math.ceil(Math.log10(Math.max(maxY, 1e-9))));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\" font-weight=\"bold\">%s</text>%n",
                x0, TOP - 15, escape(title)));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#888\"/>%n", x0, TOP, PANEL_W, PANEL_H));
        for (double e = lx0; e <= lx1; e++) {
            double px = x0 + (e - lx0) / (lx1 - lx0) * PANEL_W;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    px, TOP, px, TOP + PANEL_H));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">1e%d</text>%n",
                    px, TOP + PANEL_H + 14, (int) e));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">events</text>%n",
                x0 + PANEL_W / 2, TOP + PANEL_H + 28));
        for (double e = ly0; e <= ly1; e++) {
            double py = TOP + PANEL_H - (e - ly0) / (ly1 - ly0) * PANEL_H;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    x0, py, x0 + PANEL_W, py));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">1e%d</text>%n",
                    x0 - 4, py + 4, (int) e));
        }
        for (int m = 0; m < models.size(); m++) {
            StringBuilder line = new StringBuilder();
            for (Scaling.Point p : points) {
                double v = y.applyAsDouble(p);
                if (!p.model().equals(models.get(m)) || v <= 0) {
                    continue;
                }
                double px = x0 + (Math.log10(p.events()) - lx0) / (lx1 - lx0) * PANEL_W;
                double py = TOP + PANEL_H - (Math.log10(v) - ly0) / (ly1 - ly0) * PANEL_H;
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                        px, py, COLOURS[m % COLOURS.length]));
            }
            s.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", line.toString().trim(), COLOURS[m % COLOURS.length]));
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
