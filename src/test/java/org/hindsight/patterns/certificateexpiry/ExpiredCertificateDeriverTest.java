package org.hindsight.patterns.certificateexpiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hindsight.facts.ExpiredCertificate;
import org.hindsight.ingest.BundleReader;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which log lines say a peer rejected whose certificate as expired, and which do not. */
class ExpiredCertificateDeriverTest {
  private static final String INVENTORY = """
      entity,type,site,service,role
      api.partner.example,endpoint,external,partner,https
      auth-01,host,dc1,auth,server
      gw-01,host,dc1,gateway,proxy
      """;

  private static List<ExpiredCertificate> read(Path dir, String... lines) throws Exception {
    Files.writeString(dir.resolve("inventory.csv"), INVENTORY);
    StringBuilder events = new StringBuilder("timestamp,source,type,entity,message,severity\n");
    for (String l : lines) events.append(l).append('\n');
    Files.writeString(dir.resolve("events.csv"), events.toString());
    return new ExpiredCertificateDeriver().derive(new World(BundleReader.builder().build().readArgs(List.of(dir.toString()))));
  }

  @Test
  void aClientsVerificationErrorNamesTheEndpointItCalled(@TempDir Path dir) throws Exception {
    List<ExpiredCertificate> seen = read(dir,
        "2021-09-30T14:01:18Z,worker,delivery.failed,gw-01,\"POST https://api.partner.example/v2/x failed: "
            + "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:852)\",error",
        "2021-09-30T14:01:20Z,gateway,upstream.failed,gw-01,\"GET https://api.partner.example/: The remote certificate is "
            + "invalid because of errors in the certificate chain: NotTimeValid\",error",
        "2021-09-30T14:01:22Z,node,request.failed,gw-01,\"Error: certificate has expired (CERT_HAS_EXPIRED) host: api.partner.example\",warning");
    assertEquals(3, seen.size(), seen.toString());
    for (ExpiredCertificate c : seen) {
      assertEquals("api.partner.example", c.holder());
      assertEquals("partner", c.subject());
      assertEquals("gw-01", c.seenBy());
      assertEquals("verification", c.how());
    }
  }

  @Test
  void anEndpointTheInventoryDoesNotListIsNoGuess(@TempDir Path dir) throws Exception {
    assertTrue(read(dir, "2021-09-30T14:01:18Z,worker,delivery.failed,gw-01,\"POST https://elsewhere.example/v2/x failed: "
        + "certificate verify failed: certificate has expired\",error").isEmpty());
  }

  @Test
  void aReceivedCertificateExpiredAlertNamesTheServerThatLoggedIt(@TempDir Path dir) throws Exception {
    List<ExpiredCertificate> seen = read(dir,
        "2020-02-03T14:00:33Z,Schannel,schannel.36887,auth-01,A fatal alert was received from the remote endpoint. "
            + "The TLS protocol defined fatal alert code is 45.,error");
    assertEquals(1, seen.size(), seen.toString());
    assertEquals("auth-01", seen.get(0).holder());
    assertEquals("auth", seen.get(0).subject());
    assertEquals("alert", seen.get(0).how());
  }

  @Test
  void otherAlertsExpiriesToComeAndRoutineLinesAreNotRead(@TempDir Path dir) throws Exception {
    assertTrue(read(dir,
        // another alert (bad_certificate): not an expiry
        "2020-02-03T14:00:33Z,Schannel,schannel.36887,auth-01,A fatal alert was received from the remote endpoint. "
            + "The TLS protocol defined fatal alert code is 42.,error",
        // the writer sent the alert: it rejected its peer's certificate, which the line does not name
        "2020-02-03T14:00:34Z,Schannel,schannel.36888,auth-01,A fatal alert was generated and sent to the remote endpoint. "
            + "The TLS protocol defined fatal alert code is 45.,error",
        // a warning before the expiry
        "2020-02-03T14:00:35Z,certmon,cert.expiring,gw-01,\"https://api.partner.example certificate expires in 3 days\",warning",
        // a routine line that only mentions an expired certificate that was replaced
        "2020-02-03T14:00:36Z,certbot,renewal,gw-01,\"https://api.partner.example: replaced certificate has expired copy\",info"
    ).isEmpty());
  }

  @Test
  void onlyTheFirstSightingOfABurstStartsIt(@TempDir Path dir) throws Exception {
    String alert = ",Schannel,schannel.36887,auth-01,A fatal alert was received from the remote endpoint. "
        + "The TLS protocol defined fatal alert code is 45.,error";
    List<ExpiredCertificate> seen = read(dir, "2020-02-03T14:00:33Z" + alert, "2020-02-03T14:01:33Z" + alert,
        "2020-02-03T14:40:00Z" + alert);
    assertEquals(List.of(true, false, true), seen.stream().map(ExpiredCertificate::firstOfBurst).toList());
  }
}
