#!/usr/bin/env python3
"""Nezha OnlineBoutique faults as Hindsight bundles, and Hindsight's service-level top-1/top-3 on them.

The data is public and NOT part of this repository. Get it with (about 1.4 GB for the two days):

    git clone https://github.com/IntelligentDDS/Nezha.git /tmp/Nezha      # rca_data/ is in the repo

Then convert and measure (Python 3 standard library only):

    python3 scripts/nezha_onlineboutique.py --nezha /tmp/Nezha --out /tmp/nezha-bundles --run

Only the OnlineBoutique days 2022-08-22 and 2022-08-23 (56 labelled faults: inject time, pod, type)
are read. The TrainTicket days of the same dataset are reserved for an independent check: this
script refuses them and never opens their folders.

Per fault, one bundle of the window [inject - BEFORE, inject + AFTER] (defaults 6 and 6 minutes):
  metrics.csv  the pod metrics of every service (entity = the service, the pod as attribute `pod`;
               node-level columns dropped: they describe the node, not the service), the front
               service's success rate and latency percentiles, and the per-call latency medians
               (source_50/destination_50: the column `caller_callee` becomes a metric of the callee,
               `calls.from_<caller>.p50_at_source|_at_destination`; at the source, the caller timed it:
               `measured_by` names the caller);
  spans.csv    the traces of the window when the dataset has them (trace/HH_MM_trace.csv), pod mapped
               to its service;
  dependencies.csv  the dataset's service graph (metric/dependency.csv), every edge soft, in every
               bundle: the traces never show checkoutservice's calls to currencyservice (its
               ConvertCurrency spans have no child), so a graph derived from them lacks that edge;
               a given graph takes precedence over one derived from spans;
  events.csv   the error and warning log lines of the window when the dataset has them
               (log/HH_MM_log.csv), entity = the service.
Files the dataset lacks (large log/trace files are missing from some copies) are skipped; the
summary says how many bundles had traces and logs.

With --run, each bundle is analysed (`hindsight analyze <bundle> -f json`); the ranked services are
the subjects of the hypotheses that are not refuted, in report order, each service once. A fault is
a top-k hit when the labelled pod's service is among the first k. Results per day and overall.
"""
import argparse
import csv
import datetime as dt
import glob
import json
import os
import re
import subprocess
import sys

DAYS = ("2022-08-22", "2022-08-23")
NODE_COLUMNS = {"NodeCpuUsageRate(%)", "NodeMemoryUsageRate(%)", "NodeNetworkReceiveBytes"}
POD_SUFFIX = re.compile(r"-[0-9a-f]{8,10}-[0-9a-z]{5}$")

csv.field_size_limit(1 << 30)


def service_of(pod):
    return POD_SUFFIX.sub("", pod)


def metric_name(column):
    name = re.sub(r"\(.*?\)", "", column)
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
    return "pod." + name


def number(text):
    """The cell as a finite number, or None (the exports hold NaN and empty cells where a sample is missing)."""
    try:
        v = float(text)
    except (TypeError, ValueError):
        return None
    return v if v == v and v not in (float("inf"), float("-inf")) else None


def iso(epoch_seconds):
    return dt.datetime.fromtimestamp(epoch_seconds, dt.timezone.utc).isoformat().replace("+00:00", "Z")


