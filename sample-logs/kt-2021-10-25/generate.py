#!/usr/bin/env python3
"""Regenerates the KT 2021-10-25 reconstruction (deterministic: fixed seed).

    python3 generate.py      # writes the CSV files beside this script

See README.md for what is taken from the public record and what is assumed.
"""
import csv, os, random
from collections import deque
from datetime import datetime, timedelta, timezone

KST = timezone(timedelta(hours=9))
rnd = random.Random(20211025)
HERE = os.path.dirname(os.path.abspath(__file__))


def ts(t):
    return t.isoformat(timespec="seconds")


def at(hh, mm, ss=0, day=25):
    return datetime(2021, 10, day, hh, mm, ss, tzinfo=KST)


# --- topology: one flat IS-IS level-2 domain across the country -------------------------------
CORES = {"seoul": ["seoul-hyehwa-cr1", "seoul-guro-cr1"], "daejeon": ["daejeon-cr1"], "busan": ["busan-cr1", "busan-cr2"],
         "daegu": ["daegu-cr1"], "gwangju": ["gwangju-cr1"]}
REGIONS = {  # city -> core city it hangs off
    "seoul": "seoul", "incheon": "seoul", "suwon": "seoul", "seongnam": "seoul", "chuncheon": "seoul", "gangneung": "seoul",
    "cheongju": "daejeon", "daejeon": "daejeon", "jeonju": "gwangju", "gwangju": "gwangju", "mokpo": "gwangju", "jeju": "gwangju",
    "daegu": "daegu", "pohang": "daegu", "ulsan": "busan", "changwon": "busan", "busan": "busan"}
routers, links, inventory = [], [], []


def add_router(name, city, role, platform):
    routers.append(name)
    inventory.append(dict(entity=name, type="router", site=city, service="backbone", role=role, platform=platform,
                          location=f"KT {city.capitalize()} exchange", parent=""))


for city, crs in CORES.items():
    for r in crs:
        add_router(r, city, "core", "iosxr")
core_list = [r for crs in CORES.values() for r in crs]
# core mesh: seoul pair to everything, plus a southern ring
for a, b in [("seoul-hyehwa-cr1", "seoul-guro-cr1")]:
    links.append((a, b, 1))
for r in core_list:
    if not r.startswith("seoul"):
        links.append(("seoul-hyehwa-cr1", r, rnd.randint(3, 8)))
        links.append(("seoul-guro-cr1", r, rnd.randint(3, 8)))
for a, b in [("busan-cr1", "busan-cr2"), ("busan-cr1", "daegu-cr1"), ("busan-cr2", "gwangju-cr1"), ("daejeon-cr1", "daegu-cr1"),
             ("daejeon-cr1", "gwangju-cr1")]:
    links.append((a, b, rnd.randint(2, 5)))
for city, hub in REGIONS.items():
    aggs = [f"{city}-agg-r1", f"{city}-agg-r2"] if city in ("seoul", "busan", "daegu", "daejeon", "gwangju") else [f"{city}-agg-r1"]
    for a in aggs:
        add_router(a, city, "aggregation", "ios-xe")
        for c in CORES[hub]:
            links.append((a, c, rnd.randint(1, 6)))
    ents = [f"{city}-ent-r1", f"{city}-ent-r2"] if city in ("seoul", "busan", "daegu") else [f"{city}-ent-r1"]
    for e in ents:
        add_router(e, city, "enterprise-pe", "ios-xe")
        for a in aggs:
            links.append((e, a, 1))

LEAKER = "busan-ent-r2"
dns = ["dns-hyehwa-01", "dns-hyehwa-02", "dns-guro-01", "dns-busan-01", "dns-daejeon-01", "dns-gwangju-01"]
for d in dns:
    city = {"hyehwa": "seoul", "guro": "seoul"}.get(d.split("-")[1], d.split("-")[1])
    inventory.append(dict(entity=d, type="server", site=city, service="dns", role="primary", platform="", location=f"KT {city.capitalize()} IDC", parent=""))

adj = {r: [] for r in routers}
for a, b, l in links:
    adj[a].append((b, l))
    adj[b].append((a, l))
hops = {LEAKER: 0}
q = deque([LEAKER])
while q:
    u = q.popleft()
    for v, _ in adj[u]:
        if v not in hops:
            hops[v] = hops[u] + 1
            q.append(v)

# --- the incident ------------------------------------------------------------------------------
T_LEAK = at(11, 16, 2)
T_FIX = at(12, 5, 40)
T_END = at(12, 45, 0)
LEAKED = 431_862
baseline = {r: rnd.randint(9_950, 10_180) for r in routers}
arrival = {r: T_LEAK + timedelta(seconds=hops[r] * 2.4 + rnd.uniform(0.3, 1.5)) for r in routers}
arrival[LEAKER] = T_LEAK + timedelta(seconds=1)
recover = {r: T_FIX + timedelta(seconds=40 + hops[r] * 15 + rnd.randint(0, 90)) for r in routers}

