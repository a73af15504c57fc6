package org.hindsight.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to say when a file lacks required columns: raw exports name them their own way ({@code @timestamp},
 * {@code host.name}, {@code _time}). A known export points at its importer; otherwise the columns that
 * look like the missing ones are offered as a {@code --map}. Only a suggestion: nothing is mapped unasked.
 */
public final class HeaderHints {
  private HeaderHints() {}

  /** Header names, most likely first, that real exports use for a contract column. */
  private static final Map<String, List<String>> ALIASES = new LinkedHashMap<>();

  static {
    ALIASES.put("timestamp", List.of("@timestamp", "_time", "time", "ts", "datetime", "date", "event_time", "eventtime",
        "created_at", "occurred_at", "start_time", "starttime"));
    ALIASES.put("entity", List.of("host.name", "host", "hostname", "device", "node", "instance", "server", "pod",
        "service.name", "service", "resource", "target"));
    ALIASES.put("type", List.of("event.action", "event_type", "eventtype", "event", "action", "category", "kind"));
    ALIASES.put("source", List.of("event.dataset", "program", "logger", "app", "application", "component", "sourcetype",
        "facility", "origin"));
    ALIASES.put("metric", List.of("__name__", "metric_name", "name", "series", "measurement"));
    ALIASES.put("value", List.of("metric_value", "val", "reading", "sample"));
    ALIASES.put("device", List.of("hostname", "host", "router", "switch", "node", "nas"));
    ALIASES.put("user", List.of("username", "operator", "login", "actor"));
    ALIASES.put("command", List.of("cmd", "cmdline", "command_line", "line", "input"));
    ALIASES.put("session", List.of("session_id", "tty", "task_id", "port"));
    ALIASES.put("operator", List.of("user", "username", "actor", "login"));
  }

  /** A bash history with HISTTIMEFORMAT ({@code #1635127262} lines) or zsh's extended history. */
  private static final java.util.regex.Pattern HISTORY = java.util.regex.Pattern.compile("(?m)^(#\\d{9,10}$|: \\d{9,10}:\\d+;)");

