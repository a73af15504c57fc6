package org.hindsight.patterns.typoscopedshutdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The targeting syntaxes operators type, each read into the neutral {@link Selector}: attribute
 * expressions ({@code role=web AND site:z1}), Ansible host patterns ({@code web*:&prod:!web-03}),
 * Salt targets (glob, list, PCRE, grain, compound {@code G@role:db and not E@.*-07}), pdsh/clush
 * host lists ({@code web[01-20,30]}), Kubernetes label selectors ({@code app=api,tier notin (edge)}).
 * Tool grammars decide which syntax a word is in (its position); this class only reads it.
 * Malformed text throws {@link NotUnderstood} with the reason.
 */
public final class SelectorSyntax {
  private SelectorSyntax() {}

  // ---- attribute expressions ----

  /**
   * {@code key=value}, {@code key:value}, {@code key!=value}, plain host globs, networks
   * ({@code 10.2.0.0/16}: hosts by address), combined with
   * {@code AND}/{@code &&}, {@code OR}/{@code ||}, {@code NOT}/{@code !} and parentheses (AND binds
   * tighter). Values may be globs.
   */
  public static Selector attributes(String text) throws NotUnderstood {
    List<String> tokens = expressionTokens(text);
    if (tokens.isEmpty()) throw new NotUnderstood("empty selector");
    int[] pos = {0, 0};
    Selector s = orExpr(tokens, pos, SelectorSyntax::attributeTerm);
    if (pos[0] != tokens.size()) throw new NotUnderstood("unexpected '" + tokens.get(pos[0]) + "' in selector '" + text + "'");
    return s;
  }

  /** Whether text reads as an attribute expression rather than one host selector. */
  public static boolean looksLikeAttributes(String text) {
    for (String t : text.trim().split("\\s+")) {
      String u = t.toUpperCase(Locale.ROOT);
      if (u.equals("AND") || u.equals("OR") || u.equals("NOT") || t.equals("&&") || t.equals("||")) return true;
    }
    return ATTRIBUTE_TEST.matcher(text).matches();
  }

  /** Compiled once: every selector of every command is asked. */
  private static final java.util.regex.Pattern ATTRIBUTE_TEST =
      java.util.regex.Pattern.compile("(?s)\\s*!?\\(?[A-Za-z_][\\w./-]*\\s*(!=|==|=|:)\\s*\\S.*");

  private interface TermReader {
    Selector read(String token) throws NotUnderstood;
  }

