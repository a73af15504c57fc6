package org.hindsight.drill;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.random.RandomGenerator;

/** Plausible random names, places and times, so drills never repeat a sample's names. */
public final class Names {
  private static final List<String> CITIES = List.of("osaka", "lyon", "denver", "pune", "porto", "leeds", "graz",
      "turku", "cebu", "perth", "quito", "accra", "malmo", "brno", "split", "omaha", "tampa", "kochi", "izmir", "hobart");
  private static final List<String> ZONES = List.of("UTC", "Europe/Paris", "America/Denver", "Asia/Kolkata",
      "Asia/Tokyo", "Australia/Perth", "America/Sao_Paulo", "Europe/London", "Asia/Seoul", "America/New_York");
  private static final List<String> WORDS = List.of("atlas", "birch", "cobalt", "delta", "ember", "fjord", "garnet",
      "harbor", "indigo", "juniper", "kestrel", "lumen", "magnet", "nimbus", "onyx", "prism", "quartz", "raven",
      "sable", "tundra", "umber", "vortex", "willow", "xenon", "yarrow", "zephyr");

  private final RandomGenerator random;

  public Names(RandomGenerator random) {
    this.random = random;
  }

  public String city() {
    return pick(CITIES);
  }

  public String word() {
    return pick(WORDS);
  }

  public ZoneId zone() {
    return ZoneId.of(pick(ZONES));
  }

  /** A random moment in 2019–2026, in {@code zone}. */
  public ZonedDateTime time(ZoneId zone) {
    LocalDate d = LocalDate.of(2019 + random.nextInt(8), 1 + random.nextInt(12), 1 + random.nextInt(28));
    LocalTime t = LocalTime.of(random.nextInt(24), random.nextInt(60), random.nextInt(60));
    return ZonedDateTime.of(d, t, zone);
  }

  /** Words for new names, none of them in {@code taken}, shuffled; single words last (taken first). */
  public List<String> freshWords(java.util.Set<String> taken) {
    List<String> pairs = new java.util.ArrayList<>();
    for (String w : WORDS) for (String c : CITIES) if (!taken.contains(w + c)) pairs.add(w + c);
    List<String> singles = new java.util.ArrayList<>();
    for (String w : CITIES) if (!taken.contains(w)) singles.add(w);
    for (String w : WORDS) if (!taken.contains(w)) singles.add(w);
    shuffle(pairs);
    shuffle(singles);
    pairs.addAll(singles);
    return pairs;
  }

  private void shuffle(List<String> list) {
    for (int i = list.size() - 1; i > 0; i--) java.util.Collections.swap(list, i, random.nextInt(i + 1));
  }

  public <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  public int between(int lo, int hiInclusive) {
    return lo + random.nextInt(hiInclusive - lo + 1);
  }
}