  /** Marks, in the first lines, of raw logs an importer reads; first match wins. */
  private static final List<String[]> RAW = List.of(
      // OTLP's envelope first: a log record's body may quote any other format
      new String[] {"\"resourceSpans\"", "otlp-json", "OpenTelemetry OTLP/JSON trace export"},
      new String[] {"\"resourceLogs\"", "otlp-logs", "OpenTelemetry OTLP/JSON log export"},
      // a search engine's or a cloud's envelope before what it carries: an indexed or shipped line may be in any format
      new String[] {"\"_source\"", "elasticsearch", "search export of Elasticsearch or OpenSearch (_search hits, elasticdump)"},
      new String[] {"\"logStreamName\"", "cloudwatch-logs", "CloudWatch Logs export (aws logs filter-log-events)"},
      new String[] {"\"nextForwardToken\"", "cloudwatch-logs", "CloudWatch Logs export (aws logs get-log-events)"},
      new String[] {"\"@logStream\"", "cloudwatch-logs", "CloudWatch Logs Insights results (aws logs get-query-results)"},
      new String[] {"\"pointlist\"", "datadog-metrics", "Datadog metric query answer (/api/v1/query)"},
      new String[] {"\"timeseries_response\"", "datadog-metrics", "Datadog timeseries query answer (/api/v2/query/timeseries)"},
      new String[] {"\"MetricDataResults\"", "cloudwatch-metrics", "CloudWatch metrics answer (aws cloudwatch get-metric-data)"},
      new String[] {"\"MetricDataQueries\"", "cloudwatch-metrics", "CloudWatch metric data queries (get-metric-data's input)"},
      new String[] {"\"MetricStat\"", "cloudwatch-metrics", "CloudWatch metric data queries (--metric-data-queries file)"},
      new String[] {"\"Datapoints\"", "cloudwatch-metrics", "CloudWatch metric statistics (aws cloudwatch get-metric-statistics)"},
      new String[] {"\"metadatavalues\"", "azure-metrics", "Azure Monitor metrics answer (az monitor metrics list)"},
      new String[] {"\"Microsoft.Insights/metrics\"", "azure-metrics", "Azure Monitor metrics answer (az monitor metrics list)"},
      new String[] {"\"timeSeries\"", "gcp-monitoring", "Cloud Monitoring time series (projects.timeSeries.list)"},
      new String[] {"\"statement_id\"", "influxdb", "InfluxDB InfluxQL answer (/query JSON)"},
      // before IOS's marks: EOS also logs %SYS-5-CONFIG_I
      new String[] {"%ACCOUNTING-6-CMD", "eos-syslog", "Arista EOS command-accounting syslog"},
      new String[] {"%PARSER-5-CFGLOG_LOGGEDCMD", "ios-syslog", "Cisco IOS config-logging syslog"},
      new String[] {"%SYS-5-CONFIG_I", "ios-syslog", "Cisco IOS syslog"},
      new String[] {"%MGBL-CONFIG-6-DB_COMMIT", "iosxr-syslog", "Cisco IOS-XR syslog"},
      new String[] {"UI_CMDLINE_READ_LINE", "junos-syslog", "Junos mgd syslog"},
      new String[] {"UI_COMMIT", "junos-syslog", "Junos mgd syslog"},
      new String[] {"SHELL/5/CMDRECORD", "huawei-syslog", "Huawei VRP command-record syslog"},
      new String[] {":type=update:id=", "nxos-accounting", "Cisco NX-OS accounting log (show accounting log)"},
      new String[] {"cli_config_io", "sros-log", "Nokia SR OS USER log"},
      new String[] {"cli_user_io", "sros-log", "Nokia SR OS USER log"},
      new String[] {"audit.k8s.io", "k8s-audit", "Kubernetes audit log"},
      new String[] {"\"eventSource\"", "cloudtrail", "AWS CloudTrail log"},
      // before Prometheus: a diagnostic setting's Activity Log records carry a resultType, a Loki answer is Prometheus-shaped
      new String[] {"\"eventTimestamp\"", "azure-activity", "Azure Activity Log export (az monitor activity-log list)"},
      new String[] {"\"callerIpAddress\"", "azure-activity", "Azure Activity Log export (a diagnostic setting's)"},
      // a diagnostic setting's export of Resource Health events alone has no caller: its operation names it
      new String[] {"\"Microsoft.Resourcehealth/healthevent/", "azure-activity", "Azure Activity Log export (Resource Health events)"},
      new String[] {"\"resultType\":\"streams\"", "loki", "Loki query answer"},
      new String[] {"\"resultType\": \"streams\"", "loki", "Loki query answer"},
      new String[] {"{\"labels\":{", "loki", "Loki export (logcli query --output=jsonl)"},
      new String[] {"\"app_version\"", "helm-history", "Helm release history (helm history -o json)"},
      new String[] {"\"deployedAt\"", "argocd-history", "Argo CD Application (its status.history)"},
      new String[] {"deployedAt:", "argocd-history", "Argo CD Application, YAML (its status.history)"},
      new String[] {"\"resultType\"", "prometheus-json", "Prometheus query result"},
      new String[] {"n=ansible |", "ansible", "Ansible log"},
      new String[] {"\"__REALTIME_TIMESTAMP\"", "journald", "systemd journal export (journalctl -o json)"},
      new String[] {"\"traceID\"", "jaeger", "Jaeger trace export"},
      new String[] {"\"localEndpoint\"", "zipkin", "Zipkin trace export"},
      new String[] {"\"logName\"", "gcp-logging", "Google Cloud Logging export"},
      // after Cloud Logging, which carries Kubernetes events in its entries
      new String[] {"\"involvedObject\"", "k8s-events", "Kubernetes events export (kubectl get events -o json)"},
      new String[] {"\"regarding\"", "k8s-events", "Kubernetes events export (events.k8s.io/v1)"},
      new String[] {"involvedObject:", "k8s-events", "Kubernetes events export (kubectl get events -o yaml)"},
      new String[] {"reportingController:", "k8s-events", "Kubernetes events export (events.k8s.io/v1, YAML)"},
      // after the events and the audit log, whose objects may be nodes and pods
      new String[] {"\"nodeInfo\"", "k8s-inventory", "Kubernetes nodes (kubectl get nodes -o json)"},
      new String[] {"nodeInfo:", "k8s-inventory", "Kubernetes nodes (kubectl get nodes -o yaml)"},
      new String[] {"\"podIP\"", "k8s-inventory", "Kubernetes pods (kubectl get pods -o json)"},
      new String[] {"podIP:", "k8s-inventory", "Kubernetes pods (kubectl get pods -o yaml)"},
      // last: exports whose marks a log record above may quote
      new String[] {"\"terraform.ui\"", "terraform", "Terraform machine-readable UI (apply -json)"},
      new String[] {"\"resource_changes\"", "terraform", "Terraform plan (terraform show -json)"},
      new String[] {"\"datapoints\"", "graphite", "Graphite render API answer (/render?format=json)"},
      new String[] {"\"startsAt\"", "alertmanager", "Prometheus Alertmanager alerts (/api/v2/alerts, webhook payloads)"},
      new String[] {"\"incident_number\"", "pagerduty", "PagerDuty incidents (REST /incidents)"},
      new String[] {"\"workflowName\"", "gh-runs", "GitHub Actions runs (gh run list --json)"},
      new String[] {"\"workflow_runs\"", "gh-runs", "GitHub Actions runs (gh api …/actions/runs)"},
      new String[] {"\"EdgeResponseStatus\"", "cloudflare-logpush", "Cloudflare Logpush http_requests export"},
      new String[] {"\"EdgeStartTimestamp\"", "cloudflare-logpush", "Cloudflare Logpush http_requests export"},
      new String[] {"\"key_\"", "zabbix", "Zabbix items (API item.get), which name a history.get answer's items"},
      new String[] {"\"deployable\"", "gitlab-deployments", "GitLab deployments (GET /projects/:id/deployments)"},
      new String[] {"\"fullDisplayName\"", "jenkins-builds", "Jenkins builds (a job's /api/json?tree=builds[…])"});

