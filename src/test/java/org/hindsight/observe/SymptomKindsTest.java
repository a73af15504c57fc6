package org.hindsight.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SymptomKindsTest {
  @Test
  void aRestartIsReadFromTheTypesLastWordAlsoWhenAnExporterJoinsWordsWithUnderscoresOrDashes() {
    for (String t : List.of("process.restart", "host.crash", "varnish.child_crashed", "pod-restarted", "k8s.container_oomkilled")) {
      assertEquals(SymptomKinds.RESTART, SymptomKinds.ofEvent(t), t);
    }
    for (String t : List.of("restart_policy.changed", "crash_report.uploaded", "package.upgrade", "crashed.count")) {
      assertNull(SymptomKinds.ofEvent(t), t);
    }
  }

  /** Real exporters say "down" in many words; each must open (or close) a down episode, and an action's outcome must not. */
  @Test
  void downAndUpAreReadFromTheTypesLastWordsWhateverTheExporterCallsThem() {
    for (String t : List.of("service.down", "probe.failed", "dns.healthcheck.failed", "service.unreachable", "service-unavailable",
        "NodeNotReady", "node.not_ready", "backend.unhealthy", "consul.lock.timeout", "pod.CrashLoopBackOff", "api.outage",
        "host.offline", "deploy.down", "hardware.thermal_shutdown", "vm.shutdown")) {
      assertEquals("down", Observations.state(t), t);
      assertTrue(Observations.saysDown(t), t);
    }
    for (String t : List.of("service.up", "probe.succeeded", "dns.healthcheck.passed", "service.available", "NodeReady",
        "host.reachable", "db.recovered")) {
      assertEquals("up", Observations.state(t), t);
    }
    // the outcome of an action says nothing about the entity; a link or a site has events of its own
    for (String t : List.of("ssh.login.failed", "auth.failed", "deploy.failed", "backup_failed", "session.timeout",
        "update.available", "deploy.succeeded", "link.down", "site.unreachable", "log.E29", "deploy.finished", "failed.count",
        "shutdown.scheduled")) {
      assertEquals("", Observations.state(t), t);
      assertFalse(Observations.saysDown(t), t);
    }
    assertEquals("degraded", Observations.state("checkout_degraded"));
  }

  /** A job its scheduler took off its machines serves nothing (Google Cloud 2019-06-02's control plane jobs); rescheduling it is no outage. */
  @Test
  void aJobDescheduledEvictedOrPreemptedIsDownAndOneScheduledIsNot() {
    for (String t : List.of("job.descheduled", "pod.evicted", "Evicted", "instance.preempted", "compute.instances.preempted")) {
      assertEquals("down", Observations.state(t), t);
    }
    for (String t : List.of("job.scheduled", "job.rescheduled", "eviction.planned", "pod.scheduled", "preemption.notice")) {
      assertEquals("", Observations.state(t), t);
    }
    // what a deploy did to its own pods is the deploy's business, not a symptom of the pods
    assertEquals("", Observations.state("deploy.pods.evicted"));
  }

  /** A health check's states are its entity's (Consul's "Check is now critical", Nagios' CRITICAL); elsewhere critical is a severity. */
  @Test
  void aHealthChecksCriticalIsDownItsWarningDegradedItsPassingUpAndCriticalElsewhereIsNoState() {
    for (String t : List.of("health.check.critical", "consul.check.critical", "service_check.critical", "healthcheck.critical")) {
      assertEquals("down", Observations.state(t), t);
      assertTrue(Observations.saysDown(t), t);
    }
    assertEquals("degraded", Observations.state("consul.check.warning"));
    assertEquals("up", Observations.state("health.check.passing"));
    for (String t : List.of("alert.critical", "disk.usage.critical", "severity.critical", "log.warning", "tests.passing",
        "backup.check.critical")) {
      assertEquals("", Observations.state(t), t);
      assertFalse(Observations.saysDown(t), t);
    }
  }
}
