package org.hindsight.analysis;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.hindsight.ingest.ColumnMap;

/** Everything an analysis can be told, builder style. */
public final class AnalysisOptions {
  final List<String> inputs;
  final List<Path> ruleDirs;
  final ZoneId timezone;
  final ZoneId displayZone;
  final boolean lenient;
  final boolean lenientAll;
  final String timeFormat;
  final int year;
  final java.nio.charset.Charset encoding;
  final ColumnMap columnMap;
  final Duration retention;
  final long maxFirings;
  final Duration maxRuleTime;
  final LongConsumer progress;
  final boolean simulate;
  final java.util.function.Consumer<String> notices;
  final Runnable whileRulesRun;

  private AnalysisOptions(Builder b) {
    this.inputs = List.copyOf(b.inputs);
    this.ruleDirs = List.copyOf(b.ruleDirs);
    this.timezone = b.timezone;
    this.displayZone = b.displayZone;
    this.lenient = b.lenient;
    this.lenientAll = b.lenientAll;
    this.timeFormat = b.timeFormat;
    this.year = b.year;
    this.encoding = b.encoding;
    this.columnMap = b.columnMap;
    this.retention = b.retention;
    this.maxFirings = b.maxFirings;
    this.maxRuleTime = b.maxRuleTime;
    this.progress = b.progress;
    this.simulate = b.simulate;
    this.notices = b.notices;
    this.whileRulesRun = b.whileRulesRun;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to derive a variant (e.g. one more rules folder). */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.inputs.addAll(inputs);
    b.ruleDirs.addAll(ruleDirs);
    b.timezone = timezone;
    b.displayZone = displayZone;
    b.lenient = lenient;
    b.lenientAll = lenientAll;
    b.timeFormat = timeFormat;
    b.year = year;
    b.encoding = encoding;
    b.columnMap = columnMap;
    b.retention = retention;
    b.maxFirings = maxFirings;
    b.maxRuleTime = maxRuleTime;
    b.progress = progress;
    b.simulate = simulate;
    b.notices = notices;
    b.whileRulesRun = whileRulesRun;
    return b;
  }

  public List<Path> ruleDirs() {
    return ruleDirs;
  }

  public List<String> inputs() {
    return inputs;
  }

  /** The built-in rules folder: {@code $HINDSIGHT_HOME/rules} (the launcher sets the home). */
  public static Path builtInRules() {
    String home = System.getProperty("hindsight.home", System.getenv().getOrDefault("HINDSIGHT_HOME", "."));
    return Path.of(home, "rules");
  }

  public static final class Builder {
    private final List<String> inputs = new ArrayList<>();
    private final List<Path> ruleDirs = new ArrayList<>();
    private ZoneId timezone;
    private ZoneId displayZone;
    private boolean lenient;
    private boolean lenientAll;
    private String timeFormat;
    private int year;
    private java.nio.charset.Charset encoding = java.nio.charset.StandardCharsets.UTF_8;
    private ColumnMap columnMap = ColumnMap.NONE;
    private Duration retention = Duration.ofHours(48);
    private long maxFirings = -1;
    private Duration maxRuleTime = Duration.ofSeconds(120);
    private LongConsumer progress = n -> {};
    private boolean simulate = true;
    private java.util.function.Consumer<String> notices = s -> {};
    private Runnable whileRulesRun;

    /** A folder of CSVs, a CSV file, or {@code kind=path}. */
    public Builder input(String input) {
      inputs.add(input);
      return this;
    }

    public Builder inputs(List<String> all) {
      inputs.addAll(all);
      return this;
    }

    /** A folder (or file) of DRL rules; the built-in rules are not added implicitly. */
    public Builder rules(Path dir) {
      ruleDirs.add(dir);
      return this;
    }

    public Builder timezone(ZoneId zone) {
      this.timezone = zone;
      return this;
    }

    public Builder displayZone(ZoneId zone) {
      this.displayZone = zone;
      return this;
    }

    public Builder lenient(boolean lenient) {
      this.lenient = lenient;
      return this;
    }

    /** Skip bad rows however many a file loses ({@code --lenient=all}). */
    public Builder lenientAll(boolean all) {
      this.lenientAll = all;
      return this;
    }

    /** How timestamps are written when not ISO-8601 (see {@code Timestamps}). */
    public Builder timeFormat(String timeFormat) {
      this.timeFormat = timeFormat;
      return this;
    }

    /** The year of timestamps written without one. */
    /** Charset of the input files ({@code --encoding}; default UTF-8). */
    public Builder encoding(java.nio.charset.Charset cs) {
      this.encoding = cs == null ? java.nio.charset.StandardCharsets.UTF_8 : cs;
      return this;
    }

    public Builder year(int year) {
      this.year = year;
      return this;
    }

    /** Header names that differ from the contract ({@code --map}). */
    public Builder columnMap(ColumnMap map) {
      this.columnMap = map;
      return this;
    }

    /** How long events stay in the rule session after their timestamp. */
    public Builder retention(Duration retention) {
      this.retention = retention;
      return this;
    }

    /** Rule firings allowed; -1 for the default, which grows with the input. */
    public Builder maxFirings(long maxFirings) {
      this.maxFirings = maxFirings;
      return this;
    }

    public Builder maxRuleTime(Duration maxRuleTime) {
      this.maxRuleTime = maxRuleTime;
      return this;
    }

    public Builder progress(LongConsumer progress) {
      this.progress = progress;
      return this;
    }

    /** Skip validation by replay (every hypothesis becomes not-simulated). */
    public Builder simulate(boolean simulate) {
      this.simulate = simulate;
      return this;
    }

    /** Where to say how the rules were loaded when it is not the usual way (e.g. rules/ edited since the build). */
    public Builder notices(java.util.function.Consumer<String> notices) {
      this.notices = notices;
      return this;
    }

    /**
     * Work for another thread while the rule session runs, when the main thread only waits for it
     * (e.g. readying the report writer). It must change no result; if it fails, nothing is said.
     */
    public Builder whileRulesRun(Runnable work) {
      this.whileRulesRun = work;
      return this;
    }

    public AnalysisOptions build() {
      return new AnalysisOptions(this);
    }
  }
}
