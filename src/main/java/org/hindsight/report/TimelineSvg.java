package org.hindsight.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The incident timeline as an SVG swim-lane chart: one lane per entity, a bar for the time each
 * affected entity was down (open-ended and hatched when no recovery is logged), and a numbered
 * marker per timeline row, coloured by what the moment is (cause, trouble, recovery, …).
 */
final class TimelineSvg {
  static final int WIDTH = 920;
  private static final int LABEL_W = 170;
  private static final int RIGHT = 24;
  private static final int TOP = 16;
  private static final int LANE_H = 28;
  private static final int BOTTOM = 46;
  static final int MAX_LANES = 16;
  static final String OTHER = "(other)";

  /** The marker colour of each timeline category, also used by the HTML legend and table. */
  static final Map<String, String> COLOURS = new LinkedHashMap<>();

  static {
    COLOURS.put("cause", "#dc2626");
    COLOURS.put("trigger", "#ea580c");
    COLOURS.put("trouble", "#f59e0b");
    COLOURS.put("symptom", "#b45309");
    COLOURS.put("change", "#2563eb");
    COLOURS.put("mitigation", "#0d9488");
    COLOURS.put("recovery", "#16a34a");
    COLOURS.put("declared", "#7c3aed");
    COLOURS.put("evidence", "#475569");
    COLOURS.put("event", "#94a3b8");
  }

  private TimelineSvg() {}

  static String colour(String category) {
    return COLOURS.getOrDefault(category, "#94a3b8");
  }

