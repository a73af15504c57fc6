package org.hindsight.drill;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Finds the trainer key that seals drill answers. It never lives in a drill folder: it comes from
 * {@code --key-file}, else {@code $HINDSIGHT_DRILL_KEY}, else {@code ~/.config/hindsight/drill.key},
 * which is created (random, mode 600) the first time a drill is made.
 */
public final class DrillKeys {
  public static final String ENV = "HINDSIGHT_DRILL_KEY";

  private final Map<String, String> env;
  private final Path home;

  DrillKeys(Map<String, String> env, Path home) {
    this.env = env;
    this.home = home;
  }

  /** The secret and where it came from (for messages; never the secret itself). */
  public record TrainerKey(String secret, String origin) {}

  public Path defaultKeyFile() {
    return home.resolve(".config/hindsight/drill.key");
  }

  /**
   * @param keyFile the user's {@code --key-file}, or null
   * @param create make the default key file when no key exists yet (only when making drills)
   */
  public TrainerKey resolve(Path keyFile, boolean create) throws DrillException {
    if (keyFile != null) return read(keyFile);
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) return new TrainerKey(fromEnv.strip(), "$" + ENV);
    Path file = defaultKeyFile();
    if (!Files.exists(file)) {
      if (!create) {
        throw new DrillException("no trainer key: " + file + " does not exist and $" + ENV + " is not set; "
            + "use the key the drill was made with (--key-file FILE or $" + ENV + ")");
      }
      createKeyFile(file);
    }
    return read(file);
  }

  private static TrainerKey read(Path file) throws DrillException {
    try {
      String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (secret.isEmpty()) throw new DrillException(file + ": the trainer key file is empty");
      return new TrainerKey(secret, file.toString());
    } catch (IOException e) {
      throw new DrillException(file + ": cannot read the trainer key: " + e.getMessage());
    }
  }

  private static void createKeyFile(Path file) throws DrillException {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String secret = Base64.getEncoder().encodeToString(bytes) + "\n";
    try {
      Files.createDirectories(file.getParent());
      try {
        // Created with its final mode so it is never readable by others, not even briefly.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, secret, StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException raced) {
      // another drill command made it first: use theirs
    } catch (IOException e) {
      throw new DrillException(file + ": cannot create the trainer key: " + e.getMessage());
    }
  }
}
