package org.hindsight.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.facts.Fact;
import org.hindsight.facts.Hypothesis;
import org.hindsight.facts.SourceRef;
import org.hindsight.world.World;

/**
 * A rule's claim re-made for a perturbed copy of its bundle, so that the validator itself (not only
 * the rules) is asked about the copy: the perturbation tests put it to the copy directly.
 */
public final class Claims {
  private Claims() {}

  /** The claim as the rule made it, to be resolved against the perturbed bundle (the time comes from the cause record). */
  public static Hypothesis.Builder claim(Hypothesis h) {
    return claim(h, h.subject());
  }

  public static Hypothesis.Builder claim(Hypothesis h, String subject) {
    Hypothesis.Builder b = Hypothesis.builder(h.pattern(), subject).site(h.site()).confidence(h.confidence())
        .cause(h.cause() == null ? null : new SourceRef(fileName(h.cause()), h.cause().line()))
        .trigger(h.trigger() == null ? null : new SourceRef(fileName(h.trigger()), h.trigger().line()));
    h.details().forEach((k, v) -> {
      if (!k.equals("at") && !k.equals("failed")) b.detail(k, v);
    });
    if (h.details().containsKey("failed")) b.detail("failed", subject);
    return b;
  }

  /** The claim with its cause and trigger pointing at the perturbed bundle's records. */
  public static Hypothesis resolve(Hypothesis.Builder b, World world, Path dir) {
    Hypothesis h = b.build();
    Hypothesis.Builder out = h.toBuilder();
    out.cause(find(world, h.cause()));
    out.trigger(find(world, h.trigger()));
    return out.build();
  }

  private static SourceRef find(World world, SourceRef short_) {
    if (short_ == null) return null;
    List<Fact> all = new ArrayList<>(world.timeline());
    all.addAll(world.inventory());
    all.addAll(world.keyGenerators());
    for (Fact f : all) {
      SourceRef o = f.origin();
      if (o != null && o.line() == short_.line() && fileName(o).equals(short_.file())) return o;
    }
    return short_;
  }

  /** The file name a citation names (reports cite full paths; copies of a bundle share names). */
  public static String fileName(SourceRef ref) {
    return Path.of(ref.file()).getFileName().toString();
  }
}