  static String render(Postmortem pm) {
    List<Postmortem.Moment> moments = pm.timeline;
    List<Postmortem.Affected> bars = new ArrayList<>();
    for (Postmortem.Affected a : pm.impact.affected()) if (a.from() != null) bars.add(a);
    if (moments.isEmpty() && bars.isEmpty()) return "";

    long t0 = Long.MAX_VALUE;
    long t1 = Long.MIN_VALUE;
    for (Postmortem.Moment m : moments) {
      t0 = Math.min(t0, m.time().toEpochMilli());
      t1 = Math.max(t1, m.time().toEpochMilli());
    }
    for (Postmortem.Affected a : bars) {
      t0 = Math.min(t0, a.from().toEpochMilli());
      t1 = Math.max(t1, a.from().toEpochMilli());
      if (a.until() != null) t1 = Math.max(t1, a.until().toEpochMilli());
    }
    if (t1 == t0) {
      t0 -= 60_000;
      t1 += 60_000;
    }
    long pad = Math.max(1, (t1 - t0) / 30);
    t0 -= pad;
    t1 += pad;

    // Lanes in order of first appearance; the rest share one lane.
    Map<String, Long> firstSeen = new LinkedHashMap<>();
    List<Object[]> items = new ArrayList<>();
    for (Postmortem.Affected a : bars) items.add(new Object[] {a.from(), a.entity()});
    for (Postmortem.Moment m : moments) items.add(new Object[] {m.time(), m.entity()});
    items.sort(java.util.Comparator.comparing((Object[] o) -> (Instant) o[0]).thenComparing(o -> (String) o[1]));
    for (Object[] o : items) {
      String e = (String) o[1];
      if (!e.isEmpty()) firstSeen.putIfAbsent(e, ((Instant) o[0]).toEpochMilli());
    }
    List<String> lanes = new ArrayList<>();
    for (String e : firstSeen.keySet()) if (lanes.size() < MAX_LANES) lanes.add(e);
    boolean needOther = moments.stream().anyMatch(m -> !lanes.contains(m.entity()));
    if (needOther) lanes.add(OTHER);

    int height = TOP + lanes.size() * LANE_H + BOTTOM;
    double plotW = WIDTH - LABEL_W - RIGHT;
    final long x0 = t0;
    final long x1 = t1;
    java.util.function.LongToDoubleFunction x = t -> LABEL_W + (t - x0) * plotW / (double) (x1 - x0);
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"chart timeline-chart\" id=\"timeline-chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(height).append("\" role=\"img\" aria-label=\"Incident timeline\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    b.append("<title>Incident timeline</title>\n");
    b.append("<defs><pattern id=\"open-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
        + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fde68a\"/>"
        + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#f59e0b\" stroke-width=\"2\"/></pattern></defs>\n");
    for (int i = 0; i < lanes.size(); i++) {
      double ly = TOP + i * LANE_H;
      if (i % 2 == 0) {
        b.append("<rect class=\"lane\" x=\"0\" y=\"").append(Svg.n(ly)).append("\" width=\"").append(WIDTH)
            .append("\" height=\"").append(LANE_H).append("\"/>\n");
      }
      b.append("<text class=\"lane-label\" x=\"").append(LABEL_W - 8).append("\" y=\"").append(Svg.n(ly + LANE_H / 2.0 + 4))
          .append("\" text-anchor=\"end\"><title>").append(Html.esc(lanes.get(i))).append("</title>")
          .append(Html.esc(Html.shorten(lanes.get(i), 24))).append("</text>\n");
    }
    double axisY = TOP + lanes.size() * LANE_H;
    for (Svg.TimeTick t : Svg.timeTicks(t0, t1, pm.times.zone(), 9)) {
      double tx = x.applyAsDouble(t.millis());
      b.append("<line class=\"grid\" x1=\"").append(Svg.n(tx)).append("\" x2=\"").append(Svg.n(tx)).append("\" y1=\"")
          .append(TOP).append("\" y2=\"").append(Svg.n(axisY)).append("\"/>\n");
      b.append("<text class=\"tick\" x=\"").append(Svg.n(tx)).append("\" y=\"").append(Svg.n(axisY + 16))
          .append("\" text-anchor=\"middle\">").append(Html.esc(t.label())).append("</text>\n");
      if (!t.date().isEmpty()) {
        b.append("<text class=\"tick date\" x=\"").append(Svg.n(tx)).append("\" y=\"").append(Svg.n(axisY + 30))
            .append("\" text-anchor=\"middle\">").append(Html.esc(t.date())).append("</text>\n");
      }
    }
    b.append("<line class=\"axis\" x1=\"").append(LABEL_W).append("\" x2=\"").append(Svg.n(LABEL_W + plotW))
        .append("\" y1=\"").append(Svg.n(axisY)).append("\" y2=\"").append(Svg.n(axisY)).append("\"/>\n");
    b.append("<text class=\"axis-label\" x=\"").append(Svg.n(LABEL_W + plotW)).append("\" y=\"").append(height - 4)
        .append("\" text-anchor=\"end\">time (").append(Html.esc(pm.times.zoneName())).append(")</text>\n");

    // outage bars
    for (Postmortem.Affected a : bars) {
      int lane = lanes.indexOf(a.entity());
      if (lane < 0) continue;
      double bx = x.applyAsDouble(a.from().toEpochMilli());
      double ex = a.until() == null ? LABEL_W + plotW : x.applyAsDouble(a.until().toEpochMilli());
      double by = TOP + lane * LANE_H + 7;
      b.append("<rect class=\"outage").append(a.until() == null ? " open" : "").append("\" x=\"").append(Svg.n(bx))
          .append("\" y=\"").append(Svg.n(by)).append("\" width=\"").append(Svg.n(Math.max(2, ex - bx)))
          .append("\" height=\"").append(LANE_H - 14).append("\" rx=\"3\"><title>")
          .append(Html.esc(a.entity() + ": " + String.join(", ", a.symptoms()) + " from " + pm.times.format(a.from())
              + (a.until() == null ? ", no recovery logged" : " until " + pm.times.format(a.until()))))
          .append("</title></rect>\n");
    }
    // markers, numbered like the timeline table; numbers only where they do not collide
    Map<Integer, Double> lastLabelX = new LinkedHashMap<>();
    Map<Integer, Integer> lastNumber = new LinkedHashMap<>();
    Map<Postmortem.Moment, Integer> rowOf = new java.util.IdentityHashMap<>();
    int row = 1;
    for (Compaction.MomentGroup g : pm.timelineRows()) {
      for (Postmortem.Moment m : g.moments()) rowOf.put(m, row);
      row++;
    }
    for (Postmortem.Moment m : moments) {
      int n = rowOf.getOrDefault(m, 0);
      int lane = lanes.indexOf(m.entity());
      if (lane < 0) lane = lanes.indexOf(OTHER);
      double mx = x.applyAsDouble(m.time().toEpochMilli());
      double my = TOP + lane * LANE_H + LANE_H / 2.0;
      String colour = colour(m.category());
      b.append("<g class=\"moment cat-").append(Html.cssWord(m.category())).append("\"><title>")
          .append(Html.esc("#" + n + " " + pm.times.format(m.time()) + " — " + m.what().replace("`", "") + " (" + m.ref() + ")"))
          .append("</title>");
      if (m.category().equals("cause") || m.category().equals("trigger")) {
        b.append("<path d=\"M").append(Svg.n(mx)).append(' ').append(Svg.n(my - 7)).append(" L").append(Svg.n(mx + 7))
            .append(' ').append(Svg.n(my)).append(" L").append(Svg.n(mx)).append(' ').append(Svg.n(my + 7)).append(" L")
            .append(Svg.n(mx - 7)).append(' ').append(Svg.n(my)).append(" Z\" fill=\"").append(colour)
            .append("\" stroke=\"#fff\" stroke-width=\"1.5\"/>");
      } else {
        b.append("<circle cx=\"").append(Svg.n(mx)).append("\" cy=\"").append(Svg.n(my)).append("\" r=\"5\" fill=\"")
            .append(colour).append("\" stroke=\"#fff\" stroke-width=\"1.5\"/>");
      }
      Double last = lastLabelX.get(lane);
      // A number once per row and lane, where it does not collide with the previous one.
      if ((last == null || mx - last >= 24) && !Integer.valueOf(n).equals(lastNumber.get(lane))) {
        b.append("<text class=\"moment-no\" x=\"").append(Svg.n(mx + 8)).append("\" y=\"").append(Svg.n(my + 4))
            .append("\">").append(n).append("</text>");
        lastLabelX.put(lane, mx);
        lastNumber.put(lane, n);
      }
      b.append("</g>\n");
    }
    b.append("</svg>\n");
    return b.toString();
  }
}