rows_cmd = []


def session(device, sid, user, start, lines, gap=(4, 20)):
    t = start
    for line in lines:
        cmd, result = (line if isinstance(line, tuple) else (line, ""))
        rows_cmd.append(dict(timestamp=ts(t), device=device, session=sid, user=user, command=cmd, result=result))
        t += timedelta(seconds=rnd.randint(*gap))
    return t


OK = "ok"
# a correct VRF OSPF change on a sibling PE the night before, inside its window
session("daegu-ent-r1", "tty2-4411", "kt-ops-park", at(2, 10, 5, day=24), [
    ("configure terminal", OK), ("vrf definition BIZNET", OK), (" rd 4766:5300", OK), (" address-family ipv4", OK),
    ("  route-target export 4766:5000", OK), ("  route-target import 4766:5000", OK), (" exit-address-family", OK), ("exit", OK),
    ("router ospf 100 vrf BIZNET", OK), (" redistribute bgp 4766", OK), (" network 10.53.128.0 0.0.31.255 area 0", OK),
    ("exit", OK), ("end", OK), ("write memory", OK)])
# benign in-window work early on the 25th
session("jeonju-ent-r1", "tty1-2290", "kt-ops-lee", at(3, 20, 11), [
    ("configure terminal", OK), ("interface GigabitEthernet0/0/2", OK), (" isis metric 20 level-2", OK), ("exit", OK),
    ("end", OK), ("write memory", OK)])
# the replacement, done in daytime by the partner crew (approved window was 01:00-06:00)
start = at(10, 41, 12)
pre = [("configure terminal", OK), ("hostname busan-ent-r2", OK)]
for i, (ifname, addr) in enumerate([("TenGigabitEthernet0/1/0", "10.255.51.21 255.255.255.252"),
                                    ("TenGigabitEthernet0/1/1", "10.255.51.25 255.255.255.252"),
                                    ("Loopback0", "10.255.0.52 255.255.255.255")]):
    pre += [(f"interface {ifname}", OK), (f" description {'to busan-agg-r' + str(i + 1) if i < 2 else 'router-id'}", OK),
            (f" ip address {addr}", OK)]
    if i < 2:
        pre += [(" ip router isis KT-CORE", OK), (" isis network point-to-point", OK), (" no shutdown", OK)]
    pre.append(("exit", OK))
pre += [("router bgp 4766", OK), (" bgp router-id 10.255.0.52", OK), (" neighbor 10.255.0.1 remote-as 4766", OK),
        (" neighbor 10.255.0.1 update-source Loopback0", OK), (" neighbor 10.255.0.2 remote-as 4766", OK),
        (" neighbor 10.255.0.2 update-source Loopback0", OK), (" address-family vpnv4", OK), ("  neighbor 10.255.0.1 activate", OK),
        ("  neighbor 10.255.0.2 activate", OK), (" exit-address-family", OK), ("exit", OK)]
t = session(LEAKER, "vty0-7781", "partner-crew07", start, pre, gap=(15, 70))
isis = [("router isis KT-CORE", OK), (" net 49.0051.0102.5500.0052.00", OK), (" is-type level-2-only", OK),
        (" metric-style wide", OK), (" passive-interface Loopback0", OK), (" log-adjacency-changes", OK)]
# ... the `exit` that belonged here was never typed
t = session(LEAKER, "vty0-7781", "partner-crew07", T_LEAK - timedelta(seconds=96), isis, gap=(8, 14))
leak = [("router ospf 100 vrf BIZNET", "% VRF BIZNET not configured"), (" redistribute bgp 4766", OK),
        (" network 10.51.128.0 0.0.31.255 area 0", "% Invalid input detected at '^' marker.")]
rows_cmd.append(dict(timestamp=ts(T_LEAK - timedelta(seconds=9)), device=LEAKER, session="vty0-7781", user="partner-crew07", command=leak[0][0], result=leak[0][1]))
rows_cmd.append(dict(timestamp=ts(T_LEAK), device=LEAKER, session="vty0-7781", user="partner-crew07", command=leak[1][0], result=leak[1][1]))
rows_cmd.append(dict(timestamp=ts(T_LEAK + timedelta(seconds=7)), device=LEAKER, session="vty0-7781", user="partner-crew07", command=leak[2][0], result=leak[2][1]))
session(LEAKER, "vty0-7781", "partner-crew07", T_LEAK + timedelta(seconds=31), [
    ("vrf definition BIZNET", OK), (" rd 4766:5100", OK), (" address-family ipv4", OK), ("  route-target export 4766:5000", OK),
    ("  route-target import 4766:5000", OK), (" exit-address-family", OK), ("exit", OK),
    ("router ospf 100 vrf BIZNET", OK), (" redistribute bgp 4766", OK), (" network 10.51.128.0 0.0.31.255 area 0", OK), ("exit", OK),
    ("end", OK), ("write memory", OK)], gap=(9, 25))
