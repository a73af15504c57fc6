package org.hindsight.drill;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a drill's answer into {@code drill.sealed} with AES-256-GCM from the JDK, so the bundle can
 * be handed out without giving the answer away.
 *
 * <p>Layout: magic {@code HSDRILL1} · 16-byte salt · 8-byte key check · 12-byte nonce · ciphertext
 * with tag. The key and the key check come from the trainer secret by PBKDF2-HMAC-SHA256 over the
 * salt; the check lets a wrong key be told apart from a damaged file. The header is authenticated
 * with the ciphertext, so any altered byte is detected. The plaintext is padded with spaces to
 * {@value #PADDED} bytes, so the file's size tells nothing (a near miss's answer is shorter).
 */
public final class DrillSeal {
  public static final String FILE = "drill.sealed";

  private static final byte[] MAGIC = "HSDRILL1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int SALT = 16;
  private static final int CHECK = 8;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  // Costly enough to slow guessing a passphrase given in $HINDSIGHT_DRILL_KEY, cheap for one drill (~50 ms).
  private static final int ITERATIONS = 60_000;
  static final int PADDED = 1024;

  private DrillSeal() {}

  public static void seal(SealedDrill drill, DrillKeys.TrainerKey key, Path dir) throws DrillException {
    SecureRandom rnd = new SecureRandom();
    byte[] salt = new byte[SALT];
    byte[] nonce = new byte[NONCE];
    rnd.nextBytes(salt);
    rnd.nextBytes(nonce);
    try {
      Keys k = derive(key.secret(), salt);
      ByteBuffer header = ByteBuffer.allocate(MAGIC.length + SALT + CHECK + NONCE);
      header.put(MAGIC).put(salt).put(k.check).put(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k.aes, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(header.array());
      byte[] json = drill.toJson();
      byte[] padded = Arrays.copyOf(json, Math.max(PADDED, (json.length + PADDED - 1) / PADDED * PADDED));
      Arrays.fill(padded, json.length, padded.length, (byte) ' '); // JSON allows trailing white space
      byte[] body = c.doFinal(padded);
      byte[] out = Arrays.copyOf(header.array(), header.capacity() + body.length);
      System.arraycopy(body, 0, out, header.capacity(), body.length);
      Path tmp = dir.resolve(FILE + ".tmp"); // re-sealed on every hint: never leave half a file
      Files.write(tmp, out);
      Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    } catch (IOException e) {
      throw new DrillException(dir.resolve(FILE) + ": cannot write: " + e.getMessage());
    }
  }

  /** Opens {@code dir/drill.sealed}; every failure is a {@link DrillException} saying what is wrong. */
  public static SealedDrill open(Path dir, DrillKeys.TrainerKey key) throws DrillException {
    if (!Files.isDirectory(dir)) throw new DrillException(dir + ": no such drill folder");
    Path file = dir.resolve(FILE);
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DrillException(file + ": missing; " + dir + " is not a drill folder (make one with `hindsight drill new`)");
    } catch (IOException e) {
      throw new DrillException(file + ": cannot read: " + e.getMessage());
    }
    int headerLength = MAGIC.length + SALT + CHECK + NONCE;
    if (all.length < headerLength + TAG_BITS / 8 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
      throw new DrillException(file + ": not a sealed drill (damaged, or not made by `hindsight drill new`)");
    }
    byte[] salt = Arrays.copyOfRange(all, MAGIC.length, MAGIC.length + SALT);
    byte[] check = Arrays.copyOfRange(all, MAGIC.length + SALT, MAGIC.length + SALT + CHECK);
    byte[] nonce = Arrays.copyOfRange(all, MAGIC.length + SALT + CHECK, headerLength);
    try {
      Keys k = derive(key.secret(), salt);
      if (!MessageDigest.isEqual(check, k.check)) {
        throw new DrillException(file + ": sealed with a different trainer key than the one from " + key.origin()
            + "; use the key the drill was made with (--key-file FILE or $" + DrillKeys.ENV + ")");
      }
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k.aes, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(all, 0, headerLength);
      byte[] json = c.doFinal(all, headerLength, all.length - headerLength);
      return SealedDrill.fromJson(json);
    } catch (AEADBadTagException e) {
      throw new DrillException(file + ": the sealed answer was altered or damaged (authentication failed); "
          + "make the drill again with the same --seed");
    } catch (IOException | RuntimeException e) {
      throw new DrillException(file + ": the sealed answer is unreadable (" + e.getMessage() + ")");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JDK", e);
    }
  }

  private record Keys(byte[] aes, byte[] check) {}

  private static Keys derive(String secret, byte[] salt) throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, ITERATIONS, 512);
    byte[] material = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    spec.clearPassword();
    byte[] aes = Arrays.copyOf(material, 32);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Arrays.copyOfRange(material, 32, 64), "HmacSHA256"));
    byte[] check = Arrays.copyOf(mac.doFinal("hindsight drill key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), CHECK);
    return new Keys(aes, check);
  }
}