  private static List<String> expressionTokens(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int bracket = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[') bracket++;
      if (c == ']') bracket--;
      boolean two = i + 1 < text.length() && ((c == '&' && text.charAt(i + 1) == '&') || (c == '|' && text.charAt(i + 1) == '|'));
      if (bracket <= 0 && (Character.isWhitespace(c) || c == '(' || c == ')' || two)) {
        if (cur.length() > 0) out.add(cur.toString());
        cur.setLength(0);
        if (c == '(' || c == ')') out.add(String.valueOf(c));
        if (two) {
          out.add(text.substring(i, i + 2));
          i++;
        }
      } else if (bracket <= 0 && c == '!' && cur.length() == 0 && (i + 1 >= text.length() || text.charAt(i + 1) != '=')) {
        out.add("!");
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) out.add(cur.toString());
    return out;
  }

  private static boolean is(List<String> t, int[] pos, String... words) {
    if (pos[0] >= t.size()) return false;
    for (String w : words) if (t.get(pos[0]).equalsIgnoreCase(w)) return true;
    return false;
  }

  private static Selector orExpr(List<String> t, int[] pos, TermReader term) throws NotUnderstood {
    List<Selector> parts = new ArrayList<>(List.of(andExpr(t, pos, term)));
    while (is(t, pos, "or", "||")) {
      pos[0]++;
      parts.add(andExpr(t, pos, term));
    }
    return Selector.or(parts);
  }

  private static Selector andExpr(List<String> t, int[] pos, TermReader term) throws NotUnderstood {
    List<Selector> parts = new ArrayList<>(List.of(unary(t, pos, term)));
    while (pos[0] < t.size() && !is(t, pos, "or", "||", ")")) {
      if (is(t, pos, "and", "&&")) pos[0]++;
      parts.add(unary(t, pos, term));
    }
    return Selector.and(parts);
  }

  /** Deeper nesting than anyone types is refused rather than recursed into. */
  private static final int MAX_NESTING = 32;

  private static Selector unary(List<String> t, int[] pos, TermReader term) throws NotUnderstood {
    if (pos[0] >= t.size()) throw new NotUnderstood("selector ends where a term was expected");
    if (is(t, pos, "not", "!", "(")) {
      if (++pos[1] > MAX_NESTING) throw new NotUnderstood("selector nested more than " + MAX_NESTING + " deep");
      Selector out;
      if (is(t, pos, "(")) {
        pos[0]++;
        out = orExpr(t, pos, term);
        if (!is(t, pos, ")")) throw new NotUnderstood("unbalanced '(' in selector");
        pos[0]++;
      } else {
        pos[0]++;
        out = new Selector.Not(unary(t, pos, term));
      }
      pos[1]--;
      return out;
    }
    if (is(t, pos, ")", "and", "&&", "or", "||")) throw new NotUnderstood("unexpected '" + t.get(pos[0]) + "' in selector");
    return term.read(t.get(pos[0]++));
  }

  private static Selector attributeTerm(String token) throws NotUnderstood {
    // A network (10.2.0.0/16, 2001:db8::/32, Salt's S@…): hosts by address, before ':' reads as key:value.
    if (token.regionMatches(true, 0, "S@", 0, 2)) return salt("ipcidr", token.substring(2));
    if (token.indexOf('/') > 0 && Network.parse(token) != null) return new Selector.Subnet(token);
    int ne = token.indexOf("!=");
    if (ne > 0) return new Selector.Not(new Selector.Attr(token.substring(0, ne), value(token.substring(ne + 2), token)));
    int eq = token.indexOf('=');
    int colon = token.indexOf(':');
    int cut = eq > 0 && (colon < 0 || eq < colon) ? eq : colon;
    if (cut > 0) {
      String key = token.substring(0, cut);
      String v = token.substring(cut + 1);
      if (v.startsWith("=")) v = v.substring(1);
      return new Selector.Attr(key, value(v, token));
    }
    return name(token);
  }

  private static String value(String v, String token) throws NotUnderstood {
    if (v.isEmpty()) throw new NotUnderstood("no value in '" + token + "'");
    return v;
  }

  /** A host name, glob or range, checked. */
  static Selector name(String text) throws NotUnderstood {
    if (text.length() > SelectorBudget.MAX_SELECTOR_CHARS) return new Selector.Name(text); // refused when resolved
    try {
      HostPattern.compile(text);
    } catch (IllegalArgumentException e) {
      throw new NotUnderstood(e.getMessage());
    }
    return new Selector.Name(text);
  }

  // ---- pdsh / clush host lists ----

  /** {@code web[01-20,30],db-1,user@cache-[1-4]}: commas outside brackets separate hosts. */
  public static Selector hostList(String text) throws NotUnderstood {
    List<Selector> parts = new ArrayList<>();
    for (String part : splitOutside(text, ',')) {
      String p = part.trim();
      if (p.isEmpty()) continue;
      if (p.startsWith("^")) throw new NotUnderstood("host file " + p.substring(1) + ": its content is not in the logs");
      int at = p.lastIndexOf('@');
      if (at >= 0) p = p.substring(at + 1);
      parts.add(name(p));
    }
    if (parts.isEmpty()) throw new NotUnderstood("empty host list");
    return Selector.or(parts);
  }

  // ---- Ansible ----

  /**
   * An Ansible host pattern: terms separated by {@code :} or {@code ,}; {@code &term} intersects,
   * {@code !term} excludes; {@code all}/{@code *} is every host; {@code ~re} a regex; a plain word
   * is a host or a group (any inventory value); a glob matches host names.
   */
  public static Selector ansible(String text) throws NotUnderstood {
    List<String> terms = new ArrayList<>();
    // ':' separates terms except inside a regex term or brackets; ',' too.
    StringBuilder cur = new StringBuilder();
    int bracket = 0;
    boolean regex = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (cur.length() == 0 && c == '~') regex = true;
      if (c == '[') bracket++;
      if (c == ']') bracket--;
      if ((c == ',' || (c == ':' && !regex)) && bracket <= 0) {
        terms.add(cur.toString());
        cur.setLength(0);
        regex = false;
      } else {
        cur.append(c);
      }
    }
    terms.add(cur.toString());
    List<Selector> union = new ArrayList<>();
    List<Selector> and = new ArrayList<>();
    List<Selector> not = new ArrayList<>();
    for (String raw : terms) {
      String t = raw.trim();
      if (t.isEmpty()) continue;
      if (t.startsWith("&")) and.add(ansibleTerm(t.substring(1)));
      else if (t.startsWith("!")) not.add(ansibleTerm(t.substring(1)));
      else union.add(ansibleTerm(t));
    }
    if (union.isEmpty()) {
      if (and.isEmpty()) throw new NotUnderstood("Ansible pattern '" + text + "' selects nothing to start from");
      union.add(and.remove(0));
    }
    List<Selector> all = new ArrayList<>();
    all.add(Selector.or(union));
    all.addAll(and);
    for (Selector n : not) all.add(new Selector.Not(n));
    return Selector.and(all);
  }

