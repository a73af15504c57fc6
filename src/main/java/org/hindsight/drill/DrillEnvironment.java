package org.hindsight.drill;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.hindsight.analysis.AnalysisOptions;
import org.hindsight.analysis.Analyzer;

/**
 * Everything a drill command depends on from outside: the generators, the analyser and its rules,
 * where the trainer key and attempt log live, the clock and the trainee's input. The command line
 * uses {@link #standard()}; tests build their own so nothing touches the real home folder.
 */
public final class DrillEnvironment {
  private final List<IncidentGenerator> generators;
  private final Supplier<Analyzer> analyzer;
  private final List<Path> ruleDirs;
  private final DrillKeys keys;
  private final Path defaultLog;
  private final Clock clock;
  private final InputStream in;
  private final String user;
  private Analyzer analyzerInstance;

  private DrillEnvironment(Builder b) {
    this.generators = List.copyOf(b.generators);
    this.analyzer = b.analyzer;
    this.ruleDirs = List.copyOf(b.ruleDirs);
    this.keys = new DrillKeys(b.env, b.home);
    this.defaultLog = b.home.resolve(".local/share/hindsight/drill-attempts.csv");
    this.clock = b.clock;
    this.in = b.in;
    this.user = b.env.getOrDefault("USER", b.env.getOrDefault("USERNAME", System.getProperty("user.name", "trainee")));
  }

  /** Generators from the class path, the built-in rules, the real home, clock and stdin. */
  public static DrillEnvironment standard() {
    Builder b = builder();
    ServiceLoader.load(IncidentGenerator.class, org.hindsight.plugin.Plugins.current()).forEach(b::generator);
    Path builtIn = AnalysisOptions.builtInRules();
    if (Files.isDirectory(builtIn)) b.rules(builtIn);
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Generators generators() {
    return new Generators(generators);
  }

  public synchronized Analyzer analyzer() {
    if (analyzerInstance == null) analyzerInstance = analyzer.get();
    return analyzerInstance;
  }

  /** The rule folders analyses use (the built-in rules unless told otherwise). */
  public List<Path> ruleDirs() {
    return ruleDirs;
  }

  public DrillKeys keys() {
    return keys;
  }

  /** {@code ~/.local/share/hindsight/drill-attempts.csv}. */
  public Path defaultLog() {
    return defaultLog;
  }

  public Clock clock() {
    return clock;
  }

  /** Where interactive answers are read from. */
  public InputStream in() {
    return in;
  }

  /** The login name ($USER), the default trainee name. */
  public String user() {
    return user;
  }

  public static final class Builder {
    private final List<IncidentGenerator> generators = new ArrayList<>();
    private Supplier<Analyzer> analyzer = Analyzer::new;
    private final List<Path> ruleDirs = new ArrayList<>();
    private Map<String, String> env = System.getenv();
    private Path home = Path.of(System.getProperty("user.home"));
    private Clock clock = Clock.systemUTC();
    private InputStream in = System.in;

    public Builder generator(IncidentGenerator g) {
      generators.add(g);
      return this;
    }

    public Builder analyzer(Supplier<Analyzer> analyzer) {
      this.analyzer = analyzer;
      return this;
    }

    public Builder rules(Path dir) {
      ruleDirs.add(dir);
      return this;
    }

    /** Environment variables ($HINDSIGHT_DRILL_KEY, $USER). */
    public Builder env(Map<String, String> env) {
      this.env = Map.copyOf(env);
      return this;
    }

    /** The home folder holding {@code .config/hindsight/drill.key} and the attempt log. */
    public Builder home(Path home) {
      this.home = home;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder in(InputStream in) {
      this.in = in;
      return this;
    }

    public DrillEnvironment build() {
      return new DrillEnvironment(this);
    }
  }
}
