package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hindsight.testing.CliRun;
import org.hindsight.testing.TestAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change source's clock read against the observations' from the commands both logged ({@link SourceClocks}): moved
 * when enough records agree on an offset of drift's size; left as logged when they disagree, are too few, name
 * another device, or the offset is a logging delay or more than drift.
 */
class SourceClocksTest {
  private static final Instant AT = Instant.parse("2025-04-02T13:00:00Z");
  private static final String[] LINES = {"interface Ethernet12", "  switchport trunk allowed vlan add 310",
      "router bgp 65010", "  neighbor 10.9.0.7 shutdown", "ip route 10.40.0.0/16 10.9.0.1"};

  @TempDir Path dir;

  /**
   * The accounting server's rows of five lines on {@code device}, one every 40 s, and the device's own syslog of each
   * {@code logDelays[i]} seconds earlier on {@code loggedBy} (fewer delays than lines: only those are logged).
   */
  private Bundle bundle(String device, String loggedBy, long... logDelays) throws Exception {
    StringBuilder config = new StringBuilder("timestamp,device,session,user,command,result\n");
    StringBuilder events = new StringBuilder("timestamp,source,type,entity,message,severity\n");
    for (int i = 0; i < LINES.length; i++) {
      Instant typed = AT.plusSeconds(40L * i);
      config.append(typed).append(',').append(device).append(",vty2,noc-kim,\"").append(LINES[i]).append("\",ok\n");
      if (i < logDelays.length) {
        events.append(typed.minusSeconds(logDelays[i])).append(",syslog,log,").append(loggedBy)
            .append(",\"%PARSER-5-CFGLOG_LOGGEDCMD: User:noc-kim logged command:").append(LINES[i].trim()).append("\",info\n");
      }
    }
    events.append(AT.plusSeconds(300)).append(",monitor,service.down,").append(device).append(",probe failed,error\n");
    Files.writeString(dir.resolve("config-commands.csv"), config);
    Files.writeString(dir.resolve("events.csv"), events);
    return BundleReader.builder().build().readArgs(List.of(dir.toString()));
  }

  @Test
  void anAccountingServerMinutesAheadIsReadAtTheDevicesClock() throws Exception {
    Bundle b = bundle("leaf-14", "leaf-14", 95, 95, 96, 95, 94);
    InputStats.ClockOffset o = b.stats().clockOffsets().get(0);
    assertEquals(95_000, o.offsetMillis());
    assertEquals(5, o.agreeing());
    assertTrue(o.file().endsWith("config-commands.csv") && o.against().endsWith("events.csv"), o.toString());
    assertTrue(o.records().get(0).line() == 2 && o.witnesses().get(0).line() == 2, o.toString());
    // every row of the source moved, not only those logged twice
    assertEquals(AT.minusSeconds(95), b.configLog().time(0));
    assertEquals(AT.plusSeconds(40L * 4 - 95), b.configLog().time(4));
  }

  @Test
  void aServerBehindIsMovedTheOtherWay() throws Exception {
    Bundle b = bundle("leaf-14", "leaf-14", -180, -180, -181, -180);
    assertEquals(-180_000, b.stats().clockOffsets().get(0).offsetMillis());
    assertEquals(AT.plusSeconds(180), b.configLog().time(0));
  }

  @Test
  void aLoggingDelayOfSecondsIsNoClockToCorrect() throws Exception {
    Bundle b = bundle("leaf-14", "leaf-14", 4, 4, 5, 4, 4);
    assertEquals(List.of(), b.stats().clockOffsets());
    assertEquals(AT, b.configLog().time(0));
  }

  @Test
  void anOffsetOfAQuarterHourOrMoreIsNoDrift() throws Exception {
    Bundle b = bundle("leaf-14", "leaf-14", -900, -900, -900, -900, -900);
    assertEquals(List.of(), b.stats().clockOffsets());
  }

  @Test
  void recordsThatDisagreeGiveNoOffset() throws Exception {
    // each line quoted when something it started ended: minutes apart, as long as each took
    Bundle b = bundle("leaf-14", "leaf-14", -30, -95, -170, -250, -400);
    assertEquals(List.of(), b.stats().clockOffsets());
    assertEquals(AT, b.configLog().time(0));
  }

  @Test
  void oneRecordLoggedByBothIsNoEstimate() throws Exception {
    assertEquals(List.of(), bundle("leaf-14", "leaf-14", 120).stats().clockOffsets());
  }

  @Test
  void anotherDevicesLogOfTheSameLinesIsNoWitness() throws Exception {
    assertEquals(List.of(), bundle("leaf-14", "leaf-15", 95, 95, 95, 95, 95).stats().clockOffsets());
  }

  @Test
  void aLineTypedTwiceWithinTheWindowIsNoEvidenceOfWhichWasWhich() throws Exception {
    StringBuilder config = new StringBuilder("timestamp,device,session,user,command,result\n");
    StringBuilder events = new StringBuilder("timestamp,source,type,entity,message,severity\n");
    for (int i = 0; i < 4; i++) {
      Instant typed = AT.plus(Duration.ofMinutes(2L * i));
      config.append(typed).append(",leaf-14,vty2,noc-kim,clear ip bgp 10.9.0.7 soft,ok\n");
      events.append(typed.minusSeconds(60)).append(",syslog,log,leaf-14,User:noc-kim logged command:clear ip bgp 10.9.0.7 soft,info\n");
    }
    Files.writeString(dir.resolve("config-commands.csv"), config);
    Files.writeString(dir.resolve("events.csv"), events);
    assertEquals(List.of(), BundleReader.builder().build().readArgs(List.of(dir.toString())).stats().clockOffsets());
  }

