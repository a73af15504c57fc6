package org.hindsight.importer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hindsight.ingest.ColumnMap;
import org.hindsight.ingest.LogKind;

/** Everything an import can be told, builder style; every importer reads what concerns it. */
public final class ImportSettings {
  final ZoneId timezone;
  final String timeFormat;
  final int year;
  /** A time the inputs are about (the other logs' earliest, with its offset), for syslog times; null: none known. */
  final org.hindsight.ingest.Timestamps.Parsed near;
  /** The other logs' latest time, with {@link #near} their span (local times without a zone are fitted into it); null: not known. */
  final Instant nearUntil;
  final java.nio.charset.Charset encoding;
  final DeviceMap devices;
  final MetricMap metrics;
  final List<String> entityLabels;
  final EventRules eventRules;
  final ColumnMap columnMap;
  final LogKind csvKind;
  final Duration sessionGap;
  final String operator;
  final Set<String> hardKinds;
  final boolean lenient;
  final boolean lenientAll;
  final String url;
  final List<String> queries;
  final Instant start;
  final Instant end;
  final Duration step;
  final Duration timeout;
  /** When a listing that writes ages, not times, was taken ({@code kubectl get events}' LAST SEEN); null: not given. */
  final Instant takenAt;
  /** Access logs: the data centre and the server the log was written in, where the log does not say; null: not given. */
  final String datacenter;
  final String server;

  private ImportSettings(Builder b) {
    timezone = b.timezone;
    timeFormat = b.timeFormat;
    year = b.year;
    near = b.near;
    nearUntil = b.nearUntil;
    encoding = b.encoding;
    devices = b.devices;
    metrics = b.metrics;
    entityLabels = List.copyOf(b.entityLabels);
    eventRules = b.eventRules;
    columnMap = b.columnMap;
    csvKind = b.csvKind;
    sessionGap = b.sessionGap;
    operator = b.operator;
    hardKinds = Set.copyOf(b.hardKinds);
    lenient = b.lenient || b.lenientAll;
    lenientAll = b.lenientAll;
    url = b.url;
    queries = List.copyOf(b.queries);
    start = b.start;
    end = b.end;
    step = b.step;
    timeout = b.timeout;
    takenAt = b.takenAt;
    datacenter = b.datacenter;
    server = b.server;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The device map, shared and filled by inventory-like imports of the same run. */
  public DeviceMap devices() {
    return devices;
  }

  public static final class Builder {
    private ZoneId timezone;
    private String timeFormat;
    private int year;
    private org.hindsight.ingest.Timestamps.Parsed near;
    private Instant nearUntil;
    private java.nio.charset.Charset encoding = java.nio.charset.StandardCharsets.UTF_8;
    private DeviceMap devices = new DeviceMap();
    private MetricMap metrics = MetricMap.NONE;
    private final List<String> entityLabels = new ArrayList<>();
    private EventRules eventRules = EventRules.builtIn();
    private ColumnMap columnMap = ColumnMap.NONE;
    private LogKind csvKind;
    private Duration sessionGap = Duration.ofMinutes(30);
    private String operator;
    private Set<String> hardKinds = Set.of("component", "resource");
    private boolean lenient;
    private boolean lenientAll;
    private String url;
    private final List<String> queries = new ArrayList<>();
    private Instant start;
    private Instant end;
    private Duration step = Duration.ofSeconds(60);
    private Instant takenAt;
    private Duration timeout = Duration.ofSeconds(30);
    private String datacenter;
    private String server;

    /** Zone of times written without an offset. */
    public Builder timezone(ZoneId z) {
      timezone = z;
      return this;
    }

    public Builder timeFormat(String f) {
      timeFormat = f;
      return this;
    }

    /** Year of the first year-less time (syslog, tac_plus); later ones roll over at New Year. */
    public Builder year(int y) {
      year = y;
      return this;
    }

    /**
     * A time the other inputs are about, with the offset they write (the analysis's CSV files beside a syslog):
     * RFC 3164 times, which carry neither year nor zone, take the year that puts them nearest it unless
     * {@link #year} names one, and its offset unless {@link #timezone} names a zone; said in the import's summary.
     */
    public Builder near(org.hindsight.ingest.Timestamps.Parsed dated) {
      near = dated;
      return this;
    }

    /**
     * The other inputs' latest time: with {@link #near}, the span a source of local times without a zone is fitted
     * into when their offset reads it outside (as the logs imported with it are); null: not known.
     */
    public Builder nearUntil(Instant latest) {
      nearUntil = latest;
      return this;
    }

    /** Charset of the sources ({@code --encoding}); a byte-order mark overrides it. */
    public Builder encoding(java.nio.charset.Charset cs) {
      encoding = cs == null ? java.nio.charset.StandardCharsets.UTF_8 : cs;
      return this;
    }

    /** Addresses (NAS, Prometheus instance) → device names. */
    public Builder devices(DeviceMap d) {
      devices = d;
      return this;
    }

    public Builder metrics(MetricMap m) {
      metrics = m;
      return this;
    }

    /** Labels that name the entity of a series, tried in order (default: instance, device, host, node, pod, job). */
    public Builder entityLabel(String label) {
      entityLabels.add(label);
      return this;
    }

    public Builder eventRules(EventRules r) {
      eventRules = r;
      return this;
    }

    /** Which of the user's columns fill which contract column ({@code --map}), for importers that read CSV. */
    public Builder columnMap(ColumnMap m) {
      columnMap = m;
      return this;
    }

    /** For the generic {@code csv} importer: the kind it writes (null: told by the file's name). */
    public Builder csvKind(LogKind kind) {
      csvKind = kind;
      return this;
    }

    /** Silence after which a user's commands on a line start a new session. */
    public Builder sessionGap(Duration gap) {
      sessionGap = gap;
      return this;
    }

    /** Who typed a shell history (default: from the file's path). */
    public Builder operator(String op) {
      operator = op;
      return this;
    }

    /** Backstage: which kinds of {@code dependsOn} targets are hard dependencies. */
    public Builder hardKinds(Set<String> kinds) {
      hardKinds = kinds;
      return this;
    }

    public Builder lenient(boolean l) {
      lenient = l;
      return this;
    }

    public Builder lenientAll(boolean all) {
      lenientAll = all;
      return this;
    }

    /** Prometheus server to pull from. */
    public Builder url(String u) {
      url = u;
      return this;
    }

    /** A PromQL query, optionally {@code metric.name=QUERY}. */
    public Builder query(String q) {
      queries.add(q);
      return this;
    }

    public Builder range(Instant from, Instant to, Duration every) {
      start = from;
      end = to;
      step = every;
      return this;
    }

    public Builder timeout(Duration t) {
      timeout = t;
      return this;
    }

    /** When a listing of ages ({@code 5m12s} ago) was taken. */
    public Builder takenAt(Instant t) {
      takenAt = t;
      return this;
    }

    /** Where an access log was written, when its lines do not say (null: not given). */
    public Builder placedAt(String datacenterName, String serverName) {
      datacenter = datacenterName == null || datacenterName.isBlank() ? null : datacenterName.trim();
      server = serverName == null || serverName.isBlank() ? null : serverName.trim();
      return this;
    }

    public ImportSettings build() {
      return new ImportSettings(this);
    }
  }
}
