package org.hindsight.patterns.changecorrelation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** An ops command that only reads is no change; one that acts is, whatever its tool. */
class CommandLooksTest {
  @Test
  void readingSubcommandsAndFunctionsOnlyLook() {
    for (String c : List.of("site-admin list --app insight --state legacy", "kubectl get pods -n shop",
        "sudo systemctl status postgresql", "aws ec2 describe-instances --filters Name=tag:role,Values=db",
        "salt 'app1-*' test.ping", "kubectl rollout status deploy/web", "ssh db1 cat /etc/hosts")) {
      assertTrue(ChangeDeriver.onlyLooks(c), c);
    }
  }

  @Test
  void actingCommandsAreChangesEvenWhenANameReadsLikeAVerb() {
    for (String c : List.of("site-admin delete --mode permanent --ids a,b", "kubectl delete pod web-status-1",
        "salt -C 'G@role:authoritative' state.apply bind.config", "capctl shutdown 'etl-[04-10]'",
        "sudo rm -rf /var/lib/postgresql/14/main", "featurectl set checkout.new-flow on --service checkout")) {
      assertFalse(ChangeDeriver.onlyLooks(c), c);
    }
  }
}
