package org.hindsight.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.hindsight.importer.Importer;
import org.hindsight.importer.Importers;
import org.hindsight.ingest.HeaderHints;
import org.hindsight.ingest.Inputs;
import org.hindsight.ingest.LogKind;

/**
 * Raw exports given to {@code analyze} as they come — a folder of a tool's own files, or one such file — read
 * through the import that reads them, as {@code --from FORMAT:SRC} would, and said on stderr. Only where no
 * contract CSV is meant: a folder that holds CSV files is read as a bundle, and an export beside them only when
 * the bundle holds none of the kinds it makes (a bundle kept with the exports it was made from would count every
 * row twice; a router's syslog left beside the metrics and events is the config-commands the bundle lacks).
 */
final class RawInputs {
  /** What the arguments come to: inputs read as contract CSV, sources to import, and what to tell the user. */
  record Claimed(List<String> inputs, List<String> imports, List<String> notes) {}

  /** A file recognised as an export, and what it is. */
  private record Found(Path file, HeaderHints.RawExport export) {}

  /** Files in a folder of exports that are documents or code, never logs: not sniffed (a README may quote a log line). */
  private static final Set<String> NOT_LOGS = Set.of("md", "markdown", "rst", "adoc", "html", "htm", "pdf", "py", "sh",
      "java", "drl", "png", "jpg", "jpeg", "gif", "svg", "zip", "tar", "tgz");

  private RawInputs() {}

  /** @param named the {@code --from FORMAT:SRC} sources: a folder's export already named there needs no hint */
  static Claimed claim(List<String> args, List<String> named) {
    Set<Path> alreadyNamed = new java.util.HashSet<>();
    for (String n : named) {
      int colon = n.indexOf(':');
      if (colon > 0) alreadyNamed.add(Path.of(n.substring(colon + 1)).toAbsolutePath().normalize());
    }
    List<String> inputs = new ArrayList<>();
    List<String> imports = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String arg : args) {
      List<Path> files = folderFiles(arg);
      List<Found> found = files == null ? aloneExport(arg) : exports(files);
      // a folder's CSV file is an export only when its name tells no kind and its lines show a format (InfluxDB's
      // annotated CSV, a PagerDuty download); one CSV file that is neither makes the folder a bundle
      boolean bundle = files != null && files.stream().anyMatch(f -> Inputs.isCsvName(f.getFileName().toString())
          && found.stream().noneMatch(e -> e.file().equals(f)));
      if (bundle || found.isEmpty()) {
        inputs.add(arg);
        Set<LogKind> bundleKinds = bundle ? csvKinds(arg, files) : Set.of();
        for (Found f : bundle ? found : List.<Found>of()) {
          if (alreadyNamed.contains(f.file().toAbsolutePath().normalize())) continue;
          Set<LogKind> makes = Importers.named(f.export().format()).map(Importer::produces).orElse(Set.of());
          if (bundleKinds != null && !makes.isEmpty() && makes.stream().noneMatch(bundleKinds::contains)) {
            // nothing in the bundle can have been made from it: read it with the bundle
            imports.add(f.export().format() + ":" + f.file());
            notes.add("hindsight: " + f.file() + " looks like " + f.export().aWhat() + ": read as --from " + f.export().format() + ":"
                + f.file() + " beside the folder's CSV files, which hold no " + kindNames(makes));
            continue;
          }
          notes.add("hindsight: " + f.file() + " looks like " + f.export().aWhat() + "; not read beside the folder's CSV files"
              + (bundleKinds == null ? "" : ", which hold its " + kindNames(makes))
              + " (add --from " + f.export().format() + ":" + f.file() + " to read it too)");
        }
        continue;
      }
      for (Found f : found) {
        imports.add(f.export().format() + ":" + f.file());
        notes.add("hindsight: " + f.file() + " looks like " + f.export().aWhat() + ": read as --from " + f.export().format() + ":"
            + f.file() + " (name another FORMAT that way to read it otherwise)");
      }
    }
    return new Claimed(inputs, imports, notes);
  }

  /**
   * The kinds a bundle folder's CSV files hold, by their names (and kind-named subfolders); null when a CSV file's
   * name tells no kind (its kind is seen only in its header: an export beside it might be what it was made from).
   */
  private static Set<LogKind> csvKinds(String folder, List<Path> files) {
    Set<LogKind> kinds = java.util.EnumSet.noneOf(LogKind.class);
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (!Inputs.isCsvName(name)) continue;
      var kind = LogKind.ofFileName(Inputs.withoutCompression(name));
      if (kind.isEmpty()) return null;
      kinds.add(kind.get());
    }
    try (Stream<Path> s = Files.list(Path.of(folder))) {
      s.filter(Files::isDirectory).forEach(d -> LogKind.named(d.getFileName().toString()).ifPresent(kinds::add));
    } catch (IOException | java.io.UncheckedIOException e) {
      return null;
    }
    return kinds;
  }

  private static String kindNames(Set<LogKind> kinds) {
    return String.join(" or ", kinds.stream().map(LogKind::fileName).sorted().toList()) + " rows";
  }

  /** The exports among a folder's files (contract CSV files, documents and code aside), each sniffed once. */
  private static List<Found> exports(List<Path> files) {
    List<Found> out = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (NOT_LOGS.contains(extension(f))) continue;
      if (Inputs.isCsvName(name) && LogKind.ofFileName(Inputs.withoutCompression(name)).isPresent()) continue; // a contract file
      HeaderHints.RawExport export = HeaderHints.rawExport(f);
      if (export != null) out.add(new Found(f, export));
    }
    return out;
  }

  /** A file argument that is an export, not named as a contract kind: that file; else empty. */
  private static List<Found> aloneExport(String arg) {
    if (arg.equals(Inputs.STDIN)) return List.of();
    int eq = arg.indexOf('=');
    if (eq > 0 && LogKind.named(arg.substring(0, eq)).isPresent()) return List.of(); // the user named its kind
    Path p = Path.of(arg);
    if (!Files.isRegularFile(p) || LogKind.ofFileName(Inputs.withoutCompression(p.getFileName().toString())).isPresent()) {
      return List.of();
    }
    HeaderHints.RawExport export = HeaderHints.rawExport(p);
    return export == null ? List.of() : List.of(new Found(p, export));
  }

  /** The visible regular files of a folder argument; null when the argument is no folder (or cannot be listed). */
  private static List<Path> folderFiles(String arg) {
    if (arg.equals(Inputs.STDIN) || !Files.isDirectory(Path.of(arg))) return null;
    try (Stream<Path> s = Files.list(Path.of(arg))) {
      return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      return null; // the bundle reader says why it cannot list it
    }
  }

  private static String extension(Path f) {
    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }
}
