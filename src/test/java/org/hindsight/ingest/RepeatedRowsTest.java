package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Event;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A row repeated word for word is one record (read once, the first cited); a row that differs is another. */
class RepeatedRowsTest {
  @TempDir Path dir;

  private Bundle read() throws Exception {
    return BundleReader.builder().build().readArgs(List.of(dir.toString()));
  }

  @Test
  void anEventRepeatedIsOneEventAndTheFirstRowIsCited() throws Exception {
    Files.writeString(dir.resolve("events.csv"), "timestamp,source,type,entity\n"
        + "2024-01-01T00:00:00Z,syslog,service.down,api\n"
        + "2024-01-01T00:00:00Z,syslog,service.down,db\n" // another host: another event
        + "2024-01-01T00:01:00Z,syslog,service.down,api\n" // another minute: another event
        + "2024-01-01T00:00:00Z,syslog,service.down,api\n"); // the first again
    Bundle b = read();
    List<Event> ev = b.events();
    assertEquals(List.of(2, 3, 4), ev.stream().map(e -> e.origin().line()).toList());
    assertEquals(4, b.stats().rows());
    assertEquals(1, b.stats().repeated());
  }

  @Test
  void theSameRecordInTwoFilesWithColumnsInAnotherOrderIsReadOnce() throws Exception {
    // two collectors' exports; the importer's origin column (a citation) differs and does not count
    Files.writeString(dir.resolve("events-a.csv"), "timestamp,source,type,entity,origin\n"
        + "2024-01-01T00:00:00Z,syslog,service.down,api,a.log:7\n");
    Files.writeString(dir.resolve("events-b.csv"), "entity,type,origin,source,timestamp\n"
        + "api,service.down,b.log:9,syslog,2024-01-01T00:00:00Z\n"
        + "api,service.down,b.log:10,relay,2024-01-01T00:00:00Z\n"); // another source column: kept
    Bundle b = read();
    assertEquals(2, b.events().size());
    assertEquals(1, b.stats().repeated());
  }

  @Test
  void anOpsCommandLoggedTwiceIsOneCommand() throws Exception {
    Files.writeString(dir.resolve("ops-commands.csv"), "timestamp,operator,command,ticket\n"
        + "2024-01-01T00:00:00Z,ops,remove --hosts web-[1-9],T1\n"
        + "2024-01-01T00:00:00Z,ops,remove --hosts web-[1-9],T1\n"
        + "2024-01-01T00:00:00Z,ops,remove --hosts web-[1-8],T1\n");
    assertEquals(2, read().opsCommands().size());
  }

  @Test
  void anInventoryRowRepeatedIsNoSecondDefinitionButADifferentOneStillIs() throws Exception {
    Files.writeString(dir.resolve("inventory.csv"), "entity,type,site,service\nh1,host,s1,web\nh1,host,s1,web\n");
    assertEquals(1, read().inventory().size());
    Files.writeString(dir.resolve("inventory.csv"), "entity,type,site,service\nh1,host,s1,web\nh1,host,s2,web\n");
    InputException e = assertThrows(InputException.class, this::read);
    assertTrue(e.problems().get(0).toString().contains("inventory.csv:3: entity 'h1' is in site 's1'"), e.problems().toString());
  }

  @Test
  void aKeyGeneratorRepeatedIsOneDefinition() throws Exception {
    Files.writeString(dir.resolve("key-generators.csv"), "generator,kind,parent\ng1,cookie,g2\ng1,cookie,g2\n");
    assertEquals(1, read().keyGenerators().size());
  }

  @Test
  void aCliSessionLoggedTwiceIsReadOnceButAPastedBlockKeepsItsRepeatedLines() throws Exception {
    String session = "2024-01-01T00:00:00Z,r1,s1,ops,router isis\n"
        + "2024-01-01T00:00:01Z,r1,s1,ops,redistribute bgp 1\n"
        + "2024-01-01T00:00:01Z,r1,s1,ops,exit\n";
    String pasted = "2024-01-01T00:00:00Z,r2,s2,ops,configure\n"
        + "2024-01-01T00:00:05Z,r2,s2,ops,}\n"
        + "2024-01-01T00:00:05Z,r2,s2,ops,}\n";
    // concatenated twice: the second copy of each session comes after the first in the file
    Files.writeString(dir.resolve("config-commands.csv"), "timestamp,device,session,user,command\n" + session + pasted + session);
    World w = new World(read());
    List<ConfigCommand> s1 = w.configSessions().get("r1\u0000s1");
    assertEquals(List.of("router isis", "redistribute bgp 1", "exit"), s1.stream().map(ConfigCommand::command).toList());
    assertEquals(List.of(2, 3, 4), s1.stream().map(c -> c.origin().line()).toList());
    // two closing braces in one second close two levels: both kept
    assertEquals(List.of("configure", "}", "}"), w.configSessions().get("r2\u0000s2").stream().map(ConfigCommand::command).toList());
  }