  private static Selector ansibleTerm(String t) throws NotUnderstood {
    if (t.isEmpty()) throw new NotUnderstood("empty term in Ansible pattern");
    if (t.equals("all") || t.equals("*")) return new Selector.All();
    if (t.startsWith("~")) return new Selector.Regex("", t.substring(1));
    if (t.indexOf('*') >= 0 || t.indexOf('?') >= 0 || t.indexOf('[') >= 0) return name(t);
    return new Selector.Group(t);
  }

  // ---- Salt ----

  /** A Salt target in the given mode: {@code glob}, {@code list}, {@code pcre}, {@code grain}, {@code grain_pcre}, {@code compound}, {@code nodegroup}, {@code pillar}, {@code ipcidr}. */
  public static Selector salt(String mode, String target) throws NotUnderstood {
    return switch (mode) {
      case "glob" -> target.equals("*") ? new Selector.All() : name(target);
      case "list" -> {
        List<Selector> parts = new ArrayList<>();
        for (String h : target.split("[,\\s]+")) if (!h.isEmpty()) parts.add(name(h));
        if (parts.isEmpty()) throw new NotUnderstood("empty Salt list target");
        yield Selector.or(parts);
      }
      case "pcre" -> new Selector.Regex("", target);
      case "grain", "pillar" -> keyValue(target, false);
      case "grain_pcre", "pillar_pcre" -> keyValue(target, true);
      case "nodegroup" -> new Selector.Group(target);
      case "ipcidr" -> {
        if (Network.parse(target) == null) throw new NotUnderstood("Salt subnet target '" + target + "' is not a network (a.b.c.d/n)");
        yield new Selector.Subnet(target.trim());
      }
      case "compound" -> compound(target);
      default -> throw new NotUnderstood("Salt target type " + mode + " is not modelled");
    };
  }

  private static Selector keyValue(String target, boolean regex) throws NotUnderstood {
    int colon = target.indexOf(':');
    if (colon <= 0) throw new NotUnderstood("grain target '" + target + "' needs key:value");
    String key = target.substring(0, colon);
    String v = value(target.substring(colon + 1), target);
    // Nested grains (ip_interfaces:eth0:10.*) use their last key.
    int last = v.lastIndexOf(':');
    if (!regex && last > 0 && !v.contains("[")) {
      key = v.substring(0, last);
      v = v.substring(last + 1);
    }
    return regex ? new Selector.Regex(key, v) : new Selector.Attr(key, v);
  }