  /** Flux's annotated CSV: its annotation rows, or the header of its own columns ({@code ,result,table,_start,…}). */
  private static final java.util.regex.Pattern FLUX_CSV = java.util.regex.Pattern.compile("(?m)^(?:#datatype,|#group,|,?result,table,_)");
  /** A CSV of PagerDuty incidents: a header naming the incident's number and when it was created. */
  private static final java.util.regex.Pattern PAGERDUTY_CSV = java.util.regex.Pattern.compile(
      "\\A\uFEFF?(?=[^\n]*\\bincident_number\\b)(?=[^\n]*\\bcreated_(?:at|on)\\b)");

  /**
   * CSV exports told by their header line (quoted or not, any case): NetBox's device and cable lists, ServiceNow's
   * change requests, CIs and CI relations, the Azure portal's Activity log, Kibana's Discover report, Splunk's search export.
   */
  private static final List<java.util.Map.Entry<java.util.regex.Pattern, RawExport>> CSV_HEADERS = List.of(
      header("(?=[^\\n]*\\bname\\b)(?=[^\\n]*\\bsite\\b)(?=[^\\n]*\\brole\\b)(?=[^\\n]*\\bstatus\\b)", "netbox-csv", "NetBox device list (CSV)"),
      header("(?=[^\\n]*\\btermination a\\b)(?=[^\\n]*\\btermination b\\b)", "netbox-csv", "NetBox cable list (CSV)"),
      header("(?=[^\\n]*\\bnumber\\b)(?=[^\\n]*\\bshort[ _]description\\b)(?=[^\\n]*\\bstart[ _]date\\b)", "servicenow-change",
          "ServiceNow change_request export"),
      header("(?=[^\\n]*\\bsys_class_name\\b)", "servicenow-cmdb", "ServiceNow CMDB export"),
      header("\\W*parent\\W+type\\W+child\\W*$", "servicenow-cmdb", "ServiceNow CI relations export (cmdb_rel_ci)"),
      header("(?=[^\\n]*\\boperation name\\b)(?=[^\\n]*\\bevent initiated by\\b)", "azure-activity",
          "Azure portal Activity log download (CSV)"),
      header("(?=[^\\n]*@timestamp\\b)", "kibana-csv", "Kibana Discover CSV report"),
      header("(?=[^\\n]*\\b_time\\b)(?=[^\\n]*\\b_raw\\b)", "splunk-csv", "Splunk search export (CSV)"));