# the NOC removes the leak
session(LEAKER, "vty1-0193", "kt-noc-choi", T_FIX - timedelta(seconds=40), [
    ("configure terminal", OK), ("router isis KT-CORE", OK), (" no redistribute bgp 4766", OK), ("exit", OK), ("end", OK),
    ("write memory", OK)], gap=(6, 12))
# unrelated daytime noise sessions
session("seoul-hyehwa-agg-r1" if False else "seoul-agg-r2", "vty3-5502", "kt-ops-jung", at(9, 12, 40), [
    ("configure terminal", OK), ("interface TenGigabitEthernet0/2/3", OK), (" description to seoul-ent-r2 (new circuit 2110-8841)", OK),
    ("exit", OK), ("end", OK)])
session("gwangju-agg-r1", "vty0-1138", "kt-ops-yoon", at(10, 5, 3), [
    ("configure terminal", OK), ("ntp server 10.200.0.11", OK), ("logging host 10.200.1.40", OK), ("end", OK), ("write memory", OK)])
session("seoul-guro-cr1", "vty0-88", "kt-noc-choi", at(11, 34, 20), [
    ("show isis database summary", OK), ("show processes cpu", OK)])
rows_cmd.sort(key=lambda r: r["timestamp"])

# --- metrics ------------------------------------------------------------------------------------
rows_m = []
t0, t1 = at(10, 30), at(13, 30)


def frange(step):
    t = t0
    while t <= t1:
        yield t
        t += timedelta(seconds=step)


for r in routers:
    base = baseline[r]
    for t in frange(10):
        v = base + rnd.randint(-6, 6)
        if arrival[r] <= t < recover[r]:
            v = base + LEAKED + rnd.randint(-900, 900)
            if t > arrival[r] + timedelta(minutes=2) and rnd.random() < 0.12:
                v = base + int(LEAKED * rnd.uniform(0.35, 0.9))  # adjacency flaps purge part of the LSDB
        elif recover[r] <= t < recover[r] + timedelta(seconds=40):
            v = base + LEAKED // 3
        rows_m.append(dict(timestamp=ts(t), entity=r, metric="igp.routes", value=v))
    for t in frange(30):
        v = rnd.uniform(12, 34)
        if arrival[r] + timedelta(seconds=4) <= t < recover[r] + timedelta(seconds=60):
            v = rnd.uniform(96, 100)
        rows_m.append(dict(timestamp=ts(t), entity=r, metric="cpu.util", value=round(v, 1)))
for d in dns:
    for t in frange(30):
        rate = rnd.uniform(38_000, 44_000)
        cpu = rnd.uniform(20, 35)
        if at(11, 16, 50) <= t < T_END:
            rate *= rnd.uniform(3.6, 4.4)  # clients retrying while paths flap ("traffic about 4x")
            cpu = rnd.uniform(80, 97)
        rows_m.append(dict(timestamp=ts(t), entity=d, metric="requests.rate", value=round(rate)))
        rows_m.append(dict(timestamp=ts(t), entity=d, metric="cpu.util", value=round(cpu, 1)))
rows_m.sort(key=lambda r: (r["timestamp"], r["entity"], r["metric"]))

# --- events ------------------------------------------------------------------------------------
ev = []


def event(t, source, typ, entity, message, severity="info"):
    ev.append(dict(timestamp=ts(t), source=source, type=typ, entity=entity, message=message, severity=severity))


# background noise during the morning
for i in range(420):
    t = t0 + timedelta(seconds=rnd.randint(0, 3 * 3600))
    r = rnd.choice(routers)
    kind = rnd.random()
    if kind < 0.5:
        event(t, "syslog", "auth.login", r, f"%SEC_LOGIN-5-LOGIN_SUCCESS: user kt-mon from 10.200.3.{rnd.randint(2, 250)}")
    elif kind < 0.8:
        event(t, "syslog", "snmp.poll", r, "SNMP poll completed")
    else:
        event(t, "syslog", "ntp.sync", r, "%NTP-6-PEERSYNC: synchronized to 10.200.0.11")
