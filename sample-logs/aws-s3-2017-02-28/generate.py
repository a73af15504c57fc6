#!/usr/bin/env python3
"""Regenerates the S3 2017-02-28 reconstruction (deterministic). Run from this folder."""
import csv, random
from datetime import datetime, timedelta, timezone

random.seed(20170228)
PST = timezone(timedelta(hours=-8))
DAY = datetime(2017, 2, 28, tzinfo=PST)
def at(h, m, s=0): return DAY + timedelta(hours=h, minutes=m, seconds=s)
def ts(t): return t.isoformat()
AZS = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"]

def write(name, header, rows):
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)

# Inventory: one shared metadata pool hosts three subsystems; storage and front ends beside it.
inv = []
for i in range(1, 161):
    svc = "index" if i <= 100 else "placement" if i <= 140 else "billing"
    inv.append([f"s3use1-meta-{i:03d}", "server", AZS[i % 4], svc, "primary", f"iad{i % 4 + 1}-meta-pool"])
for i in range(1, 401):
    inv.append([f"s3use1-stor-{i:04d}", "server", AZS[i % 4], "storage", "primary", f"iad{i % 4 + 1}-storage"])
for i in range(1, 61):
    inv.append([f"s3use1-web-{i:03d}", "server", AZS[i % 4], "s3-frontend", "primary", f"iad{i % 4 + 1}-edge"])
for i in range(1, 5):
    inv.append([f"s3use1-meta-bak-{i}", "backup", AZS[i % 4], "index", "backup", "iad-backup"])
write("inventory.csv", ["entity", "type", "site", "service", "role", "location"], inv)

# restart_minutes are runbook estimates an operator would have had before the event (assumed: the
# record only says the restarts took longer than expected), never the observed recovery: the replay
# predicts recovery from them and the validation scores the prediction against the logged one.
write("services.csv", ["service", "min_hosts", "critical", "restart_minutes"], [
    ["index", 70, "true", 120], ["placement", 28, "true", 60], ["billing", 12, "false", 20],
    ["storage", 300, "true", 60], ["s3-frontend", 40, "true", 10],
    ["s3-get-api", "", "true", ""], ["s3-list-api", "", "true", ""], ["s3-delete-api", "", "true", ""],
    ["s3-put-api", "", "true", ""], ["s3-console", "", "false", ""], ["ec2-launch", "", "true", ""],
    ["ebs-snapshot-restore", "", "false", ""], ["lambda", "", "true", ""], ["aws-health-dashboard", "", "false", ""],
])
deps = [
    ["placement", "index", "hard"],
    ["s3-get-api", "index", "hard"], ["s3-list-api", "index", "hard"], ["s3-delete-api", "index", "hard"],
    ["s3-put-api", "index", "hard"], ["s3-put-api", "placement", "hard"],
    ["s3-get-api", "storage", "hard"], ["s3-put-api", "storage", "hard"],
    ["s3-get-api", "s3-frontend", "hard"], ["s3-put-api", "s3-frontend", "hard"],
    ["s3-list-api", "s3-frontend", "hard"], ["s3-delete-api", "s3-frontend", "hard"],
    ["s3-console", "s3-list-api", "hard"], ["ec2-launch", "s3-get-api", "hard"],
    ["ebs-snapshot-restore", "s3-get-api", "hard"], ["lambda", "s3-get-api", "hard"],
    ["aws-health-dashboard", "s3-get-api", "hard"], ["billing", "s3-list-api", "soft"],
]
write("dependencies.csv", ["service", "depends_on", "kind"], deps)

write("changes.csv", ["ticket", "summary", "service", "scope", "max_hosts", "window_start", "window_end", "approved_by"], [
    ["S3-OPS-4412", "Billing progressing slowly: remove 4 servers of the billing subsystem (playbook BILL-7 step 3)",
     "billing", "s3use1-meta-[141-144]", 4, ts(at(9, 0)), ts(at(11, 0)), "s3-oncall-lead"],
    ["S3-OPS-4398", "Replace failed disk on storage node", "storage", "s3use1-stor-0117", 1, ts(at(7, 0)), ts(at(9, 0)), "s3-oncall-lead"],
])

ops = [
    [ts(at(7, 42)), "s3-eng-kw", "fleetctl drain s3use1-stor-0117 --reason 'disk replacement'", "S3-OPS-4398", "ok"],
    [ts(at(8, 12, 5)), "s3-eng-mb", "s3-capacity list --subsystem billing", "", "ok"],
    [ts(at(8, 55, 31)), "s3-eng-mb", "ssh s3use1-meta-141 'sudo systemctl status billing-agent'", "", "ok"],
    [ts(at(9, 20, 14)), "s3-eng-mb", "s3-capacity status --subsystem billing --verbose", "", "ok"],
    [ts(at(9, 37)), "s3-eng-mb",
     "s3-capacity remove-capacity --subsystem billing --hosts s3use1-meta-[14-144] --reason 'billing slow; playbook BILL-7 step 3'",
     "S3-OPS-4412", "ok"],
    [ts(at(9, 51, 2)), "s3-eng-mb", "s3-capacity status --subsystem index", "", "ok"],
    [ts(at(10, 2, 40)), "s3-eng-rt", "s3-capacity add-capacity --subsystem index --hosts s3use1-meta-[014-100]", "S3-OPS-4412", "ok"],
    [ts(at(10, 4, 11)), "s3-eng-rt", "s3-capacity add-capacity --subsystem placement --hosts s3use1-meta-[101-140]", "S3-OPS-4412", "ok"],
]
write("ops-commands.csv", ["timestamp", "operator", "command", "ticket", "result"], ops)

