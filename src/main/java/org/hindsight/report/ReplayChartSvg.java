package org.hindsight.report;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hindsight.simulate.Chart;
import org.hindsight.simulate.Series;

/**
 * A replay's {@link Chart} as inline SVG: observed against predicted curves with and without the
 * cause, on a time axis in the report zone. Roles are told apart by stroke (observed: wide and
 * pale behind, with cause: dashed, without cause: dotted) so curves that coincide stay visible;
 * curves of one entity share a colour across roles. Values hold until the next point (a step),
 * which is what both samples and simulated states mean.
 */
final class ReplayChartSvg {
  static final int WIDTH = 920;
  static final int HEIGHT = 300;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 18;
  private static final int BOTTOM = 48;
  private static final String[] PALETTE = {"#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2",
      "#be185d", "#4d7c0f", "#a16207", "#475569"};

  /** A vertical marker such as the moment of the cause. */
  record Marker(long millis, String label) {}

  private ReplayChartSvg() {}

  static String roleLabel(String role) {
    return switch (role) {
      case "observed" -> "observed";
      case "with-cause" -> "replay with the cause";
      case "without-cause" -> "replay without the cause";
      case "observed-metric" -> "";
      default -> role;
    };
  }

  static String dash(String role) {
    return switch (role) {
      case "with-cause" -> "8 4";
      case "without-cause" -> "2 4";
      default -> "";
    };
  }

  static double strokeWidth(String role) {
    return role.equals("observed") ? 5 : 2.2;
  }

  static String opacity(String role) {
    return role.equals("observed") ? "0.45" : "1";
  }

  /** Colours: one per role when each role has one curve, else one per entity (name without role words). */
  static Map<Series, String> colours(List<Series> series) {
    Map<String, Integer> perRole = new LinkedHashMap<>();
    series.forEach(s -> perRole.merge(s.role(), 1, Integer::sum));
    boolean byRole = perRole.values().stream().allMatch(c -> c <= 1);
    Map<Series, String> out = new LinkedHashMap<>();
    Map<String, String> byKey = new LinkedHashMap<>();
    for (Series s : series) {
      if (byRole) {
        out.put(s, switch (s.role()) {
          case "observed" -> "#1f2937";
          case "with-cause" -> "#dc2626";
          case "without-cause" -> "#16a34a";
          default -> PALETTE[out.size() % PALETTE.length];
        });
      } else {
        String key = baseName(s.name());
        out.put(s, byKey.computeIfAbsent(key, k -> PALETTE[byKey.size() % PALETTE.length]));
      }
    }
    return out;
  }

  static String baseName(String name) {
    String s = name.toLowerCase(Locale.ROOT)
        .replaceAll("\\b(observed|predicted|replay|with(out)?[ -]cause|with(out)?|cause|the)\\b", " ")
        .replaceAll("[()\\[\\],:;|/-]", " ").replaceAll("\\s+", " ").trim();
    return s.isEmpty() ? name : s;
  }

  static String render(Chart chart, ZoneId zone, List<Marker> markers, String id) {
    List<Series> series = chart.series().stream().filter(s -> s.points().stream().anyMatch(p -> !Double.isNaN(p.value())))
        .toList();
    StringBuilder b = new StringBuilder();
    if (series.isEmpty()) {
      return "<p class=\"muted\">The replay offered this chart without data points.</p>\n";
    }
    long t0 = Long.MAX_VALUE;
    long t1 = Long.MIN_VALUE;
    double lo = 0;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (Series.Point p : s.points()) {
        if (Double.isNaN(p.value())) continue;
        t0 = Math.min(t0, p.millis());
        t1 = Math.max(t1, p.millis());
        lo = Math.min(lo, p.value());
        hi = Math.max(hi, p.value());
      }
    }
    List<Marker> shown = new ArrayList<>();
    for (Marker m : markers) {
      // Markers far outside the data would squash the curves; keep those within one span.
      long span = Math.max(60_000, t1 - t0);
      if (m.millis() >= t0 - span && m.millis() <= t1 + span) {
        shown.add(m);
        t0 = Math.min(t0, m.millis());
        t1 = Math.max(t1, m.millis());
      }
    }
    if (t1 == t0) {
      t0 -= 60_000;
      t1 += 60_000;
    }
    long pad = Math.max(1, (t1 - t0) / 40);
    t0 -= pad;
    t1 += pad;
    if (hi <= lo) hi = lo + 1;
    List<Double> yTicks = Svg.valueTicks(lo, hi, 4);
    double yLo = Math.min(lo, yTicks.get(0));
    double yHi = Math.max(hi, yTicks.get(yTicks.size() - 1));
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    final long x0 = t0;
    final long x1 = t1;
    java.util.function.LongToDoubleFunction x = t -> LEFT + (t - x0) * plotW / (double) (x1 - x0);
    java.util.function.DoubleUnaryOperator y = v -> TOP + plotH - (v - yLo) * plotH / (yHi - yLo);