  @Test
  void bothAccountingServersCopiesOfASessionAreReadOnce() throws Exception {
    // imported from each server: the same rows, each citing its own server's file
    String header = "timestamp,device,session,user,command,task_id,origin\n";
    String rows = "2024-01-01T00:00:00Z,r1,tty1,ops,router isis,7,%s:1\n"
        + "2024-01-01T00:00:00Z,r1,tty1,ops,redistribute bgp 1,8,%s:2\n"
        + "2024-01-01T00:00:03Z,r1,tty1,ops,exit,9,%s:3\n";
    Files.writeString(dir.resolve("config-commands-a.csv"), header + rows.formatted("acct-a", "acct-a", "acct-a"));
    Files.writeString(dir.resolve("config-commands-b.csv"), header + rows.formatted("acct-b", "acct-b", "acct-b"));
    List<ConfigCommand> s = new World(read()).configSessions().get("r1\u0000tty1");
    assertEquals(List.of("router isis", "redistribute bgp 1", "exit"), s.stream().map(ConfigCommand::command).toList());
    assertTrue(s.stream().allMatch(c -> c.origin().file().equals("acct-a")), s.toString());
  }

  @Test
  void aCliSessionWithOnlySomeLinesRepeatedKeepsThemAll() throws Exception {
    Files.writeString(dir.resolve("config-commands.csv"), "timestamp,device,session,user,command\n"
        + "2024-01-01T00:00:00Z,r1,s1,ops,router isis\n"
        + "2024-01-01T00:00:00Z,r1,s1,ops,router isis\n"
        + "2024-01-01T00:00:01Z,r1,s1,ops,exit\n"
        + "2024-01-01T00:00:02Z,r1,s1,ops,exit\n");
    assertEquals(4, new World(read()).configSessions().get("r1\u0000s1").size());
  }

  private static final String REQUESTS = "timestamp,datacenter,server,process,status,rule,cookies_valid,cookies_invalid\n";

  @Test
  void identicalRequestSamplesOfAFileAreEachASample() throws Exception {
    // one client's requests in the same millisecond: alike in every column, still two requests
    Files.writeString(dir.resolve("requests.csv"), REQUESTS
        + "2024-01-01T00:00:00.100Z,ams,ams-s1,ams-s1-p1,200,r,1,1\n"
        + "2024-01-01T00:00:00.100Z,ams,ams-s1,ams-s1-p1,200,r,1,1\n"
        + "2024-01-01T00:00:00.200Z,ams,ams-s1,ams-s1-p2,200,r,1,0\n"
        + "2024-01-01T00:00:00.100Z,ams,ams-s1,ams-s1-p1,200,r,1,1\n");
    Bundle b = read();
    assertEquals(4, b.requests().size());
    assertEquals(0, b.stats().repeated());
  }

  @Test
  void aRequestFileConcatenatedToItselfIsReadOnce() throws Exception {
    String rows = "2024-01-01T00:00:00.100Z,ams,ams-s1,ams-s1-p1,200,r,1,1\n"
        + "2024-01-01T00:00:00.100Z,ams,ams-s1,ams-s1-p1,200,r,1,1\n"
        + "2024-01-01T00:00:00.200Z,ams,ams-s1,ams-s1-p2,200,r,1,0\n";
    // as `cat a.csv a.csv` leaves it: the header again between the copies
    Files.writeString(dir.resolve("requests.csv"), REQUESTS + rows + REQUESTS + rows);
    Bundle b = read();
    assertEquals(3, b.requests().size());
    assertEquals(3, b.stats().repeated());
    List<Integer> lines = new java.util.ArrayList<>();
    b.requests().forEach(r -> lines.add(r.origin().line()));
    assertEquals(List.of(2, 3, 4), lines, "the first copy is cited");
    assertEquals(6, b.stats().files().get(0).repeatedFrom(), "reported once, where the repeat begins");
  }

  @Test
  void aFileEndingAsItBeganIsNoRepeat() throws Exception {
    Files.writeString(dir.resolve("requests.csv"), REQUESTS
        + "2024-01-01T00:00:00.100Z,ams,ams-s1,ams-s1-p1,200,r,1,1\n"
        + "2024-01-01T00:00:00.200Z,ams,ams-s1,ams-s1-p2,200,r,1,0\n"
        + "2024-01-01T00:00:00.300Z,ams,ams-s1,ams-s1-p3,200,r,1,0\n"
        + "2024-01-01T00:00:00.100Z,ams,ams-s1,ams-s1-p1,200,r,1,1\n"
        + "2024-01-01T00:00:00.200Z,ams,ams-s1,ams-s1-p2,200,r,1,0\n");
    assertEquals(5, read().requests().size());
  }

  @Test
  void aCopyCitingOtherOriginsIsTheRepeatButOneWithAFieldCutElsewhereIsNot() throws Exception {
    String header = "timestamp,datacenter,server,process,status,rule,cookies_valid,cookies_invalid,origin\n";
    String rows = "2024-01-01T00:00:00.100Z,ams,ams-s1,p1,200,r,1,1,raw.log:%d\n"
        + "2024-01-01T00:00:00.200Z,ams,ams-s1,p2,200,r,1,0,raw.log:%d\n";
    // the same export written twice by an importer: the copy cites other lines of the raw log, still the same samples
    Files.writeString(dir.resolve("requests.csv"), header + rows.formatted(1, 2) + rows.formatted(3, 4));
    assertEquals(2, read().requests().size());
    // the same characters with one field boundary moved ("ams-s1","p1" against "ams-s1p","1"): other samples
    Files.writeString(dir.resolve("requests.csv"), header + rows.formatted(1, 2)
        + rows.formatted(3, 4).replace("ams-s1,p1", "ams-s1p,1"));
    assertEquals(4, read().requests().size());
  }
}