ev = []
def e(t, source, typ, entity, msg, sev="info"): ev.append([ts(t), source, typ, entity, msg, sev])
# Routine noise through the day.
noise_types = [("deploy.finished", "info"), ("autoscale.adjust", "info"), ("health.check", "info"),
               ("cert.rotated", "info"), ("backup.completed", "info"), ("latency.report", "info")]
noise_entities = ["dynamodb-frontend", "sqs-broker", "route53-resolver", "cloudwatch-ingest", "iam-auth", "kinesis-router"]
t = at(5, 0)
while t < at(17, 0):
    typ, sev = random.choice(noise_types)
    ent = random.choice(noise_entities)
    e(t, "ops-bus", typ, ent, f"{typ.split('.')[0]} event for {ent}", sev)
    t += timedelta(seconds=random.randint(40, 200))
e(at(7, 10), "cdn-monitor", "service.degraded", "cdn-edge-ord", "edge POP ord error spike (cache fill)", "warning")
e(at(7, 24), "cdn-monitor", "service.up", "cdn-edge-ord", "edge POP ord recovered")
e(at(7, 43), "fleetctl", "host.drained", "s3use1-stor-0117", "drained for disk replacement")
# The incident.
e(at(9, 37, 38), "s3-monitor", "service.down", "index", "index subsystem below quorum capacity: 13 of 100 servers", "critical")
e(at(9, 37, 41), "s3-monitor", "service.down", "placement", "placement subsystem has no servers", "critical")
e(at(9, 37, 55), "s3-monitor", "service.down", "s3-get-api", "GET requests failing (index unavailable)", "critical")
e(at(9, 37, 56), "s3-monitor", "service.down", "s3-list-api", "LIST requests failing", "critical")
e(at(9, 37, 57), "s3-monitor", "service.down", "s3-delete-api", "DELETE requests failing", "critical")
e(at(9, 37, 58), "s3-monitor", "service.down", "s3-put-api", "PUT requests failing", "critical")
e(at(9, 38, 30), "console-monitor", "service.down", "s3-console", "S3 console cannot list buckets", "error")
e(at(9, 39, 10), "ec2-monitor", "service.degraded", "ec2-launch", "new instance launches failing (AMI reads from S3)", "error")
e(at(9, 39, 40), "ebs-monitor", "service.degraded", "ebs-snapshot-restore", "volumes from S3 snapshots stuck", "error")
e(at(9, 40, 5), "lambda-monitor", "service.degraded", "lambda", "function invocations failing (code in S3)", "error")
e(at(9, 41, 0), "shd", "service.down", "aws-health-dashboard", "dashboard admin console cannot update (assets in S3)", "error")
e(at(9, 52), "pager", "incident.declared", "s3", "SEV1: S3 us-east-1 unavailable", "critical")
e(at(10, 0), "s3-oncall", "recovery.started", "index", "full restart of index subsystem begun (safety checks on metadata)", "warning")
e(at(11, 37), "shd", "service.up", "aws-health-dashboard", "dashboard updated from another region", "info")
e(at(12, 26), "s3-monitor", "service.degraded", "index", "index has enough capacity to serve GET, LIST, DELETE", "warning")
e(at(12, 26, 10), "s3-monitor", "service.up", "s3-get-api", "GET recovered")
e(at(12, 26, 12), "s3-monitor", "service.up", "s3-list-api", "LIST recovered")
e(at(12, 26, 14), "s3-monitor", "service.up", "s3-delete-api", "DELETE recovered")
e(at(12, 30), "console-monitor", "service.up", "s3-console", "console lists buckets again")
e(at(12, 31), "s3-oncall", "recovery.started", "placement", "placement restart begun (index functional)", "warning")
e(at(13, 18), "s3-monitor", "service.up", "index", "index subsystem fully recovered")
e(at(13, 54), "s3-monitor", "service.up", "placement", "placement subsystem recovered")
e(at(13, 54, 20), "s3-monitor", "service.up", "s3-put-api", "PUT recovered")
e(at(13, 40), "ebs-monitor", "service.up", "ebs-snapshot-restore", "snapshot restores completing")
e(at(14, 25), "ec2-monitor", "service.up", "ec2-launch", "launch backlog cleared")
e(at(14, 50), "lambda-monitor", "service.up", "lambda", "invocation backlog cleared")
ev.sort(key=lambda r: r[0])
write("events.csv", ["timestamp", "source", "type", "entity", "message", "severity"], ev)

rows = []
ends = {"s3-get-api": at(12, 26), "s3-list-api": at(12, 26), "s3-put-api": at(13, 54)}
rates = {"s3-get-api": 1_100_000, "s3-list-api": 95_000, "s3-put-api": 310_000}
t = at(7, 0)
while t <= at(15, 0):
    for api, end in ends.items():
        down = at(9, 38) <= t < end
        err = random.uniform(0.93, 0.99) if down else random.uniform(0.0005, 0.004)
        rate = rates[api] * (random.uniform(0.85, 1.1) if not down else random.uniform(0.3, 0.5))
        rows.append([ts(t), api, "http.error_ratio", round(err, 4)])
        rows.append([ts(t), api, "requests.rate", int(rate)])
    if t.minute % 5 == 0:
        for h in range(1, 161, 8):
            host = f"s3use1-meta-{h:03d}"
            removed = 14 <= h <= 144 and at(9, 37) <= t
            if not removed:
                rows.append([ts(t), host, "cpu.util", round(random.uniform(25, 55), 1)])
    t += timedelta(minutes=1)
write("metrics.csv", ["timestamp", "entity", "metric", "value"], rows)