def iso_nanos(nanos):
    seconds, rest = divmod(int(nanos), 1_000_000_000)
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + ".%06dZ" % (rest // 1000)


def faults(nezha, day):
    with open(os.path.join(nezha, "rca_data", day, day + "-fault_list.json")) as f:
        listed = json.load(f)
    out = []
    for hour in sorted(listed):
        for fault in listed[hour]:
            out.append(fault)
    return out


def write_metrics(day_dir, start, end, out, shift_calls=0, shift_pods=0):
    rows = 0
    with open(os.path.join(out, "metrics.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["timestamp", "entity", "metric", "value", "pod", "measured_by"])
        for path in sorted(glob.glob(os.path.join(day_dir, "metric", "*_metric.csv"))):
            with open(path, newline="") as m:
                for r in csv.DictReader(m):
                    t = int(r["TimeStamp"])
                    if not start <= t <= end:
                        continue
                    pod = r["PodName"]
                    for col, value in r.items():
                        if col in ("Time", "TimeStamp", "PodName") or col in NODE_COLUMNS or number(value) is None:
                            continue
                        w.writerow([iso(t + shift_pods), service_of(pod), metric_name(col), value, pod, ""])
                        rows += 1
        front = os.path.join(day_dir, "metric", "front_service.csv")
        if os.path.exists(front):
            with open(front, newline="") as m:
                for r in csv.DictReader(m):
                    t = int(r["TimeStamp"])
                    if not start <= t <= end:
                        continue
                    for col, value in r.items():
                        if col in ("Time", "TimeStamp", "ServiceName") or number(value) is None:
                            continue
                        w.writerow([iso(t), "frontend", "service." + metric_name(col)[4:], value, "", ""])
                        rows += 1
        for side in ("source", "destination"):
            path = os.path.join(day_dir, "metric", side + "_50.csv")
            if not os.path.exists(path):
                continue
            with open(path, newline="") as m:
                for r in csv.DictReader(m):
                    t = int(r["timestamp"])
                    if not start <= t <= end:
                        continue
                    for col, value in r.items():
                        if col in ("time", "timestamp") or "_" not in col or number(value) is None:
                            continue
                        caller, callee = col.split("_", 1)
                        # timed at the source: the caller's view of the callee (measured_by); at the destination:
                        # the callee's own
                        w.writerow([iso(t + shift_calls), callee, "calls.from_%s.p50_at_%s" % (caller, side), value, "",
                                    caller if side == "source" else ""])
                        rows += 1
    return rows


def minutes(start, end):
    t = start - start % 60
    while t <= end:
        yield dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%H_%M")
        t += 60


def write_spans(day_dir, start, end, out):
    rows = 0
    path_out = os.path.join(out, "spans.csv")
    w = None
    f = None
    for hm in minutes(start, end):
        path = os.path.join(day_dir, "trace", hm + "_trace.csv")
        if not os.path.exists(path):
            continue
        with open(path, newline="") as t:
            for r in csv.DictReader(t):
                begin = int(r["StartTimeUnixNano"])
                if not start <= begin // 1_000_000_000 <= end:
                    continue
                if w is None:
                    f = open(path_out, "w", newline="")
                    w = csv.writer(f)
                    w.writerow(["timestamp", "trace_id", "span_id", "parent_span_id", "service", "operation",
                                "duration_ms", "status", "entity"])
                duration_ms = (int(r["EndTimeUnixNano"]) - begin) / 1e6
                w.writerow([iso_nanos(begin), r["TraceID"], r["SpanID"], r["ParentID"], service_of(r["PodName"]),
                            r["OperationName"], "%.3f" % duration_ms, "", r["PodName"]])
                rows += 1
    if f:
        f.close()
    return rows


SEVERITY = re.compile(r'severity\\?"?:\s*\\?"(\w+)|"level\\?"?:\s*\\?"(\w+)|\b(ERROR|WARN|WARNING|FATAL|error|warn|warning)\b')


def write_logs(day_dir, start, end, out):
    rows = 0
    w = None
    f = None
    for hm in minutes(start, end):
        path = os.path.join(day_dir, "log", hm + "_log.csv")
        if not os.path.exists(path):
            continue
        with open(path, newline="") as t:
            for r in csv.DictReader(t):
                seconds = int(r["TimeUnixNano"]) // 1_000_000_000
                if not start <= seconds <= end:
                    continue
                text = r["Log"]
                m = SEVERITY.search(text)
                level = next((g for g in m.groups() if g), "").lower() if m else ""
                if level.startswith("warn"):
                    level = "warning"
                if level not in ("error", "warning", "fatal", "critical"):
                    continue
                try:
                    inner = json.loads(text).get("log", text)
                    message = json.loads(inner).get("message", inner) if inner.startswith("{") else inner
                except (ValueError, AttributeError):
                    message = text
                if w is None:
                    f = open(os.path.join(out, "events.csv"), "w", newline="")
                    w = csv.writer(f)
                    w.writerow(["timestamp", "source", "type", "entity", "message", "severity"])
                w.writerow([iso_nanos(r["TimeUnixNano"]), r["PodName"], "log." + level, service_of(r["PodName"]),
                            str(message).strip()[:2000], level])
                rows += 1
    if f:
        f.close()
    return rows


def write_dependencies(day_dir, out):
    with open(os.path.join(day_dir, "metric", "dependency.csv"), newline="") as d, \
            open(os.path.join(out, "dependencies.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["service", "depends_on", "kind"])
        for r in csv.DictReader(d):
            if re.match(r"^\d+\.\d+\.\d+\.\d+$", r["Target"]):
                continue  # the node a service runs on, not a service
            w.writerow([r["Source"], r["Target"], "soft"])


def convert(nezha, out, before, after, days=DAYS, shift_calls=0, shift_pods=0):
    labels = []
    for day in days:
        day_dir = os.path.join(nezha, "rca_data", day)
        for fault in faults(nezha, day):
            t = int(fault["inject_timestamp"])
            name = "%s-%s-%s" % (fault["inject_time"].replace(" ", "T").replace(":", ""), service_of(fault["inject_pod"]),
                                 fault["inject_type"])
            bundle = os.path.join(out, day, name)
            os.makedirs(bundle, exist_ok=True)
            for old in glob.glob(os.path.join(bundle, "*.csv")):
                os.remove(old)
            start, end = t - before * 60, t + after * 60
            write_metrics(day_dir, start, end, bundle, shift_calls, shift_pods)
            spans = write_spans(day_dir, start, end, bundle)
            write_dependencies(day_dir, bundle)
            logs = write_logs(day_dir, start, end, bundle)
            labels.append({"day": day, "bundle": bundle, "service": service_of(fault["inject_pod"]),
                           "pod": fault["inject_pod"], "type": fault["inject_type"], "time": fault["inject_time"],
                           "spans": spans, "logs": logs})
    with open(os.path.join(out, "labels.json"), "w") as f:
        json.dump(labels, f, indent=1)
    return labels


def ranked_services(report):
    out = []
    for h in report.get("hypotheses", []):
        if h.get("verdict") == "refuted":
            continue
        subject = h.get("subject", "")
        if subject and subject not in out:
            out.append(subject)
    return out


def run(labels, hindsight):
    results = []
    for label in labels:
        proc = subprocess.run([hindsight, "analyze", label["bundle"], "-f", "json"], capture_output=True, text=True)
        if proc.returncode not in (0,):
            print("%s: exit %d: %s" % (label["bundle"], proc.returncode, proc.stderr.strip()[:300]), file=sys.stderr)
            ranked = []
        else:
            ranked = ranked_services(json.loads(proc.stdout))
        results.append(dict(label, ranked=ranked[:5]))
        hit = "top1" if ranked[:1] == [label["service"]] else ("top3" if label["service"] in ranked[:3] else "miss")
        print("%-5s %s %-22s %-15s -> %s" % (hit, label["time"], label["service"], label["type"], ", ".join(ranked[:3])), flush=True)
    return results


def summarise(results):
    lines = []
    for scope in DAYS + ("both",):
        rs = [r for r in results if scope == "both" or r["day"] == scope]
        if not rs:
            continue
        top1 = sum(1 for r in rs if r["ranked"][:1] == [r["service"]])
        top3 = sum(1 for r in rs if r["service"] in r["ranked"][:3])
        lines.append("%-10s faults %2d  top-1 %2d (%.1f %%)  top-3 %2d (%.1f %%)  with spans %d, with logs %d" % (
            scope, len(rs), top1, 100.0 * top1 / len(rs), top3, 100.0 * top3 / len(rs),
            sum(1 for r in rs if r["spans"]), sum(1 for r in rs if r["logs"])))
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--nezha", required=True, help="a checkout of github.com/IntelligentDDS/Nezha (needs rca_data/)")
    p.add_argument("--out", required=True, help="where to write the bundles (outside the repository)")
    p.add_argument("--before", type=int, default=6, help="minutes before the inject time (default 6)")
    p.add_argument("--after", type=int, default=6, help="minutes after the inject time (default 6)")
    p.add_argument("--run", action="store_true", help="analyse every bundle and report top-1/top-3")
    p.add_argument("--reuse", action="store_true", help="analyse the bundles already in --out (labels.json) without converting again")
    p.add_argument("--day", choices=DAYS, help="only this day")
    p.add_argument("--shift-calls", type=int, default=0, metavar="SECONDS",
                   help="perturbation: stamp the per-call medians this many seconds later (negative: earlier); the "
                        "dataset's exporters already stamp one round a second or so apart, so a result that moves "
                        "with it hangs on that second")
    p.add_argument("--shift-pods", type=int, default=0, metavar="SECONDS",
                   help="perturbation: stamp the pod metrics this many seconds later (negative: earlier), the second "
                        "robustness check beside --shift-calls")
    p.add_argument("--hindsight", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hindsight"))
    a = p.parse_args()
    if not os.path.isdir(os.path.join(a.nezha, "rca_data", DAYS[0])):
        sys.exit("%s has no rca_data/%s: clone https://github.com/IntelligentDDS/Nezha there first" % (a.nezha, DAYS[0]))
    if a.reuse:
        with open(os.path.join(a.out, "labels.json")) as f:
            labels = json.load(f)
    else:
        labels = convert(a.nezha, a.out, a.before, a.after, (a.day,) if a.day else DAYS, a.shift_calls, a.shift_pods)
        print("converted %d faults into %s" % (len(labels), a.out))
    if a.day:
        labels = [label for label in labels if label["day"] == a.day]
    if a.run:
        results = run(labels, a.hindsight)
        with open(os.path.join(a.out, "results.json"), "w") as f:
            json.dump(results, f, indent=1)
        print(summarise(results))


if __name__ == "__main__":
    main()
