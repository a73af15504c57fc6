package org.hindsight.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * What {@code drill.sealed} holds, encrypted: the answer and how the drill was made.
 *
 * @param id short random id shown in the briefing and the attempt log
 * @param family the pattern the generator imitates (for a near miss, the look-alike)
 * @param generator the generator's class, with {@code generatorVersion}, so a drill can be reproduced
 * @param hintLevel the highest hint level shown, and {@code firstHint} when the first was: kept
 *     sealed so deleting or editing a file in the drill folder cannot erase them
 */
public record SealedDrill(
    String id,
    Instant created,
    String family,
    Difficulty difficulty,
    long seed,
    String generator,
    String generatorVersion,
    DrillAnswer answer,
    int hintLevel,
    Instant firstHint) {

  /** Records that hints up to {@code level} were shown at {@code now}. */
  public SealedDrill withHint(int level, Instant now) {
    return new SealedDrill(id, created, family, difficulty, seed, generator, generatorVersion, answer,
        Math.max(hintLevel, level), firstHint == null ? now : firstHint);
  }

  public boolean nearMiss() {
    return answer.nearMiss();
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  byte[] toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", 1);
    o.put("id", id);
    o.put("created", created.toString());
    o.put("family", family);
    o.put("difficulty", difficulty.name().toLowerCase(java.util.Locale.ROOT));
    o.put("seed", seed);
    o.put("generator", generator);
    o.put("generatorVersion", generatorVersion);
    ObjectNode a = o.putObject("answer");
    a.put("pattern", answer.pattern());
    a.put("subject", answer.subject());
    a.put("causeFile", answer.causeFile());
    a.put("causeLine", answer.causeLine());
    a.put("site", answer.site());
    o.put("hintLevel", hintLevel);
    if (firstHint != null) o.put("firstHint", firstHint.toString());
    try {
      return JSON.writeValueAsBytes(o);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static SealedDrill fromJson(byte[] bytes) throws java.io.IOException {
    JsonNode o = JSON.readTree(bytes);
    JsonNode a = o.path("answer");
    if (!o.isObject() || !a.isObject() || !o.hasNonNull("id")) throw new java.io.IOException("not a drill record");
    return new SealedDrill(o.path("id").asText(), Instant.parse(o.path("created").asText()),
        o.path("family").asText(), Difficulty.valueOf(o.path("difficulty").asText().toUpperCase(java.util.Locale.ROOT)),
        o.path("seed").asLong(), o.path("generator").asText(), o.path("generatorVersion").asText(),
        new DrillAnswer(a.path("pattern").asText(), a.path("subject").asText(), a.path("causeFile").asText(),
            a.path("causeLine").asInt(), a.path("site").asText()),
        o.path("hintLevel").asInt(0), o.hasNonNull("firstHint") ? Instant.parse(o.path("firstHint").asText()) : null);
  }
}
