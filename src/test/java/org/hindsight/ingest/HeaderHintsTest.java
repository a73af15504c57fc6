package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeaderHintsTest {
  @TempDir Path dir;

  @Test
  void knownExportsPointAtTheirImporter() {
    assertTrue(HeaderHints.forMissing("events", Set.of("@timestamp", "host.name", "message"), List.of("timestamp", "source", "type", "entity"))
        .contains("import kibana-csv"));
    assertTrue(HeaderHints.forMissing("events", Set.of("_time", "host", "_raw"), List.of("timestamp", "source", "type", "entity"))
        .contains("import splunk-csv"));
  }

  @Test
  void anEosLogIsToldFromAnIosOneThoughBothLogConfigI() throws Exception {
    // EOS logs %SYS-5-CONFIG_I as IOS does; its command records are what make it EOS
    Path eos = dir.resolve("switches.log");
    Files.writeString(eos, "Oct 25 11:15:03 sp2 ConfigAgent: %SYS-5-CONFIG_I: Configured from console by pvdb on vty4 (192.0.2.9)\n"
        + "Oct 25 11:15:40 sp2 Aaa: %ACCOUNTING-6-CMD: pvdb vty4 192.0.2.9 stop task_id=310 start_time=1635153340.5 service=shell cmd=exit\n");
    assertEquals("eos-syslog", HeaderHints.rawExport(eos).format());
    Path ios = dir.resolve("routers.log");
    Files.writeString(ios, "Oct 25 11:15:03 pe2 4331: %SYS-5-CONFIG_I: Configured from console by pvdb on vty0 (192.0.2.9)\n");
    assertEquals("ios-syslog", HeaderHints.rawExport(ios).format());
  }

  @Test
  void aDatadogV2AnswerIsToldByItsResponseType() throws Exception {
    Path v2 = dir.resolve("system.cpu.user.json");
    Files.writeString(v2, "{\"data\":{\"type\":\"timeseries_response\",\"attributes\":{\"series\":[],\"times\":[],\"values\":[]}}}\n");
    assertEquals("datadog-metrics", HeaderHints.rawExport(v2).format());
  }

  @Test
  void theCloudsMetricExportsAreToldByTheirShapeNotByTheCloud() throws Exception {
    Path cw = dir.resolve("cpu.json");
    Files.writeString(cw, "{\"MetricDataResults\":[{\"Id\":\"m1\",\"Label\":\"CPUUtilization\",\"Timestamps\":[],\"Values\":[],\"StatusCode\":\"Complete\"}]}\n");
    assertEquals("cloudwatch-metrics", HeaderHints.rawExport(cw).format());
    Path queries = dir.resolve("q.json");
    Files.writeString(queries, "[{\"Id\":\"m1\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"AWS/EC2\",\"MetricName\":\"CPUUtilization\"},\"Stat\":\"Average\"}}]\n");
    assertEquals("cloudwatch-metrics", HeaderHints.rawExport(queries).format());
    Path az = dir.resolve("vm.json");
    Files.writeString(az, "{\"value\":[{\"id\":\"/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm1/providers/Microsoft.Insights/metrics/Percentage CPU\","
        + "\"name\":{\"value\":\"Percentage CPU\"},\"timeseries\":[{\"data\":[],\"metadatavalues\":[]}],\"type\":\"Microsoft.Insights/metrics\"}]}\n");
    assertEquals("azure-metrics", HeaderHints.rawExport(az).format());
    Path gcp = dir.resolve("ts.json");
    Files.writeString(gcp, "{\"timeSeries\":[{\"metric\":{\"type\":\"compute.googleapis.com/instance/cpu/utilization\"},\"points\":[]}]}\n");
    assertEquals("gcp-monitoring", HeaderHints.rawExport(gcp).format());
    // near misses: the same clouds' logs stay logs (CloudWatch Logs, an Activity Log entry about a metric alert rule)
    Path logs = dir.resolve("events.json");
    Files.writeString(logs, "{\"events\":[{\"logStreamName\":\"web-1\",\"timestamp\":1635127200000,\"message\":\"CPUUtilization high\"}]}\n");
    assertEquals("cloudwatch-logs", HeaderHints.rawExport(logs).format());
    Path activity = dir.resolve("activity.json");
    Files.writeString(activity, "[{\"eventTimestamp\":\"2025-03-04T09:04:10Z\",\"resourceType\":{\"value\":\"Microsoft.Insights/metricAlerts\"}}]\n");
    assertEquals("azure-activity", HeaderHints.rawExport(activity).format());
    // a diagnostic setting's export of Resource Health events alone: no caller, no eventTimestamp
    Path health = dir.resolve("PT1H.json");
    Files.writeString(health, "{\"time\":\"2025-03-04T09:20:52Z\",\"resourceId\":\"/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.COMPUTE/VIRTUALMACHINES/VM1\","
        + "\"operationName\":\"Microsoft.Resourcehealth/healthevent/Activated/action\",\"category\":\"ResourceHealth\",\"properties\":{\"currentHealthStatus\":\"Unavailable\"}}\n");
    assertEquals("azure-activity", HeaderHints.rawExport(health).format());
  }

  @Test
  void logcliTextOutputIsToldFromSyslog() throws Exception {
    Path loki = dir.resolve("loki.txt");
    Files.writeString(loki, "2021-10-25T11:07:02+09:00 {host=\"lb-2\", service_name=\"haproxy\"}  Server be_api/api-3 is DOWN\n");
    assertEquals("loki", HeaderHints.rawExport(loki).format());
    Path rsyslog = dir.resolve("messages");
    Files.writeString(rsyslog, "2021-10-25T11:07:02+09:00 lb-2 haproxy[311]: Server be_api/api-3 is DOWN\n");
    HeaderHints.RawExport notLoki = HeaderHints.rawExport(rsyslog); // an ISO time alone is no logcli line
    assertTrue(notLoki == null || !notLoki.format().equals("loki"), String.valueOf(notLoki));
  }

  @Test
  void anNxosAccountingLogIsToldByItsRecords() throws Exception {
    Path nxos = dir.resolve("nx-sp1.txt");
    Files.writeString(nxos, "nx-sp1# show accounting log\nMon Oct 25 11:14:20 2021:type=update:id=192.0.2.22@pts/0:user=ops:cmd=configure terminal ; router isis CORE (SUCCESS)\n");
    assertEquals("nxos-accounting", HeaderHints.rawExport(nxos).format());
  }

  @Test
  void frrCommandRecordsAreToldFromSyslogInEachOfTheirForms() throws Exception {
    for (String name : List.of("lyon-pe3.log", "gva-r2.log", "mrs-r1.log")) {
      Path log = Path.of("src/test/resources/import/frr-log", name);
      assertEquals("frr-log", HeaderHints.rawExport(log).format(), name);
    }
    // an FRR daemon's other messages are plain syslog
    Path other = dir.resolve("messages");
    Files.writeString(other, "Mar 14 10:15:40 gva-r2 bgpd[1207]: %ADJCHANGE: neighbor 10.30.0.1(Unknown) in vrf default Up\n");
    assertEquals("syslog", HeaderHints.rawExport(other).format());
  }

  @Test
  void columnsThatLookLikeTheMissingOnesAreOfferedAsAMap() {
    assertEquals("; if its columns are named otherwise, map them: --map metrics:timestamp=ts,entity=host,metric=name",
        HeaderHints.forMissing("metrics", Set.of("ts", "host", "name", "value"), List.of("timestamp", "entity", "metric")));
    // one header column is offered for one contract column only; the rest is left to the user
    assertEquals("; if its columns are named otherwise, map them: --map events:timestamp=time,entity=host,…",
        HeaderHints.forMissing("events", Set.of("time", "host", "msg"), List.of("timestamp", "source", "type", "entity")));
    assertEquals("", HeaderHints.forMissing("events", Set.of("a", "b"), List.of("timestamp")));
  }

  @Test
  void theProblemAtTheHeaderCarriesTheHint() throws Exception {
    Files.writeString(dir.resolve("events.csv"), "ts,host,level,msg\n2021-10-25T11:16:05Z,h1,error,x\n");
    InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
        () -> BundleReader.builder().build().readArgs(List.of(dir.toString())));
    String first = e.problems().get(0).toString();
    assertTrue(first.contains("events.csv:1: missing required column(s)") && first.contains("--map events:timestamp=ts"), first);
  }

  private HeaderHints.RawExport sniff(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return HeaderHints.rawExport(f);
  }

  private static String format(HeaderHints.RawExport e) {
    return e == null ? null : e.format();
  }

  @Test
  void monitoringAlertingAndTerraformExportsAreToldByTheirShape() throws Exception {
    Path root = Path.of("src/test/resources/import");
    for (String[] golden : new String[][] {{"influxdb/flux.csv", "influxdb"}, {"influxdb/influxql.json", "influxdb"},
        {"influxdb/select-star.json", "influxdb"}, {"graphite/render.json", "graphite"}, {"graphite/cpu.user.json", "graphite"},
        {"alertmanager/alerts.json", "alertmanager"}, {"alertmanager/webhook.jsonl", "alertmanager"},
        {"pagerduty/incidents.json", "pagerduty"}, {"pagerduty/incidents.csv", "pagerduty"},
        {"terraform/apply.jsonl", "terraform"}, {"terraform/plan.json", "terraform"}}) {
      assertEquals(golden[1], format(HeaderHints.rawExport(root.resolve(golden[0]))), golden[0]);
    }
    // Flux's CSV without annotations (dialect annotations: []) still starts with its own columns
    assertEquals("influxdb", format(sniff("raw.csv", ",result,table,_start,_stop,_time,_value,_field,_measurement,host\n")));
    // near misses: CloudWatch's statistics say Datapoints; a syslog line may name what the exports' keys are called;
    // a CSV naming incidents but not when they were created is no PagerDuty export; a contract CSV is no export
    assertEquals("cloudwatch-metrics", format(sniff("stats.json", "{\"Label\":\"CPUUtilization\",\"Datapoints\":[]}\n")));
    assertEquals("syslog", format(sniff("messages", "Oct 25 11:02:14 ops-1 pager[311]: incident_number 4711 startsAt datapoints "
        + "terraform.ui resource_changes result,table,_start\n")));
    assertEquals(null, format(sniff("tickets.csv", "incident_number,short_description,opened_at\n1,disk full,2024-06-20\n")));
    assertEquals(null, format(sniff("cpu.csv", "timestamp,entity,metric,value\n2024-06-20T14:00:00Z,web-1,cpu.util,40\n")));
  }

  @Test
  void accessLogsKubernetesInventoriesAndDeployRunsAreToldByTheirShape() throws Exception {
    Path root = Path.of("src/test/resources/import");
    for (String[] golden : new String[][] {{"access-log/web-1.access.log", "access-log"}, {"access-log/app-2_access_log", "access-log"},
        {"access-log/haproxy.log", "access-log"}, {"access-log/edge-proxy.envoy.log", "access-log"},
        {"alb-log/classic-elb.log", "alb-log"}, {"cloudflare-logpush/http_requests_20240620T140000Z.log", "cloudflare-logpush"},
        {"k8s-inventory/nodes.yaml", "k8s-inventory"}, {"k8s-inventory/checkout-pods.json", "k8s-inventory"},
        {"gh-runs/runs.json", "gh-runs"}, {"gh-runs/rest.json", "gh-runs"}}) {
      assertEquals(golden[1], format(HeaderHints.rawExport(root.resolve(golden[0]))), golden[0]);
    }
    assertEquals("alb-log", format(sniff("123456789012_elasticloadbalancing_eu-west-1_app.shop.log", "https 2024-06-20T14:00:01.186641Z"
        + " app/shop/50dc 192.168.1.9:2817 10.0.0.11:80 0.000 0.048 0.000 200 200 34 366 \"GET https://shop.example:443/ HTTP/1.1\" \"-\" - -\n")));
    // near misses: HAProxy's own messages and an error log are syslog, not requests; an event about a pod is no inventory
    assertEquals("syslog", format(sniff("lb.log", "Jun 20 14:00:08 lb-1 haproxy[14389]: Server be_app/web-2 is DOWN, reason: Layer4 timeout\n")));
    assertEquals(null, format(sniff("error.log", "2024/06/20 14:00:01 [error] 2211#2211: *9 upstream timed out (110: Connection timed out)\n")));
    assertEquals("k8s-events", format(sniff("events.json", "{\"kind\":\"Event\",\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"web-1\"},"
        + "\"reason\":\"BackOff\",\"status\":{\"podIP\":\"10.0.0.1\"}}\n")));
  }

  @Test
  void csvExportsOfInventoriesChangesAndLogSearchesAreToldByTheirHeader() throws Exception {
    Path imports = Path.of("src/test/resources/import");
    // each golden export, its header as the tool writes it (quoted, Title Case or field names)
    String[][] exports = {
        {"netbox-csv/devices.csv", "netbox-csv"}, {"netbox-csv/cables.csv", "netbox-csv"},
        {"servicenow-change/change_request.csv", "servicenow-change"}, {"servicenow-cmdb/cmdb_ci_server.csv", "servicenow-cmdb"},
        {"servicenow-cmdb/cmdb_rel_ci.csv", "servicenow-cmdb"}, {"kibana-csv/discover.csv", "kibana-csv"},
        {"splunk-csv/splunk-export.csv", "splunk-csv"}, {"azure-activity/portal.csv", "azure-activity"}};
    for (String[] e : exports) {
      HeaderHints.RawExport raw = HeaderHints.rawExport(imports.resolve(e[0]));
      assertEquals(e[1], raw == null ? null : raw.format(), e[0]);
    }
    // with a byte-order mark and CRLF, lower case
    Path cables = dir.resolve("export.csv");
    Files.writeString(cables, "\uFEFFid,label,termination a,termination b,device a,device b,status\r\n1,,xe-0/0/1,Te1/1,r1,r2,connected\r\n");
    assertEquals("netbox-csv", HeaderHints.rawExport(cables).format());
  }

  @Test
  void csvFilesOfOtherHeadersAreNoneOfThoseExports() throws Exception {
    String[] headers = {
        "entity,type,site,service,role", // the contract's inventory: no name, no status
        "name,site,rack", // a rack list: no role, no status
        "number,description,start_date", // a ticket list without ServiceNow's short description
        "parent,child", "parent,type,child,weight", // a tree; a weighted relation list
        "time,host,raw", // a log list without Splunk's underscores
        "timestamp,entity,metric,value"};
    for (String h : headers) {
      Path f = dir.resolve("other.csv");
      Files.writeString(f, h + "\na,b,c,d,e\n");
      assertEquals(null, HeaderHints.rawExport(f), h);
    }
  }

  @Test
  void monitoringStateHistoriesEventLogsAndDeployHistoriesAreToldByTheirShape() throws Exception {
    Path root = Path.of("src/test/resources/import");
    for (String[] golden : new String[][] {{"nagios-log/nagios.log", "nagios-log"}, {"nagios-log/icinga2-events.jsonl", "nagios-log"},
        {"zabbix/event.get.json", "zabbix"}, {"zabbix/problem.get.json", "zabbix"}, {"zabbix/history.get.json", "zabbix"},
        {"zabbix/item.get.json", "zabbix"}, {"zabbix/problems-history-syncer-1.ndjson", "zabbix"},
        {"zabbix/history-history-syncer-1.ndjson", "zabbix"}, {"zabbix/problems.csv", "zabbix"},
        {"windows-events/System.csv", "windows-events"}, {"windows-events/application.json", "windows-events"},
        {"windows-events/system.xml", "windows-events"}, {"windows-events/get-eventlog.csv", "windows-events"},
        {"windows-events/get-eventlog.json", "windows-events"}, {"gitlab-deployments/deployments.json", "gitlab-deployments"},
        {"jenkins-builds/deploy-checkout.json", "jenkins-builds"}, {"jenkins-builds/ledger-ci.json", "jenkins-builds"}}) {
      assertEquals(golden[1], format(HeaderHints.rawExport(root.resolve(golden[0]))), golden[0]);
    }
    // a Nagios log forwarded to syslog is syslog; a bracketed epoch before other words is no Nagios line; an event id and a
    // clock in two different objects are no Zabbix record; a CSV naming problems and hosts but no recovery time is no export
    assertEquals("syslog", format(sniff("messages", "Jun 20 14:02:30 mon-1 nagios: SERVICE ALERT: db-1;PostgreSQL;CRITICAL;HARD;3;refused\n")));
    assertEquals(null, format(sniff("app.log", "[1718892150] worker 3 started: HOST ALERT level 2\n")));
    assertEquals(null, format(sniff("mixed.json", "[{\"eventid\": 7}, {\"clock\": 1718892150}]\n")));
    assertEquals(null, format(sniff("tickets.csv", "Time,Host,Problem,Owner\n2024-06-20 14:00,db-1,disk full,kim\n")));
    // a CSV with a creation time but no provider is no Windows export
    assertEquals(null, format(sniff("vms.csv", "Name,TimeCreated,State\nvm-1,6/20/2024 10:00:00 AM,Running\n")));
  }
}