event(at(10, 48, 12), "syslog", "adjacency.down", "mokpo-agg-r1", "%CLNS-5-ADJCHANGE: ISIS: Adjacency to gwangju-cr1 (Te0/1/0) Down, interface flap", "warning")
event(at(10, 48, 40), "syslog", "adjacency.up", "mokpo-agg-r1", "%CLNS-5-ADJCHANGE: ISIS: Adjacency to gwangju-cr1 (Te0/1/0) Up, new adjacency")
event(at(10, 41, 30), "syslog", "config.session", LEAKER, "partner-crew07 logged in on vty0 (replacement chassis, on-site)")
# the incident as the network logged it
for r in routers:
    if r == LEAKER:
        continue
    if rnd.random() < 0.9:
        nb = rnd.choice(adj[r])[0]
        down = arrival[r] + timedelta(seconds=rnd.randint(22, 70))
        event(down, "syslog", "adjacency.down", r, f"%CLNS-5-ADJCHANGE: ISIS: Adjacency to {nb} Down, hold time expired", "error")
        event(recover[r] + timedelta(seconds=rnd.randint(20, 120)), "syslog", "adjacency.up", r, f"%CLNS-5-ADJCHANGE: ISIS: Adjacency to {nb} Up, new adjacency")
    event(arrival[r] + timedelta(seconds=rnd.randint(3, 9)), "syslog", "cpu.hog", r, "%SYS-3-CPUHOG: task IS-IS Update ran for 5012 ms", "warning")
event(at(11, 17, 5), "dns-monitor", "service.degraded", "dns", "query rate 4x normal, SERVFAIL rising", "error")
for city in sorted(REGIONS):
    down = at(11, 16, 30) + timedelta(seconds=rnd.randint(0, 40))
    event(down, "nms", "service.down", f"internet-{city}", "customer internet and VoIP unreachable", "critical")
event(at(11, 20, 0), "noc", "incident.declared", "kt-backbone", "nationwide wired/wireless internet outage recognised; DDoS suspected", "critical")
event(at(11, 56, 0), "msit", "alert", "kt-backbone", "information-communication accident crisis warning 'caution' issued", "warning")
event(at(12, 2, 0), "noc", "incident.update", "kt-backbone", "cause narrowed to routing; IS-IS database flooded from Busan", "warning")
for i, city in enumerate(sorted(REGIONS)):
    up = at(12, 12, 0) + timedelta(minutes=int(33 * (i + 1) / len(REGIONS)))
    event(up, "nms", "service.up", f"internet-{city}", "customer services restored")
event(T_END, "noc", "incident.resolved", "kt-backbone", "all regions restored (89 min)", "info")
event(at(12, 45, 0), "dns-monitor", "service.up", "dns", "query rate back to normal")
ev.sort(key=lambda r: r["timestamp"])

changes = [
    dict(ticket="CHG-20211025-0117", summary="Busan enterprise network router replacement: busan-ent-r2 chassis swap, IS-IS and VRF OSPF migration",
         service="backbone", scope=LEAKER, max_hosts=1, window_start=ts(at(1, 0)), window_end=ts(at(6, 0)), approved_by="network-ops-manager"),
    dict(ticket="CHG-20211024-0093", summary="daegu-ent-r1: add BIZNET VRF OSPF for enterprise customers", service="backbone",
         scope="daegu-ent-r1", max_hosts=1, window_start=ts(at(1, 0, day=24)), window_end=ts(at(6, 0, day=24)), approved_by="network-ops-manager"),
    dict(ticket="CHG-20211025-0101", summary="jeonju-ent-r1 IS-IS metric tuning on Gi0/0/2", service="backbone", scope="jeonju-ent-r1",
         max_hosts=1, window_start=ts(at(1, 0)), window_end=ts(at(6, 0)), approved_by="network-ops-manager"),
]


def write(name, rows, cols):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


write("config-commands.csv", rows_cmd, ["timestamp", "device", "session", "user", "command", "result"])
write("metrics.csv", rows_m, ["timestamp", "entity", "metric", "value"])
write("events.csv", ev, ["timestamp", "source", "type", "entity", "message", "severity"])
write("inventory.csv", inventory, ["entity", "type", "site", "service", "role", "platform", "location", "parent"])
write("links.csv", [dict(a=a, b=b, protocol="isis", latency_ms=l) for a, b, l in links], ["a", "b", "protocol", "latency_ms"])
write("changes.csv", changes, ["ticket", "summary", "service", "scope", "max_hosts", "window_start", "window_end", "approved_by"])
print(f"{len(routers)} routers, {len(links)} links, max hops {max(hops.values())}, spread {max((arrival[r] - T_LEAK).total_seconds() for r in routers):.0f} s, "
      f"{len(rows_cmd)} commands, {len(rows_m)} metric rows, {len(ev)} events")
