package org.hindsight.patterns.typoscopedshutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hindsight.world.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cloud CLIs (aws, gcloud, az): what each removal takes out, what only looks, what is not modelled. */
class CloudCliGrammarTest {
  @TempDir Path dir;
  private final CommandGrammars grammars = CommandGrammars.load();
  private FleetIndex index;

  // instances named by the cloud's id in one column and by a host name in the entity column
  private static final String INVENTORY = """
      entity,type,site,service,instance_id
      api-1,host,us-east-1a,api,i-0a1
      api-2,host,us-east-1b,api,i-0a2
      api-3,host,us-east-1c,api,i-0a3
      api-4,host,us-east-1a,api,i-0a4
      billing-1,host,us-east-1a,billing,i-0b1
      billing-2,host,us-east-1b,billing,i-0b2
      web-1,host,europe-west1-b,web,
      web-2,host,europe-west1-c,web,
      """;

  @BeforeEach
  void inventory() throws Exception {
    World w = Worlds.of(dir, "inventory.csv", INVENTORY);
    index = new FleetIndex(w.inventory());
  }

  private ParsedCommand parse(String command) throws Exception {
    ParsedCommand p = grammars.parse(command);
    assertEquals("cloud-cli", p.grammar().name(), command);
    return p;
  }

  private List<String> hosts(String command) throws Exception {
    int[] ids = parse(command).target().resolve(index, null, SelectorBudget.perLine());
    return java.util.Arrays.stream(ids).mapToObj(index::name).toList();
  }

  @Test
  void awsRemovalsByInstanceIdOrNameAndScaleDowns() throws Exception {
    assertEquals(List.of("billing-1", "billing-2"),
        hosts("aws --region us-east-1 ec2 terminate-instances --instance-ids i-0b1 i-0b2 --output json"));
    assertEquals(List.of("api-2"), hosts("aws ec2 stop-instances --instance-ids api-2"));
    assertEquals(List.of("api-3"),
        hosts("aws autoscaling terminate-instance-in-auto-scaling-group --instance-id i-0a3 --should-decrement-desired-capacity"));
    // the group is the service of that name; scaling to 1 takes the last three out in name order
    assertEquals(List.of("api-2", "api-3", "api-4"),
        hosts("aws autoscaling set-desired-capacity --auto-scaling-group-name api --desired-capacity 1"));
    assertEquals(List.of("api-3", "api-4"),
        hosts("aws autoscaling update-auto-scaling-group --auto-scaling-group-name api --min-size 1 --max-size 2 --desired-capacity 4"));
    assertEquals(List.of("billing-2"), hosts("aws ecs update-service --cluster prod --service billing --desired-count 1"));
    ParsedCommand p = parse("aws ec2 terminate-instances --instance-ids i-0b1 i-0b2");
    assertEquals("--instance-ids i-0b1 i-0b2", p.selectorText());
    assertTrue(p.effective());
  }

  @Test
  void awsLooksAndDryRunsTakeNothing() throws Exception {
    assertFalse(parse("aws ec2 describe-instances --filters Name=tag:svc,Values=api").removes());
    assertFalse(parse("aws autoscaling update-auto-scaling-group --auto-scaling-group-name api --min-size 2").removes());
    ParsedCommand dry = parse("aws ec2 terminate-instances --dry-run --instance-ids i-0a1");
    assertTrue(dry.removes());
    assertFalse(dry.effective());
    assertThrows(NotUnderstood.class, () -> grammars.parse("aws ec2 terminate-instances"));
    assertThrows(NotUnderstood.class, () -> grammars.parse("aws s3 rm s3://bucket --recursive"));
  }

  @Test
  void gcloudAndAzRemovals() throws Exception {
    assertEquals(List.of("web-1", "web-2"), hosts("gcloud compute instances delete --zone europe-west1-b --quiet web-1 web-2"));
    assertEquals(List.of("web-2"), hosts("gcloud compute instance-groups managed resize web --size 1 --zone europe-west1-b"));
    assertEquals(List.of("web-1"), hosts("gcloud compute instance-groups managed delete-instances web --instances=web-1"));
    assertFalse(parse("gcloud compute instances list --filter name~web").removes());
    assertEquals(List.of("api-1"), hosts("az vm deallocate --resource-group prod --name api-1"));
    assertEquals(List.of("api-4"),
        hosts("az vm delete --ids /subscriptions/s1/resourceGroups/prod/providers/Microsoft.Compute/virtualMachines/api-4 --yes"));
    assertEquals(List.of("billing-2"), hosts("az vmss scale --name billing --new-capacity 1 -g prod"));
    assertThrows(NotUnderstood.class, () -> grammars.parse("az vmss scale --name billing --new-capacity many"));
  }

  @Test
  void aTicketsScopeReplacesTheTypedSelector() throws Exception {
    ParsedCommand typed = parse("aws ec2 terminate-instances --instance-ids i-0a1 i-0a2");
    ParsedCommand intended = typed.withSelector("--instance-ids i-0b1");
    assertEquals(List.of("billing-1"), java.util.Arrays.stream(intended.target().resolve(index, null, SelectorBudget.perLine()))
        .mapToObj(index::name).toList());
    ParsedCommand scale = parse("aws autoscaling set-desired-capacity --auto-scaling-group-name api --desired-capacity 1");
    assertEquals(3, scale.withSelector("--desired-capacity 3").target().keep());
  }
}
