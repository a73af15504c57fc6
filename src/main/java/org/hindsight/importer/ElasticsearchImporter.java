package org.hindsight.importer;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;
import org.hindsight.ingest.Timestamps;

/**
 * Log documents out of Elasticsearch or OpenSearch: a {@code _search} answer ({@code hits.hits[]}, each document in its
 * {@code _source}), several answers of a scroll or {@code search_after} one a line, or {@code elasticdump}'s NDJSON (one
 * hit a line). Fields are read by their Elastic Common Schema names, nested ({@code "host":{"name":…}}) or dotted
 * ({@code "host.name"}), or from a hit's {@code fields} when the search asked for them instead of {@code _source}. Each
 * document is an {@code events} row typed by the event rules ({@link EventRows}); the entity is the narrowest thing it
 * names (a pod, a host, a service). A search answers by relevance or newest first: rows are taken in time order, as the
 * event rules' pairing of a systemd unit with its description needs.
 */
@AutoService(Importer.class)
public final class ElasticsearchImporter implements Importer {
  private static final List<String> TIME = List.of("@timestamp", "timestamp");
  /** ECS's, then Fluentd's (EFK: the container's line in {@code log}). */
  private static final List<String> MESSAGE = List.of("message", "log", "event.original", "log.original");
  /** ECS's, then Fluentd's kubernetes_metadata filter's. */
  private static final List<String> POD = List.of("kubernetes.pod.name", "kubernetes.pod_name");
  /** ECS's, Fluentd's node, Filebeat 6's, then a plain {@code host} as Logstash without ECS writes it. */
  private static final List<String> HOST = List.of("host.name", "host.hostname", "kubernetes.host", "agent.hostname", "beat.hostname",
      "hostname", "host");
  private static final List<String> SERVICE = List.of("service.name");
  /** What logged it, for the row's source: the service, else the program, else the data set. */
  private static final List<String> SOURCE = List.of("service.name", "process.name", "program", "kubernetes.container_name", "event.dataset",
      "data_stream.dataset");
  private static final List<String> LEVEL = List.of("log.level", "log.syslog.severity.name", "level", "severity");

  @Override
  public String name() {
    return "elasticsearch";
  }