  private static Selector compound(String target) throws NotUnderstood {
    List<String> tokens = expressionTokens(target);
    int[] pos = {0, 0};
    Selector s = orExpr(tokens, pos, SelectorSyntax::compoundTerm);
    if (pos[0] != tokens.size()) throw new NotUnderstood("unexpected '" + tokens.get(pos[0]) + "' in compound target");
    return s;
  }

  private static Selector compoundTerm(String t) throws NotUnderstood {
    if (t.length() > 2 && t.charAt(1) == '@') {
      String body = t.substring(2);
      return switch (Character.toUpperCase(t.charAt(0))) {
        case 'G' -> salt("grain", body);
        case 'P' -> salt("grain_pcre", body);
        case 'I' -> salt("pillar", body);
        case 'J' -> salt("pillar_pcre", body);
        case 'E' -> salt("pcre", body);
        case 'L' -> salt("list", body);
        case 'N' -> salt("nodegroup", body);
        case 'S' -> salt("ipcidr", body);
        default -> throw new NotUnderstood("Salt compound matcher " + t.charAt(0) + "@ is not modelled");
      };
    }
    return salt("glob", t);
  }

  // ---- Kubernetes label selectors ----

  /** {@code app=api,tier!=edge,env in (prod,stage),canary,!legacy}: comma is AND. */
  public static Selector labels(String text) throws NotUnderstood {
    List<Selector> parts = new ArrayList<>();
    for (String raw : splitOutside(text, ',')) {
      String t = raw.trim();
      if (t.isEmpty()) throw new NotUnderstood("empty requirement in label selector '" + text + "'");
      String[] set = t.split("\\s+(?i:notin|in)\\s+", 2);
      if (set.length == 2) {
        String values = set[1].trim();
        if (!values.startsWith("(") || !values.endsWith(")")) throw new NotUnderstood("set requirement needs (a,b) in '" + t + "'");
        List<Selector> any = new ArrayList<>();
        for (String v : values.substring(1, values.length() - 1).split(",")) if (!v.isBlank()) any.add(new Selector.Attr(set[0].trim(), v.trim()));
        Selector or = Selector.or(any);
        parts.add(t.toLowerCase(Locale.ROOT).contains(" notin ") ? new Selector.Not(or) : or);
      } else if (t.contains("!=")) {
        parts.add(new Selector.Not(new Selector.Attr(t.substring(0, t.indexOf("!=")), value(t.substring(t.indexOf("!=") + 2), t))));
      } else if (t.contains("=")) {
        String v = t.substring(t.indexOf('=') + 1);
        if (v.startsWith("=")) v = v.substring(1);
        parts.add(new Selector.Attr(t.substring(0, t.indexOf('=')), value(v, t)));
      } else if (t.startsWith("!")) {
        parts.add(new Selector.Not(new Selector.Attr(t.substring(1), "*")));
      } else {
        parts.add(new Selector.Attr(t, "*"));
      }
    }
    return Selector.and(parts);
  }

  /** Splits on {@code sep} outside brackets and parentheses. */
  static List<String> splitOutside(String text, char sep) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '[' || c == '(' || c == '{') depth++;
      else if (c == ']' || c == ')' || c == '}') depth--;
      else if (c == sep && depth <= 0) {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out;
  }

  /** Shell brace ranges in a host word ({@code web{01..20}} → {@code web[01-20]}, {@code {a,b}} stays a list). */
  static List<String> braces(String word) {
    int open = word.indexOf('{');
    int close = open < 0 ? -1 : word.indexOf('}', open);
    if (close < 0) return List.of(word);
    String head = word.substring(0, open);
    String body = word.substring(open + 1, close);
    String tail = word.substring(close + 1);
    int dots = body.indexOf("..");
    if (dots > 0 && body.substring(0, dots).chars().allMatch(Character::isDigit)
        && body.substring(dots + 2).chars().allMatch(Character::isDigit) && dots + 2 < body.length()) {
      return List.of(head + "[" + body.substring(0, dots) + "-" + body.substring(dots + 2) + "]" + tail);
    }
    if (!body.contains(",")) return List.of(word);
    List<String> out = new ArrayList<>();
    for (String alt : body.split(",", -1)) out.add(head + alt + tail);
    return out;
  }
}