  private static java.util.Map.Entry<java.util.regex.Pattern, RawExport> header(String lookaheads, String format, String what) {
    return java.util.Map.entry(java.util.regex.Pattern.compile("\\A\uFEFF?" + lookaheads,
        java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.MULTILINE), new RawExport(format, what));
  }

  /** Nagios's (Icinga's, Naemon's) log: {@code [epoch] SERVICE ALERT: …}, or what each file of it starts with. */
  private static final java.util.regex.Pattern NAGIOS_LOG = java.util.regex.Pattern.compile(
      "(?m)^\\[\\d{9,11}(?:\\.\\d+)?] (?:(?:CURRENT |INITIAL )?(?:SERVICE|HOST) (?:ALERT|STATE|NOTIFICATION): |LOG ROTATION: |LOG VERSION: )");
  /** Icinga 2's API event stream ({@code /v1/events}): its state changes and check results. */
  private static final java.util.regex.Pattern ICINGA_EVENTS =
      java.util.regex.Pattern.compile("\"type\" ?: ?\"(?:StateChange|CheckResult)\"[^\n]*\"check_result\"|\"check_result\"[^\n]*\"type\" ?: ?\"(?:StateChange|CheckResult)\"");

  /** Zabbix's objects (API answers, the server's real-time export): an event's or item's id beside its {@code clock}, in one object. */
  private static final java.util.regex.Pattern ZABBIX_JSON = java.util.regex.Pattern.compile(
      "(?s)\"(?:eventid|itemid)\" ?: ?\"?\\d+\"?[^{}]{0,2000}?\"clock\" ?:|\"clock\" ?: ?\"?\\d+\"?[^{}]{0,2000}?\"(?:eventid|itemid)\" ?:");
  /** The Zabbix frontend's Problems export: a header naming Time, Recovery time, Host and Problem. */
  private static final java.util.regex.Pattern ZABBIX_CSV = java.util.regex.Pattern.compile(
      "\\A\uFEFF?(?=[^\n]*\\bRecovery time\\b)(?=[^\n]*\\bHost\\b)(?=[^\n]*\\bProblem\\b)");

  /** {@code helm history}'s table header, and its YAML ({@code app_version:} beside {@code chart:}). */
  private static final java.util.regex.Pattern HELM_HISTORY =
      java.util.regex.Pattern.compile("(?m)^REVISION\\s+UPDATED\\s+STATUS\\s+CHART\\b|^-? *app_version: ");

  /** FRRouting's {@code log commands} records ({@code vty[25]@(config-router)# …}), in its own log file or syslog. */
  private static final java.util.regex.Pattern FRR_VTY = java.util.regex.Pattern.compile(
      "(?m)(?:^\\d{4}/\\d\\d/\\d\\d [\\d:.]+ [A-Z][A-Z0-9_]*: |[\\w\\]]: |- - )(?:\\[[A-Z0-9]{5}-[A-Z0-9]{5}] )?vty\\[(?:\\d+|\\?\\?)]@[^\\s(#>]*(?:\\([\\w.:/-]*\\))?[#>] ");
  /** vtysh's VTYSH_LOG lines: {@code 20230314-10:31.02:user line}. */
  private static final java.util.regex.Pattern VTYSH_LOG = java.util.regex.Pattern.compile("(?m)^\\d{8}-\\d\\d:\\d\\d[.:]\\d\\d:\\S* \\S");

  /** {@code kubectl get events [-A] [-o wide]}'s table header. */
  private static final java.util.regex.Pattern KUBECTL_EVENTS =
      java.util.regex.Pattern.compile("(?m)^(?:NAMESPACE\\s+)?LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\b");

