package org.hindsight.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * Backstage software catalog files ({@code catalog-info.yaml}, several documents per file):
 * Components and Resources become {@code services} (owner, system, lifecycle and type kept as
 * columns); {@code spec.dependsOn} entity references become {@code dependencies} — hard when the
 * target's kind is in {@code --hard-kinds} (default: component, resource; Backstage's dependsOn means
 * "needs"), else soft; {@code spec.consumesApis} become dependencies on the components that provide
 * those APIs ({@code providesApis} in the same file; else on the API by name), of kind {@code api} (soft unless
 * listed). Rows cite the line of the entity's name or of the reference.
 */
@AutoService(Importer.class)
public final class BackstageImporter implements Importer {
  private static final Set<String> SERVICE_KINDS = Set.of("component", "resource");

  @Override
  public String name() {
    return "backstage";
  }

  @Override
  public String summary() {
    return "Backstage catalog-info.yaml: components/resources → services, dependsOn/consumesApis → dependencies";
  }

  @Override
  public Set<LogKind> produces() {
    return Set.of(LogKind.SERVICES, LogKind.DEPENDENCIES);
  }

  /** An entity reference {@code [kind:][namespace/]name}, the kind lower-cased. */
  record Ref(String kind, String name) {
    static Ref parse(String text, String defaultKind) {
      String t = text.trim();
      int colon = t.indexOf(':');
      String kind = colon > 0 ? t.substring(0, colon).toLowerCase(Locale.ROOT) : defaultKind;
      String rest = colon > 0 ? t.substring(colon + 1) : t;
      int slash = rest.indexOf('/');
      return new Ref(kind, slash >= 0 ? rest.substring(slash + 1) : rest);
    }
  }

  @Override
  public void read(Source source, ImportRun run) throws IOException {
    List<Tree> entities = new ArrayList<>();
    try (Reader in = source.reader(); JsonParser p = new YAMLFactory().createParser(in)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.START_OBJECT) {
          entities.add(Tree.read(p));
        } else if (t != JsonToken.VALUE_NULL) {
          run.problem(source, p.currentTokenLocation().getLineNr(), "a catalog document must be a mapping (apiVersion, kind, metadata, spec)");
          if (t.isStructStart()) p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      run.problem(source, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "not valid YAML: " + Tree.describe(e));
      return;
    }
    // which components provide which API (for consumesApis)
    Map<String, List<String>> providers = new HashMap<>();
    for (Tree e : entities) {
      for (Tree api : e.path("spec", "providesApis").items()) {
        providers.computeIfAbsent(Ref.parse(api.text(), "api").name(), k -> new ArrayList<>()).add(e.text("metadata", "name"));
      }
    }
    Set<String> hard = run.settings().hardKinds;
    for (Tree e : entities) {
      String kind = e.text("kind").toLowerCase(Locale.ROOT);
      if (!e.text("apiVersion").startsWith("backstage.io/") || kind.isEmpty()) {
        run.problem(source, e.line(), "not a Backstage entity (apiVersion backstage.io/v1alpha1, kind …)");
        continue;
      }
      if (!SERVICE_KINDS.contains(kind)) {
        run.ignored(source); // System, API, Group, User, Location …: no service of their own
        continue;
      }
      Tree nameNode = e.path("metadata", "name");
      String name = nameNode.text();
      if (name.isEmpty()) {
        run.problem(source, e.line(), kind + " without metadata.name");
        continue;
      }
      Tree spec = e.get("spec");
      run.row(LogKind.SERVICES, source, nameNode.line()).set("service", name).set("kind", kind)
          .set("type", spec.text("type")).set("owner", spec.text("owner")).set("system", spec.text("system"))
          .set("lifecycle", spec.text("lifecycle"));
      for (Tree dep : spec.get("dependsOn").items()) {
        Ref ref = Ref.parse(dep.text(), "component");
        if (ref.name().isEmpty()) {
          run.problem(source, dep.line(), name + ": dependsOn entry is not an entity reference");
          continue;
        }
        run.row(LogKind.DEPENDENCIES, source, dep.line()).set("service", name).set("depends_on", ref.name())
            .set("kind", hard.contains(ref.kind()) ? "hard" : "soft").set("via", ref.kind());
      }
      for (Tree api : spec.get("consumesApis").items()) {
        Ref ref = Ref.parse(api.text(), "api");
        List<String> by = providers.getOrDefault(ref.name(), List.of(ref.name()));
        for (String provider : by) {
          if (provider.equals(name)) continue;
          run.row(LogKind.DEPENDENCIES, source, api.line()).set("service", name).set("depends_on", provider)
              .set("kind", hard.contains("api") ? "hard" : "soft").set("via", "api:" + ref.name());
        }
      }
      run.kept(source);
    }
  }
}
