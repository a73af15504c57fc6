package org.hindsight.patterns.missingexit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.facts.CommandEffect;
import org.hindsight.facts.ConfigCommand;

/**
 * Replays one CLI session through a {@link Dialect}: for every line, the context it took effect in
 * (or was tried in), whether the device accepted it, and when it took effect.
 *
 * <p>Acceptance: a logged error means rejected (and a rejected line changes nothing); a logged
 * {@code ok} means accepted — where the grammar agrees it lands where the grammar says, otherwise
 * where it was typed; no logged result means the grammar decides (words it does not know are
 * assumed accepted where typed).
 */
public final class SessionModel {
  private SessionModel() {}

  /** What the log says about a line. {@code OK_IF_UNMOVED}: accepted only if typed in {@code loggedIn}. */
  public enum Logged { OK, REJECTED, UNKNOWN, OK_IF_UNMOVED }

  /** One line to replay; {@code source} is null for lines a counterfactual inserts. */
  public record Line(String text, Logged logged, Instant typedAt, ConfigCommand source, CliContext loggedIn) {
    public static Line of(ConfigCommand c) {
      Logged l = !c.resultKnown() ? Logged.UNKNOWN : c.rejected() ? Logged.REJECTED : Logged.OK;
      return new Line(Prompts.strip(c.command()), l, c.time(), c, null);
    }
  }

  /**
   * One replayed line.
   *
   * @param before the context the line was typed in
   * @param where where it took effect (or was tried)
   * @param effectiveAt when it took effect; null when it never did
   */
  public record Step(
      int seq,
      Line line,
      Interpretation.Kind kind,
      CliContext before,
      CliContext where,
      CliContext after,
      boolean accepted,
      boolean inferred,
      boolean opensMode,
      String topicHint,
      LineMeaning meaning,
      Instant effectiveAt) {

    /** Configuration statements and attempts at them (not navigation, commits or show commands). */
    public boolean statement() {
      return kind == Interpretation.Kind.CONFIG || kind == Interpretation.Kind.INVALID || kind == Interpretation.Kind.UNKNOWN;
    }

    public boolean effective() {
      return effectiveAt != null;
    }

    public String text() {
      return line.text();
    }

    /** Routes of another protocol brought into a global-table IGP by this line ({@link CommandEffect#leaksIntoIgp}'s one definition). */
    public boolean leaksIntoIgp() {
      return statement() && CommandEffect.leaksIntoIgp(effective(), Protocols.igp(where.protocol()), where.vrf(),
          meaning.negated(), meaning.injects(), where.protocol());
    }

    public boolean foreign() {
      String p = where.protocol();
      String topic = meaning.topic().isEmpty() ? topicHint : meaning.topic();
      return !p.isEmpty() && !topic.isEmpty() && !topic.equals(p) && meaning.injects().isEmpty();
    }

    /**
     * Seq of the line that entered the routing-protocol context this line sits in (the outermost level
     * with that protocol), so every line of one visit to {@code router isis} shares it; else the
     * innermost level's; -1 at the top.
     */
    public int contextEntry() {
      String p = where.protocol();
      if (!p.isEmpty()) {
        for (Frame f : where.frames()) if (f.protocol().equals(p)) return f.enteredAt();
      }
      return where.enteredAt();
    }
  }