  /**
   * A raw-export folder as imported: the accounting server's rows ({@code origin} its log) {@code skewSeconds} off, the
   * same lines from the router's syslog and, when {@code syslogHoldsEvents}, that syslog's other lines as events.
   */
  private Bundle imported(long skewSeconds, boolean syslogHoldsEvents) throws Exception {
    StringBuilder tacacs = new StringBuilder("timestamp,device,session,user,command,result,origin\n");
    StringBuilder syslog = new StringBuilder("timestamp,device,session,user,command,result,origin\n");
    for (int i = 0; i < LINES.length; i++) {
      Instant typed = AT.plusSeconds(40L * i);
      tacacs.append(typed.plusSeconds(skewSeconds)).append(",leaf-14,tty2-77,noc-kim,\"").append(LINES[i]).append("\",,tac_plus.acct:").append(i + 1).append('\n');
      syslog.append(typed).append(",leaf-14,vty0,noc-kim,\"").append(LINES[i].trim()).append("\",,router.log:").append(10 + i).append('\n');
    }
    Files.writeString(dir.resolve("config-commands-tacacs.csv"), tacacs);
    Files.writeString(dir.resolve("config-commands-syslog.csv"), syslog);
    if (syslogHoldsEvents) {
      Files.writeString(dir.resolve("events-syslog.csv"), "timestamp,source,type,entity,message,severity,origin\n"
          + AT.plusSeconds(300) + ",syslog,link.down,leaf-14,%LINK-3-UPDOWN: Interface Ethernet12 changed state to down,error,router.log:40\n");
    }
    return BundleReader.builder().build().readArgs(List.of(dir.toString()));
  }

  @Test
  void theAccountingServerIsReadAgainstTheRoutersSyslogImportedAsLinesAndEvents() throws Exception {
    Bundle b = imported(150, true);
    InputStats.ClockOffset o = b.stats().clockOffsets().get(0);
    assertTrue(o.file().endsWith("tac_plus.acct") && o.against().endsWith("router.log") && o.offsetMillis() == 150_000, o.toString());
  }

  @Test
  void twoSourcesOfLinesNeitherOfWhichHoldsEventsAreNotReadAgainstEachOther() throws Exception {
    // which clock is the observations' cannot be told
    assertEquals(List.of(), imported(150, false).stats().clockOffsets());
  }

  @Test
  void aBastionsCommandsQuotedByTheHostsAuditLogAreReadAtItsClock() throws Exception {
    String[] commands = {"systemctl restart payments-api --no-block", "ansible-playbook -l pay-db-2 rotate.yml",
        "kubectl -n pay rollout restart deploy/ledger"};
    StringBuilder ops = new StringBuilder("timestamp,operator,command,ticket,result,host\n");
    StringBuilder events = new StringBuilder("timestamp,source,type,entity,message,severity\n");
    for (int i = 0; i < commands.length; i++) {
      Instant ran = AT.plus(Duration.ofMinutes(3L * i));
      ops.append(ran).append(",sre-lee,").append(commands[i]).append(",CHG-7,ok,jump-1\n");
      events.append(ran.plusSeconds(65)).append(",auditd,log,jump-1,\"EXECVE argv: ").append(commands[i]).append("\",info\n");
    }
    Files.writeString(dir.resolve("ops-commands.csv"), ops);
    Files.writeString(dir.resolve("events.csv"), events);
    Bundle b = BundleReader.builder().build().readArgs(List.of(dir.toString()));
    assertEquals(-65_000, b.stats().clockOffsets().get(0).offsetMillis());
    assertEquals(AT.plusSeconds(65), b.opsCommands().get(0).time());
  }

  @Test
  void theReportSaysItWithTheRecordsAndMatchesTheSchema() throws Exception {
    bundle("leaf-14", "leaf-14", 95, 95, 96, 95, 94);
    CliRun json = CliRun.of("analyze", dir.toString(), "-f", "json");
    assertEquals(0, json.code(), json.err());
    JsonNode report = new ObjectMapper().readTree(json.out());
    JsonNode o = report.path("input").path("clockOffsets").get(0);
    assertEquals(95.0, o.path("offsetSeconds").asDouble());
    assertEquals(2, o.path("evidence").get(0).path("record").path("line").asInt());
    var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(Files.readString(TestAnalysis.home().resolve("docs/report.schema.json"))).validate(report);
    assertTrue(errors.isEmpty(), errors.toString());
    CliRun md = CliRun.of("analyze", dir.toString(), "-f", "md");
    assertTrue(md.out().contains("config-commands.csv: clock offset estimated, 1 min 35 s ahead of")
        && md.out().contains("config-commands.csv:2 = "), md.out());
  }
}
