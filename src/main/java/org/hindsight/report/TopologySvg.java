package org.hindsight.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hindsight.analysis.Assessment;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.InventoryItem;
import org.hindsight.facts.KeyGenerator;
import org.hindsight.facts.Link;
import org.hindsight.observe.Symptom;
import org.hindsight.world.World;

/**
 * The part of the world a hypothesis is about, as an SVG graph: its subject and the entities of
 * its symptoms, plus their direct neighbours over every relation the logs describe (network links,
 * service dependencies, parent/placement, service membership, key-generator fallbacks). Laid out
 * in rows by distance from the subject, which shows how trouble spread.
 */
final class TopologySvg {
  static final int WIDTH = 920;
  static final int MAX_NODES = 36;
  private static final int ROW_H = 78;
  private static final int NODE_H = 36;
  private static final int GAP = 18;

  /** One relation between two entities; {@code directed} from {@code from} to {@code to}. */
  record Edge(String from, String to, String kind, boolean directed, String note) {}

  /** Every relation in the world, indexed by entity. Built once per report. */
  static final class Relations {
    final Map<String, List<Edge>> byNode = new TreeMap<>();
    final World world;

    Relations(World world) {
      this.world = world;
      var bundle = world;
      for (Link l : bundle.links()) add(new Edge(l.a(), l.b(), "link", false, l.protocol()));
      for (Dependency d : bundle.dependencies()) add(new Edge(d.service(), d.dependsOn(), d.hard() ? "depends" : "soft", true, d.kind()));
      for (InventoryItem i : bundle.inventory()) {
        if (!i.parent().isEmpty()) add(new Edge(i.entity(), i.parent(), "in", true, ""));
        if (!i.service().isEmpty()) add(new Edge(i.entity(), i.service(), "serves", true, i.role()));
      }
      for (KeyGenerator g : bundle.keyGenerators()) {
        if (g.hasParent()) add(new Edge(g.generator(), g.parent(), "fallback", true, g.kind()));
      }
    }

    private void add(Edge e) {
      if (e.from().isEmpty() || e.to().isEmpty()) return;
      byNode.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
      if (!e.from().equals(e.to())) byNode.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
    }

    List<Edge> of(String node) {
      return byNode.getOrDefault(node, List.of());
    }

    boolean isEmpty() {
      return byNode.isEmpty();
    }
  }

  private TopologySvg() {}

  static String edgeLabel(String kind) {
    return switch (kind) {
      case "link" -> "network link";
      case "depends" -> "depends on";
      case "soft" -> "depends on (soft)";
      case "in" -> "runs in / part of";
      case "serves" -> "serves";
      case "fallback" -> "falls back to";
      default -> kind;
    };
  }

  /** The picture for one hypothesis, or "" when its entities have no relations. */
  static String render(Relations relations, Assessment a, String id) {
    if (relations.isEmpty()) return "";
    Set<String> observed = new LinkedHashSet<>();
    Set<String> predicted = new LinkedHashSet<>();
    if (a.replay() != null) {
      for (Symptom s : a.replay().observed()) observed.add(s.entity());
      for (Symptom s : a.replay().withCause()) predicted.add(s.entity());
    }
    String subject = a.hypothesis().subject();
    Set<String> seeds = new LinkedHashSet<>();
    seeds.add(subject);
    seeds.addAll(new java.util.TreeSet<>(observed));
    seeds.addAll(new java.util.TreeSet<>(predicted));
    if (a.replay() != null) a.replay().withoutCause().forEach(s -> seeds.add(s.entity()));
    seeds.removeIf(String::isEmpty);

    Set<String> nodes = pick(relations, subject, seeds);
    List<Edge> edges = new ArrayList<>();
    Set<Edge> seen = new LinkedHashSet<>();
    for (String nd : nodes) {
      for (Edge e : relations.of(nd)) {
        if (nodes.contains(e.from()) && nodes.contains(e.to()) && seen.add(e)) edges.add(e);
      }
    }
    // A box with no line to anything says nothing about how trouble spread: leave it out.
    Set<String> connected = new LinkedHashSet<>();
    for (Edge e : edges) {
      connected.add(e.from());
      connected.add(e.to());
    }
    nodes.retainAll(connected);
    if (edges.isEmpty()) return "";

    // Rows by distance from the subject (or the first seed), unreachable nodes last.
    Map<String, List<String>> adjacent = new LinkedHashMap<>();
    for (Edge e : edges) {
      adjacent.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
      adjacent.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
    }
    String root = nodes.contains(subject) ? subject : nodes.iterator().next();
    Map<String, Integer> depth = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(root));
    depth.put(root, 0);
    while (!queue.isEmpty()) {
      String cur = queue.poll();
      for (String next : adjacent.getOrDefault(cur, List.of()).stream().sorted().toList()) {
        if (!depth.containsKey(next)) {
          depth.put(next, depth.get(cur) + 1);
          queue.add(next);
        }
      }
    }
    int maxDepth = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    Map<Integer, List<String>> layers = new TreeMap<>();
    for (String nd : nodes) layers.computeIfAbsent(depth.getOrDefault(nd, maxDepth + 1), k -> new ArrayList<>()).add(nd);