  /**
   * A request of an access log: the common/combined log format's {@code client ident user [10/Oct/2000:13:55:36 -0700] "GET},
   * HAProxy's HTTP log ({@code client:port [accept date] frontend backend/server}) or Envoy's default format ({@code
   * [2024-06-20T14:00:09.310Z] "GET}), after a syslog header or not.
   */
  private static final java.util.regex.Pattern ACCESS_LOG = java.util.regex.Pattern.compile(
      "(?m)(?:^|: )(?:(?:\\S+ )?\\S+ \\S+ \\S+ \\[\\d{1,2}/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)? [+-]\\d{4}] \"[A-Z]+ "
          + "|\\S+:\\d+ \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:[\\d:.]+] \\S+ [^/\\s]+/\\S+ -?\\d+/-?\\d+/"
          + "|\\[\\d{4}-\\d\\d-\\d\\dT[\\d:.]+(?:Z|[+-][\\d:]+)] \"[A-Z]+ )");
  /** An ELB access log entry: an ALB's ({@code https 2024-06-20T14:00:01.186641Z app/…}) or a Classic one's (time first). */
  private static final java.util.regex.Pattern ELB_LOG = java.util.regex.Pattern.compile(
      "(?m)^(?:(?:https?|h2|grpcs|wss?) )?\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\S+ [\\w.:\\[\\]]+:\\d+ (?:\\S+:\\d+|-) -?\\d+(?:\\.\\d+)? -?\\d+(?:\\.\\d+)? ");

  /** A syslog line of any program: RFC 5424 ({@code <PRI>1 ISO-TIME}) or RFC 3164 ({@code Oct 25 11:16:05 host prog[pid]: }). */
  /** logcli's default output: an RFC 3339 time, then the stream's labels (colours allowed), or its "Common labels" line. */
  private static final java.util.regex.Pattern LOGCLI = java.util.regex.Pattern.compile(
      "(?m)^(?:Common labels: \\{|(?:\u001B\\[[0-9;]*m)?\\d{4}-\\d\\d-\\d\\dT\\S+ +(?:\u001B\\[[0-9;]*m)?\\{[A-Za-z_]\\w*=\")");
  private static final java.util.regex.Pattern SYSLOG = java.util.regex.Pattern.compile(
      "(?m)^(?:<\\d{1,3}>)?(?:1 \\d{4}-\\d\\d-\\d\\dT\\S+ \\S+ |[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\S+ [^\\s:\\[]+(?:\\[\\d+])?: )");

  /** A raw export an importer reads: the import's format name and what the file looks like. */
  public record RawExport(String format, String what) {
    /** What it is with its article: "a syslog file", "an OpenTelemetry OTLP/JSON trace export". */
    public String aWhat() {
      return ("AEIOUaeiou".indexOf(what.charAt(0)) >= 0 ? "an " : "a ") + what;
    }
  }

  /**
   * For a file that is not CSV at all but a raw log an importer reads (a tac_plus accounting file, a
   * router's syslog given as {@code config-commands=…}), the import that reads it; else "". Reads at
   * most the first 64 KiB, and only once the file has already failed.
   */
  public static String forRawLog(java.nio.file.Path file, String shown) {
    RawExport raw = rawExport(file);
    if (raw == null) return "";
    return "; it looks like " + raw.aWhat() + ", not CSV: analyze --from " + raw.format() + ":" + shown
        + " (or hindsight import " + raw.format() + " " + shown + " --out DIR)";
  }

