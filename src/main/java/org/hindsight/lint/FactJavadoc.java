package org.hindsight.lint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The javadoc of a fact type, read from its source: the one place a fact and its fields are
 * described. The fact sources ship inside the jar beside their classes (see the pom's resources),
 * so {@code ./hindsight rules facts} works anywhere; a plugin's fact type is documented the same
 * way when its jar carries its {@code .java} file.
 *
 * <p>What counts: the class comment's first paragraph describes the type, its first {@code <pre>}
 * block is the DRL example, its {@code @param} tags describe record components; a method's
 * comment describes the value it returns.
 *
 * @param type the type's first paragraph, as Markdown ("" when it has no comment)
 * @param example the DRL example, "" when none
 * @param params record component → description
 * @param methods no-argument method → description
 */
public record FactJavadoc(String type, String example, Map<String, String> params, Map<String, String> methods) {
  public static final FactJavadoc NONE = new FactJavadoc("", "", Map.of(), Map.of());

  private static final Pattern COMMENT = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
  private static final Pattern TYPE_DECL = Pattern.compile("^\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*(?:public\\s+)?(?:final\\s+|abstract\\s+|sealed\\s+)*"
      + "(?:record|class|interface|enum)\\s+(\\w+)");
  private static final Pattern METHOD_DECL = Pattern.compile("^\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*(?:public\\s+)?(?:default\\s+|static\\s+|final\\s+)*"
      + "[\\w.<>,?\\[\\] ]+?\\s+(\\w+)\\s*\\(\\s*\\)");

  /** The javadoc of {@code type}, from the {@code .java} file beside its class; {@link #NONE} when that is not shipped. */
  public static FactJavadoc of(Class<?> type) {
    Class<?> top = type;
    while (top.getEnclosingClass() != null) top = top.getEnclosingClass();
    try (InputStream in = top.getResourceAsStream(top.getSimpleName() + ".java")) {
      if (in == null) return NONE;
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), type.getSimpleName());
    } catch (IOException e) {
      return NONE;
    }
  }

  /** The javadoc of the type named {@code simpleName} declared in {@code source}. */
  public static FactJavadoc parse(String source, String simpleName) {
    String typeText = "";
    String example = "";
    Map<String, String> params = new LinkedHashMap<>();
    Map<String, String> methods = new LinkedHashMap<>();
    Matcher m = COMMENT.matcher(source);
    while (m.find()) {
      String after = source.substring(m.end(), Math.min(source.length(), m.end() + 400));
      String comment = strip(m.group(1));
      Matcher t = TYPE_DECL.matcher(after);
      if (t.find() && t.start() == 0) {
        if (!t.group(1).equals(simpleName)) continue;
        typeText = firstParagraph(comment);
        example = pre(comment);
        params.putAll(params(comment));
        continue;
      }
      Matcher meth = METHOD_DECL.matcher(after);
      if (meth.find() && meth.start() == 0) methods.putIfAbsent(meth.group(1), description(comment));
    }
    return new FactJavadoc(typeText, example, Map.copyOf(params), Map.copyOf(methods));
  }

  /** What the field or method {@code name} means: its {@code @param}, else its accessor's comment, else "". */
  public String field(String name) {
    String p = params.getOrDefault(name, "");
    return p.isEmpty() ? methods.getOrDefault(name, "") : p;
  }

  /** The comment's text without the leading stars of its lines. */
  private static String strip(String comment) {
    StringBuilder b = new StringBuilder();
    for (String line : comment.split("\n", -1)) {
      String l = line.strip();
      if (l.startsWith("*")) l = l.substring(1);
      b.append(l.startsWith(" ") ? l.substring(1) : l).append('\n');
    }
    return b.toString().strip();
  }

  private static String body(String comment) {
    int tag = indexOfTag(comment);
    return tag < 0 ? comment : comment.substring(0, tag);
  }

  private static int indexOfTag(String comment) {
    Matcher m = Pattern.compile("(?m)^@\\w+").matcher(comment);
    return m.find() ? m.start() : -1;
  }

  private static String firstParagraph(String comment) {
    String text = body(comment);
    int cut = text.length();
    for (String stop : new String[] {"<p>", "<pre>", "<ul>"}) {
      int i = text.indexOf(stop);
      if (i >= 0) cut = Math.min(cut, i);
    }
    return markdown(text.substring(0, cut));
  }

  private static String pre(String comment) {
    Matcher m = Pattern.compile("<pre>(.*?)</pre>", Pattern.DOTALL).matcher(body(comment));
    if (!m.find()) return "";
    return unescape(m.group(1).replaceAll("\\{@code\\s+([^}]*)}", "$1")).strip();
  }

  /** A method's description: its text, else its {@code @return}. */
  private static String description(String comment) {
    String text = firstParagraph(comment);
    if (!text.isEmpty()) return text;
    Matcher r = Pattern.compile("(?ms)^@return\\s+(.*?)(?=^@\\w+|\\z)").matcher(comment);
    return r.find() ? markdown(r.group(1)) : "";
  }

  private static Map<String, String> params(String comment) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?ms)^@param\\s+(\\w+)\\s+(.*?)(?=^@\\w+|\\z)").matcher(comment);
    while (m.find()) out.put(m.group(1), markdown(m.group(2)));
    return out;
  }

  /** Javadoc markup as the Markdown of the reference: {@code {@code x}} as code, links as names, one line. */
  static String markdown(String javadoc) {
    String s = javadoc.replaceAll("\\{@code\\s+([^}]*)}", "`$1`")
        .replaceAll("\\{@literal\\s+([^}]*)}", "$1")
        .replaceAll("\\{@link(?:plain)?\\s+[\\w.]*#(\\w+)(?:\\([^)]*\\))?(?:\\s+([^}]*))?}", "`$1`")
        .replaceAll("\\{@link(?:plain)?\\s+([\\w.]+)(?:\\s+([^}]*))?}", "$1")
        .replaceAll("</?(b|i|em|strong)>", "")
        .replaceAll("<p>", " ");
    return unescape(s).replaceAll("\\s+", " ").strip();
  }

  private static String unescape(String s) {
    return s.replace("&#64;", "@").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
  }

  /** The description for {@code field} of {@code type}: its own javadoc, else a supertype's accessor. */
  public static String describe(Class<?> type, String field) {
    String own = of(type).field(field);
    if (!own.isEmpty()) return own;
    for (Class<?> s : type.getInterfaces()) {
      String inherited = describe(s, field);
      if (!inherited.isEmpty()) return inherited;
    }
    return Optional.ofNullable(type.getSuperclass()).filter(s -> s != Object.class && s != Record.class)
        .map(s -> describe(s, field)).orElse("");
  }
}