  public static List<Step> replay(Dialect dialect, List<Line> lines, PolicyBook policies) {
    List<Step> steps = new ArrayList<>(lines.size());
    List<Integer> pending = new ArrayList<>();
    CliContext ctx = dialect.start();
    boolean staged = dialect.commitBased() || dialect.stagesSession(lines.stream().map(Line::text).toList());
    for (int seq = 0; seq < lines.size(); seq++) {
      Line line = lines.get(seq);
      if (dialect.startsStaging(line.text()) && line.logged() != Logged.REJECTED) staged = true;
      Interpretation in = dialect.interpret(ctx, line.text(), seq);
      Logged logged = line.logged();
      if (logged == Logged.OK_IF_UNMOVED) logged = ctx.equals(line.loggedIn()) ? Logged.OK : Logged.UNKNOWN;
      boolean inferred = logged == Logged.UNKNOWN;
      boolean accepted;
      CliContext where = in.where();
      CliContext after;
      switch (logged) {
        case REJECTED -> {
          accepted = false;
          where = ctx;
          after = ctx;
        }
        case OK -> {
          accepted = true;
          boolean grammarAgrees = in.kind() != Interpretation.Kind.INVALID && in.kind() != Interpretation.Kind.UNKNOWN;
          if (!grammarAgrees) where = ctx;
          after = grammarAgrees ? in.next() : ctx;
        }
        default -> {
          accepted = in.kind() != Interpretation.Kind.INVALID;
          after = accepted ? in.next() : ctx;
          if (!accepted) where = ctx;
        }
      }
      Interpretation.Kind kind = in.kind();
      if (logged == Logged.OK && kind == Interpretation.Kind.INVALID) kind = Interpretation.Kind.UNKNOWN;
      LineMeaning meaning = LineMeaning.NEUTRAL;
      boolean statement = kind == Interpretation.Kind.CONFIG || kind == Interpretation.Kind.INVALID || kind == Interpretation.Kind.UNKNOWN;
      if (statement) meaning = dialect.meaning(where, line.text(), policies);
      Instant effectiveAt = null;
      if (accepted && statement) {
        if (staged) pending.add(seq);
        else effectiveAt = line.typedAt();
      }
      steps.add(new Step(seq, line, kind, ctx, where, after, accepted, inferred, in.opensMode(), in.topicHint(), meaning, effectiveAt));
      if (accepted && kind == Interpretation.Kind.COMMIT) {
        for (int p : pending) {
          Step s = steps.get(p);
          steps.set(p, new Step(s.seq(), s.line(), s.kind(), s.before(), s.where(), s.after(), s.accepted(), s.inferred(),
              s.opensMode(), s.topicHint(), s.meaning(), committedAt(s.line().typedAt(), line.typedAt())));
        }
        pending.clear();
      } else if (accepted && kind == Interpretation.Kind.DISCARD) {
        pending.clear();
      }
      ctx = after;
    }
    return steps;
  }

  /**
   * When a staged line took effect: at the commit, but never before it was typed (a log whose line is
   * stamped after the commit that follows it in the file).
   */
  private static Instant committedAt(Instant typed, Instant commit) {
    if (typed == null) return commit;
    if (commit == null) return typed;
    return typed.isAfter(commit) ? typed : commit;
  }

  /** Teaches the policy book what accepted lines of a replay define. */
  public static void learn(Dialect dialect, List<Step> steps, PolicyBook policies) {
    for (Step s : steps) if (s.accepted() && s.statement()) dialect.learn(s.where(), s.text(), policies);
  }

  /**
   * The same session with {@code inserted} lines typed right after line {@code afterSeq} (e.g. the
   * missing {@code exit}s), replayed. Logged outcomes are kept only where they cannot depend on the
   * context: a logged rejection of a line the grammar found valid where it was typed stays rejected
   * (it failed for another reason, such as a missing VRF); a rejection the grammar explains by the
   * context, and an acceptance of a line now typed in another context, are inferred afresh.
   */
  public static List<Step> replayWithInserted(Dialect dialect, List<Step> actual, int afterSeq, List<String> inserted,
      PolicyBook policies) {
    List<Line> lines = new ArrayList<>();
    for (Step s : actual) {
      Line l = s.line();
      Logged logged = switch (l.logged()) {
        case REJECTED -> s.kind() == Interpretation.Kind.CONFIG || s.kind() == Interpretation.Kind.NAVIGATE
            ? Logged.REJECTED : Logged.UNKNOWN;
        case OK, OK_IF_UNMOVED -> Logged.OK_IF_UNMOVED;
        case UNKNOWN -> Logged.UNKNOWN;
      };
      lines.add(new Line(l.text(), logged, l.typedAt(), l.source(), s.before()));
      if (s.seq() == afterSeq) {
        for (String x : inserted) lines.add(new Line(x, Logged.UNKNOWN, l.typedAt(), null, null));
      }
    }
    return replay(dialect, lines, policies);
  }
}