  /** The raw export {@code file} is, told from its first 64 KiB by the marks of the formats importers read; else null. */
  public static RawExport rawExport(java.nio.file.Path file) {
    String head;
    try (java.io.Reader r = Inputs.text(file)) {
      char[] buf = new char[64 * 1024];
      int n = r.read(buf);
      head = n <= 0 ? "" : new String(buf, 0, n);
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
    for (String[] m : RAW) {
      if (head.contains(m[0])) return new RawExport(m[1], m[2]);
    }
    if (head.contains("cmd=") && (head.contains("task_id=") || head.contains("service=shell"))) {
      return new RawExport("tacacs", "tac_plus accounting log");
    }
    if (NAGIOS_LOG.matcher(head).find()) return new RawExport("nagios-log", "Nagios or Icinga log (nagios.log, icinga.log)");
    if (ICINGA_EVENTS.matcher(head).find()) return new RawExport("nagios-log", "Icinga 2 API event stream (/v1/events)");
    if (head.contains("schemas.microsoft.com/win/2004/08/events/event")) {
      return new RawExport("windows-events", "Windows event log XML (wevtutil qe /f:xml)");
    }
    // Get-WinEvent's (and the older Get-EventLog's) records, as Export-Csv and ConvertTo-Json write them: when and by whom each was logged
    if ((head.contains("TimeCreated") && head.contains("ProviderName")) || (head.contains("TimeGenerated") && head.contains("EntryType"))) {
      return new RawExport("windows-events", "Windows event log export (Get-WinEvent | Export-Csv or ConvertTo-Json)");
    }
    // Jenkins's JSON names each object's class; a job's answer lists its builds
    if (head.contains("\"_class\"") && (head.contains("\"builds\"") || head.contains("Build\"") || head.contains("Run\""))) {
      return new RawExport("jenkins-builds", "Jenkins builds (a job's /api/json?tree=builds[…])");
    }
    if (ZABBIX_JSON.matcher(head).find()) return new RawExport("zabbix", "Zabbix export (API problem.get, event.get, history.get; real-time export)");
    if (ZABBIX_CSV.matcher(head).find()) return new RawExport("zabbix", "Zabbix Problems CSV (the frontend's export)");
    if (FLUX_CSV.matcher(head).find()) return new RawExport("influxdb", "InfluxDB annotated CSV (influx query --raw, /api/v2/query)");
    if (PAGERDUTY_CSV.matcher(head).find()) return new RawExport("pagerduty", "PagerDuty incidents CSV");
    for (var h : CSV_HEADERS) if (h.getKey().matcher(head).find()) return h.getValue();
    if (HELM_HISTORY.matcher(head).find()) return new RawExport("helm-history", "Helm release history (helm history)");
    if (KUBECTL_EVENTS.matcher(head).find()) return new RawExport("k8s-events", "kubectl events table");
    if (ELB_LOG.matcher(head).find()) return new RawExport("alb-log", "AWS load balancer access log");
    // before syslog: a proxy's requests often reach the file through it
    if (ACCESS_LOG.matcher(head).find()) return new RawExport("access-log", "web server or proxy access log");
    // before syslog: FRR's daemons log their command records through it
    if (FRR_VTY.matcher(head).find()) return new RawExport("frr-log", "FRRouting command log (log commands)");
    if (VTYSH_LOG.matcher(head).find()) return new RawExport("frr-log", "vtysh command log (VTYSH_LOG)");
    if (HISTORY.matcher(head).find()) return new RawExport("shell-history", "shell history");
    if (LOGCLI.matcher(head).find()) return new RawExport("loki", "Loki export (logcli query)");
    if (SYSLOG.matcher(head).find()) return new RawExport("syslog", "syslog file");
    return null;
  }

  /**
   * A sentence to append to the missing-columns problem ("" when there is nothing useful to add).
   *
   * @param kind the contract kind's file name ({@code events})
   * @param header the file's header, trimmed and lower-cased
   * @param missing the contract columns missing
   */
  public static String forMissing(String kind, Set<String> header, List<String> missing) {
    if (header.contains("@timestamp")) {
      return "; it looks like a Kibana export: hindsight import kibana-csv FILE --out DIR (or analyze --from kibana-csv:FILE)";
    }
    if (header.contains("_time") && (header.contains("_raw") || header.contains("host"))) {
      return "; it looks like a Splunk export: hindsight import splunk-csv FILE --out DIR (or analyze --from splunk-csv:FILE)";
    }
    List<String> pairs = new ArrayList<>();
    for (String column : missing) {
      for (String alias : ALIASES.getOrDefault(column, List.of())) {
        if (header.contains(alias) && pairs.stream().noneMatch(p -> p.endsWith("=" + alias))) {
          pairs.add(column + "=" + alias);
          break;
        }
      }
    }
    if (pairs.isEmpty()) return "";
    return "; if its columns are named otherwise, map them: --map " + kind + ":" + String.join(",", pairs)
        + (pairs.size() < missing.size() ? ",…" : "");
  }
}
