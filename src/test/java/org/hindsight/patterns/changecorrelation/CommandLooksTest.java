package org.hindsight.patterns.changecorrelation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** An ops command that only reads is no change; one that acts is, whatever its tool. */
class CommandLooksTest {
  @Test
  void readingSubcommandsAndFunctionsOnlyLook() {
    assertOnlyLook(true, "site-admin list --app insight --state legacy", "kubectl get pods -n shop",
        "sudo systemctl status postgresql", "aws ec2 describe-instances --filters Name=tag:role,Values=db",
        "salt 'app1-*' test.ping", "kubectl rollout status deploy/web", "ssh db1 cat /etc/hosts");
  }

  /** An audit or dry run before the real command (Facebook 2021-10-04: the audit, then the command) is not the change. */
  @Test
  void checksAndDryRunsOnlyLook() {
    assertOnlyLook(true, "backbone-audit check --service backbone --capacity", "nginx-ctl validate /etc/nginx",
        "ansible-playbook -i prod site.yml --check --diff", "kubectl apply -f web.yaml --dry-run=client",
        "salt 'web*' state.apply nginx test=True", "puppet agent -t --noop", "az deployment group create -g rg --what-if");
  }

  @Test
  void actingCommandsAreChangesEvenWhenANameReadsLikeAVerb() {
    assertOnlyLook(false, "site-admin delete --mode permanent --ids a,b", "kubectl delete pod web-status-1",
        "salt -C 'G@role:authoritative' state.apply bind.config", "capctl shutdown 'etl-[04-10]'",
        "sudo rm -rf /var/lib/postgresql/14/main", "featurectl set checkout.new-flow on --service checkout",
        "backbone-maint assess-capacity --service backbone --all-regions --apply",
        "rsync --checksum -a /srv/app/ web1:/srv/app/");
  }

  private static void assertOnlyLook(boolean expected, String... commands) {
    for (String c : commands) assertEquals(expected, ChangeDeriver.onlyLooks(c), c);
  }
}