  @Override
  public String summary() {
    return "Elasticsearch/OpenSearch log documents (a _search answer's hits, or elasticdump NDJSON; ECS fields) → events";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.EVENTS);
  }

  /** One document, read. */
  private record Doc(int line, Instant time, String iso, String message, String entity, String host, String source,
      String level, Map<String, String> extra) {}

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    List<Doc> docs = new ArrayList<>();
    // hits the answers say they matched, hits they hold, and where the first answer began (a scroll's pages add up)
    long[] matched = {-1, 0, 0};
    JsonRecords.objects(source, run, doc -> {
      if (doc.get("hits").isObject()) {
        incomplete(doc, source, run);
        if (matched[2] == 0) matched[2] = doc.line();
        matched[0] = Math.max(matched[0], total(doc.path("hits", "total")));
        for (Tree hit : doc.path("hits", "hits").items()) {
          matched[1]++;
          hit(hit, source, run, docs);
        }
      } else if (doc.get("error").isObject() || doc.get("error").text().length() > 0) {
        Tree e = doc.get("error");
        run.problem(source, doc.line(), "an error answer, not search hits: "
            + (e.isObject() ? e.text("type") + ": " + e.text("reason") : e.text()));
      } else if (doc.get("_source").isObject() || doc.get("fields").isObject() || !doc.get("_index").isMissing()) {
        hit(doc, source, run, docs); // elasticdump: one hit a line
      } else {
        run.problem(source, doc.line(), "not an Elasticsearch export (a _search answer with hits.hits[], or one hit a line"
            + " with _source, as elasticdump writes)");
      }
    });
    if (matched[0] > matched[1]) {
      // a search answers one page (size defaults to 10): the rest of the hits are not in the file
      run.problem(source, (int) matched[2], String.format(Locale.ROOT, "the answer holds %,d of the %,d%s hits the search matched"
          + " (one page: size defaults to 10); export them all (scroll or search_after, or a larger size), or import this"
          + " page with --lenient", matched[1], matched[0], matched[0] >= 10_000 ? " or more" : ""));
    }
    docs.sort(Comparator.comparing(Doc::time)); // stable: the file's order breaks ties
    for (Doc d : docs) {
      ImportRun.Row row = EventRows.add(run, source, d.line(), new EventRows.Message(d.iso(), d.source(), d.entity(), d.message(),
          d.level()));
      if (row != null) row.set("host", d.host());
      EventRows.extras(row, d.extra());
    }
  }

  /** {@code hits.total}: a number (Elasticsearch 6) or {@code {"value": n, "relation": "eq"|"gte"}}; -1 when absent. */
  private static long total(Tree total) {
    String n = total.isObject() ? total.text("value") : total.text();
    try {
      return n.isEmpty() ? -1 : Long.parseLong(n.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A search that timed out or lost shards answers with part of its hits: said at the answer's line. */
  private static void incomplete(Tree answer, Source source, ImportRun run) {
    if (answer.text("timed_out").equals("true")) {
      run.problem(source, answer.line(), "the search timed out: its hits are partial; search again with a longer timeout");
    }
    String failed = answer.text("_shards", "failed");
    if (!failed.isEmpty() && !failed.equals("0")) {
      run.problem(source, answer.line(), failed + " of " + answer.text("_shards", "total")
          + " shards failed: the hits are partial; search again when the cluster is healthy");
    }
  }

  private static void hit(Tree hit, Source source, ImportRun run, List<Doc> out) {
    Tree doc = hit.get("_source");
    Tree fields = hit.get("fields");
    if (!doc.isObject() && !fields.isObject()) {
      run.problem(source, hit.line(), "a hit without its document (_source): search with _source on, or ask for fields");
      return;
    }
    String when = field(doc, fields, TIME);
    if (when.isEmpty()) {
      run.problem(source, hit.line(), "a document without its time (@timestamp)");
      return;
    }
    Timestamps.Parsed t;
    try {
      t = run.clock().parse(when);
    } catch (DateTimeException e) {
      run.problem(source, hit.line(), "@timestamp: " + e.getMessage());
      return;
    }
    String host = field(doc, fields, HOST);
    if (!host.isEmpty()) host = run.settings().devices().device(host);
    String pod = field(doc, fields, POD);
    String service = field(doc, fields, SERVICE);
    String entity = !pod.isEmpty() ? pod : !host.isEmpty() ? host : service;
    if (entity.isEmpty()) {
      run.problem(source, hit.line(), "a document that names no pod, host or service (kubernetes.pod.name, host.name, host, service.name)");
      return;
    }
    String from = field(doc, fields, SOURCE);
    if (from.isEmpty()) from = hit.text("_index").isEmpty() ? "elasticsearch" : hit.text("_index");
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("namespace", field(doc, fields, List.of("kubernetes.namespace", "kubernetes.namespace.name", "kubernetes.namespace_name")));
    extra.put("container", field(doc, fields, List.of("container.name", "kubernetes.container.name", "kubernetes.container_name")));
    extra.put("index", hit.text("_index"));
    extra.put("id", hit.text("_id"));
    String message = field(doc, fields, MESSAGE);
    String level = EventRows.severity(field(doc, fields, LEVEL));
    // a line shipped as its layout wrote it (Fluentd's log, Filebeat without a parser): the level is in its text
    if (level.isEmpty()) level = EventRows.severityInText(message);
    out.add(new Doc(hit.line(), t.instant(), ImportRun.format(t.instant(), t.offset()), message, entity, host, from, level, extra));
  }

  /** The first of the names the document holds as text ("" when none): {@code _source} first, then {@code fields}. */
  private static String field(Tree doc, Tree fields, List<String> names) {
    for (String n : names) {
      String v = text(doc, n);
      if (v.isEmpty()) v = fields.get(n).isList() ? fields.get(n).items().stream().findFirst().map(Tree::text).orElse("") : "";
      if (!v.isBlank()) return v.trim();
    }
    return "";
  }

  /** A dotted ECS name in a document that may nest it ({@code host → name}), dot it ({@code "host.name"}) or mix both. */
  private static String text(Tree doc, String dotted) {
    Tree whole = doc.get(dotted);
    if (!whole.isMissing()) return whole.text();
    int dot = dotted.indexOf('.');
    while (dot > 0) {
      Tree head = doc.get(dotted.substring(0, dot));
      if (head.isObject()) {
        String v = text(head, dotted.substring(dot + 1));
        if (!v.isEmpty()) return v;
      }
      dot = dotted.indexOf('.', dot + 1);
    }
    return "";
  }
}