    // Wrap long layers into rows that fit the width.
    List<List<String>> rows = new ArrayList<>();
    Map<String, double[]> box = new LinkedHashMap<>();
    Map<String, String> sub = new LinkedHashMap<>();
    for (String nd : nodes) {
      sub.put(nd, subLabel(relations.world, nd));
      double w = Math.max(Svg.textWidth(Html.shorten(nd, 26), 12.5), Svg.textWidth(Html.shorten(sub.get(nd), 30), 10.5)) + 22;
      box.put(nd, new double[] {0, 0, Math.max(64, w), NODE_H});
    }
    for (List<String> layer : layers.values()) {
      layer.sort(String::compareTo);
      List<String> row = new ArrayList<>();
      double used = 0;
      for (String nd : layer) {
        double w = box.get(nd)[2];
        if (!row.isEmpty() && used + GAP + w > WIDTH - 40) {
          rows.add(row);
          row = new ArrayList<>();
          used = 0;
        }
        used += (row.isEmpty() ? 0 : GAP) + w;
        row.add(nd);
      }
      rows.add(row);
    }
    int height = 24 + rows.size() * ROW_H;
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      double total = row.stream().mapToDouble(nd -> box.get(nd)[2]).sum() + GAP * (row.size() - 1);
      double cx = (WIDTH - total) / 2;
      for (String nd : row) {
        double[] bx = box.get(nd);
        bx[0] = cx;
        bx[1] = 20 + r * ROW_H;
        cx += bx[2] + GAP;
      }
    }

    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"chart topology\" id=\"").append(Html.esc(id)).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(height).append("\" role=\"img\" aria-label=\"Entities involved and how they connect\""
            + " xmlns=\"http://www.w3.org/2000/svg\">\n");
    b.append("<title>Entities involved and how they connect</title>\n");
    b.append("<defs><marker id=\"").append(Html.esc(id)).append("-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\""
        + " markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0 L10 5 L0 10 z\""
        + " fill=\"#64748b\"/></marker></defs>\n");
    for (Edge e : edges) {
      double[] p = box.get(e.from());
      double[] q = box.get(e.to());
      b.append("<g class=\"edge edge-").append(e.kind()).append("\"><title>")
          .append(Html.esc(e.from() + " " + edgeLabel(e.kind()) + " " + e.to() + (e.note().isEmpty() ? "" : " (" + e.note() + ")")))
          .append("</title>");
      if (e.from().equals(e.to())) {
        double x = p[0] + p[2] - 12;
        double y = p[1];
        b.append("<path d=\"M").append(Svg.n(x)).append(' ').append(Svg.n(y)).append(" c 20 -26 40 4 12 ")
            .append(Svg.n(NODE_H / 2.0)).append("\" fill=\"none\"");
      } else if (p[1] == q[1]) {
        double ax = p[0] + p[2] / 2;
        double bx = q[0] + q[2] / 2;
        double bend = Math.min(30, 10 + Math.abs(bx - ax) / 12);
        b.append("<path d=\"M").append(Svg.n(ax)).append(' ').append(Svg.n(p[1])).append(" Q").append(Svg.n((ax + bx) / 2))
            .append(' ').append(Svg.n(p[1] - bend * 2)).append(' ').append(Svg.n(bx)).append(' ').append(Svg.n(q[1]))
            .append("\" fill=\"none\"");
      } else {
        double[] a1 = clip(p, q);
        double[] a2 = clip(q, p);
        b.append("<line x1=\"").append(Svg.n(a1[0])).append("\" y1=\"").append(Svg.n(a1[1])).append("\" x2=\"")
            .append(Svg.n(a2[0])).append("\" y2=\"").append(Svg.n(a2[1])).append('"');
      }
      if (e.directed()) b.append(" marker-end=\"url(#").append(Html.esc(id)).append("-arrow)\"");
      b.append("/></g>\n");
    }
    for (String nd : nodes) {
      double[] bx = box.get(nd);
      String cls = nd.equals(subject) ? "subject" : observed.contains(nd) ? "observed" : predicted.contains(nd) ? "predicted"
          : "context";
      b.append("<g class=\"node ").append(cls).append("\"><title>").append(Html.esc(nd + (sub.get(nd).isEmpty() ? "" : " — "
          + sub.get(nd)))).append("</title>");
      b.append("<rect x=\"").append(Svg.n(bx[0])).append("\" y=\"").append(Svg.n(bx[1])).append("\" width=\"")
          .append(Svg.n(bx[2])).append("\" height=\"").append(NODE_H).append("\" rx=\"7\"/>");
      double cx = bx[0] + bx[2] / 2;
      b.append("<text class=\"node-name\" x=\"").append(Svg.n(cx)).append("\" y=\"")
          .append(Svg.n(bx[1] + (sub.get(nd).isEmpty() ? 22 : 16))).append("\" text-anchor=\"middle\">")
          .append(Html.esc(Html.shorten(nd, 26))).append("</text>");
      if (!sub.get(nd).isEmpty()) {
        b.append("<text class=\"node-sub\" x=\"").append(Svg.n(cx)).append("\" y=\"").append(Svg.n(bx[1] + 29))
            .append("\" text-anchor=\"middle\">").append(Html.esc(Html.shorten(sub.get(nd), 30))).append("</text>");
      }
      b.append("</g>\n");
    }
    b.append("</svg>\n");
    return b.toString();
  }

  /**
   * The entities to draw, each joined to another by a relation: the subject's neighbourhood (two
   * hops), then the symptoms' entities, best connected first, each with a neighbour (one already
   * drawn when it has one), until {@link #MAX_NODES}.
   */
  private static Set<String> pick(Relations relations, String subject, Set<String> seeds) {
    Set<String> nodes = new LinkedHashSet<>();
    if (!relations.of(subject).isEmpty()) {
      nodes.add(subject);
      List<String> frontier = List.of(subject);
      for (int hop = 0; hop < 2 && nodes.size() < MAX_NODES / 2; hop++) {
        List<String> next = new ArrayList<>();
        for (String n : frontier) {
          for (Edge e : relations.of(n)) {
            String other = e.from().equals(n) ? e.to() : e.from();
            if (nodes.size() >= MAX_NODES / 2) break;
            if (nodes.add(other)) next.add(other);
          }
        }
        frontier = next;
      }
    }
    List<String> ordered = new ArrayList<>(seeds);
    ordered.removeIf(n -> n.equals(subject) || relations.of(n).isEmpty());
    ordered.sort(java.util.Comparator.comparingInt((String n) -> -relations.of(n).size()).thenComparing(n -> n));
    for (String seed : ordered) {
      if (nodes.contains(seed)) continue;
      String partner = null;
      for (Edge e : relations.of(seed)) {
        String other = e.from().equals(seed) ? e.to() : e.from();
        if (nodes.contains(other) || other.equals(seed)) {
          partner = other;
          break;
        }
        if (partner == null) partner = other;
      }
      int needed = nodes.contains(partner) ? 1 : 2;
      if (nodes.size() + needed > MAX_NODES) break;
      nodes.add(seed);
      nodes.add(partner);
    }
    return nodes;
  }

  /** "router · site A": what the inventory says about an entity. */
  static String subLabel(World world, String entity) {
    return world.item(entity).map(i -> {
      List<String> parts = new ArrayList<>();
      if (!i.type().isEmpty()) parts.add(i.type());
      if (!i.role().isEmpty()) parts.add(i.role());
      if (!i.site().isEmpty()) parts.add("site " + i.site());
      return String.join(" · ", parts);
    }).orElseGet(() -> world.service(entity).isPresent() || !world.itemsOfService(entity).isEmpty() ? "service"
        : world.generator(entity).map(g -> "key generator · " + g.kind()).orElse(""));
  }

  /** Where the line from the centre of {@code p} towards the centre of {@code q} leaves {@code p}'s box. */
  private static double[] clip(double[] p, double[] q) {
    double cx = p[0] + p[2] / 2;
    double cy = p[1] + p[3] / 2;
    double dx = q[0] + q[2] / 2 - cx;
    double dy = q[1] + q[3] / 2 - cy;
    double tx = dx == 0 ? Double.MAX_VALUE : (p[2] / 2 + 2) / Math.abs(dx);
    double ty = dy == 0 ? Double.MAX_VALUE : (p[3] / 2 + 2) / Math.abs(dy);
    double t = Math.min(1, Math.min(tx, ty));
    return new double[] {cx + dx * t, cy + dy * t};
  }
}