    b.append("<svg class=\"chart replay-chart\" id=\"").append(Html.esc(id)).append("\" viewBox=\"0 0 ").append(WIDTH)
        .append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(Html.esc(chart.title()))
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    b.append("<title>").append(Html.esc(chart.title())).append("</title>\n");
    // grid and axes
    for (double v : yTicks) {
      if (v < yLo || v > yHi) continue;
      b.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(Svg.n(LEFT + plotW)).append("\" y1=\"")
          .append(Svg.n(y.applyAsDouble(v))).append("\" y2=\"").append(Svg.n(y.applyAsDouble(v))).append("\"/>\n");
      b.append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(Svg.n(y.applyAsDouble(v) + 4))
          .append("\" text-anchor=\"end\">").append(Html.esc(Svg.value(v))).append("</text>\n");
    }
    for (Svg.TimeTick t : Svg.timeTicks(t0, t1, zone, 8)) {
      double tx = x.applyAsDouble(t.millis());
      b.append("<line class=\"grid\" x1=\"").append(Svg.n(tx)).append("\" x2=\"").append(Svg.n(tx)).append("\" y1=\"")
          .append(TOP).append("\" y2=\"").append(Svg.n(TOP + plotH)).append("\"/>\n");
      b.append("<text class=\"tick\" x=\"").append(Svg.n(tx)).append("\" y=\"").append(Svg.n(TOP + plotH + 16))
          .append("\" text-anchor=\"middle\">").append(Html.esc(t.label())).append("</text>\n");
      if (!t.date().isEmpty()) {
        b.append("<text class=\"tick date\" x=\"").append(Svg.n(tx)).append("\" y=\"").append(Svg.n(TOP + plotH + 30))
            .append("\" text-anchor=\"middle\">").append(Html.esc(t.date())).append("</text>\n");
      }
    }
    b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(Svg.n(LEFT + plotW)).append("\" y1=\"")
        .append(Svg.n(TOP + plotH)).append("\" y2=\"").append(Svg.n(TOP + plotH)).append("\"/>\n");
    b.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP)
        .append("\" y2=\"").append(Svg.n(TOP + plotH)).append("\"/>\n");
    b.append("<text class=\"axis-label\" x=\"").append(Svg.n(LEFT + plotW)).append("\" y=\"").append(HEIGHT - 4)
        .append("\" text-anchor=\"end\">time (").append(Html.esc(Times.name(zone))).append(")</text>\n");
    if (!chart.unit().isEmpty()) {
      b.append("<text class=\"axis-label\" x=\"14\" y=\"").append(Svg.n(TOP + plotH / 2))
          .append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ").append(Svg.n(TOP + plotH / 2)).append(")\">")
          .append(Html.esc(chart.unit())).append("</text>\n");
    }
    for (Marker m : shown) {
      double mx = x.applyAsDouble(m.millis());
      b.append("<line class=\"marker\" x1=\"").append(Svg.n(mx)).append("\" x2=\"").append(Svg.n(mx)).append("\" y1=\"")
          .append(TOP).append("\" y2=\"").append(Svg.n(TOP + plotH)).append("\"/>\n");
      b.append("<text class=\"marker-label\" x=\"").append(Svg.n(mx + 4)).append("\" y=\"").append(TOP + 10).append("\">")
          .append(Html.esc(m.label())).append("</text>\n");
    }
    // curves: observed first so predictions draw over it
    Map<Series, String> colours = colours(series);
    List<Series> ordered = new ArrayList<>();
    for (String role : List.of("observed", "with-cause", "without-cause")) {
      series.stream().filter(s -> s.role().equals(role)).forEach(ordered::add);
    }
    series.stream().filter(s -> !ordered.contains(s)).forEach(ordered::add);
    for (Series s : ordered) {
      List<Series.Point> pts = s.points().stream().filter(p -> !Double.isNaN(p.value()))
          .sorted(java.util.Comparator.comparingLong(Series.Point::millis)).toList();
      String colour = colours.get(s);
      b.append("<g class=\"series role-").append(Html.cssWord(s.role())).append("\" data-role=\"").append(Html.esc(s.role()))
          .append("\" data-series=\"").append(Html.esc(s.name())).append("\">");
      b.append("<title>").append(Html.esc(s.name() + " — " + roleLabel(s.role()))).append("</title>");
      b.append("<path d=\"").append(stepPath(pts, x, y, plotW)).append("\" fill=\"none\" stroke=\"").append(colour)
          .append("\" stroke-width=\"").append(Svg.n(strokeWidth(s.role()))).append("\" stroke-opacity=\"")
          .append(opacity(s.role())).append('"');
      if (!dash(s.role()).isEmpty()) b.append(" stroke-dasharray=\"").append(dash(s.role())).append('"');
      b.append(" stroke-linejoin=\"round\"/>");
      if (pts.size() <= 40) {
        for (Series.Point p : pts) {
          b.append("<circle cx=\"").append(Svg.n(x.applyAsDouble(p.millis()))).append("\" cy=\"")
              .append(Svg.n(y.applyAsDouble(p.value()))).append("\" r=\"").append(s.role().equals("observed") ? "3.5" : "2.2")
              .append("\" fill=\"").append(colour).append("\" fill-opacity=\"").append(opacity(s.role())).append("\"/>");
        }
      }
      b.append("</g>\n");
    }
    b.append("</svg>\n");
    b.append("<ul class=\"legend\">");
    for (Series s : chart.series()) {
      if (!colours.containsKey(s)) continue;
      b.append("<li data-role=\"").append(Html.esc(s.role())).append("\"><svg width=\"34\" height=\"12\" aria-hidden=\"true\">")
          .append("<line x1=\"1\" x2=\"33\" y1=\"6\" y2=\"6\" stroke=\"").append(colours.get(s)).append("\" stroke-width=\"")
          .append(Svg.n(Math.min(4, strokeWidth(s.role())))).append("\" stroke-opacity=\"").append(opacity(s.role())).append('"');
      if (!dash(s.role()).isEmpty()) b.append(" stroke-dasharray=\"").append(dash(s.role())).append('"');
      b.append("/></svg>").append(Html.esc(s.name())).append(" <span class=\"role\">").append(Html.esc(roleLabel(s.role())))
          .append("</span></li>");
    }
    b.append("</ul>\n");
    return b.toString();
  }

  /**
   * A step path (each value holds until the next point). Dense series are reduced to first, min,
   * max and last per pixel column, which keeps peaks visible and the file small.
   */
  static String stepPath(List<Series.Point> pts, java.util.function.LongToDoubleFunction x,
      java.util.function.DoubleUnaryOperator y, double plotW) {
    StringBuilder d = new StringBuilder();
    if (pts.isEmpty()) return "";
    if (pts.size() > plotW * 2) {
      List<double[]> cols = new ArrayList<>();
      int i = 0;
      while (i < pts.size()) {
        long px = Math.round(x.applyAsDouble(pts.get(i).millis()));
        double first = pts.get(i).value();
        double min = first;
        double max = first;
        double last = first;
        int j = i;
        while (j < pts.size() && Math.round(x.applyAsDouble(pts.get(j).millis())) == px) {
          double v = pts.get(j).value();
          min = Math.min(min, v);
          max = Math.max(max, v);
          last = v;
          j++;
        }
        cols.add(new double[] {px, first, min, max, last});
        i = j;
      }
      for (double[] c : cols) {
        if (d.length() == 0) d.append('M').append(Svg.n(c[0])).append(' ').append(Svg.n(y.applyAsDouble(c[1])));
        else d.append(" H").append(Svg.n(c[0])).append(" V").append(Svg.n(y.applyAsDouble(c[1])));
        d.append(" V").append(Svg.n(y.applyAsDouble(c[2]))).append(" V").append(Svg.n(y.applyAsDouble(c[3])))
            .append(" V").append(Svg.n(y.applyAsDouble(c[4])));
      }
      return d.toString();
    }
    for (Series.Point p : pts) {
      double px = x.applyAsDouble(p.millis());
      double py = y.applyAsDouble(p.value());
      if (d.length() == 0) d.append('M').append(Svg.n(px)).append(' ').append(Svg.n(py));
      else d.append(" H").append(Svg.n(px)).append(" V").append(Svg.n(py));
    }
    if (pts.size() == 1) {
      double px = x.applyAsDouble(pts.get(0).millis());
      d.append(" H").append(Svg.n(px + 0.1));
    }
    return d.toString();
  }
}
