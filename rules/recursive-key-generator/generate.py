#!/usr/bin/env python3
"""Writes the recursive-key-generator sample and fixtures (Python 3, standard library only).

A forward model of an edge: data centres of servers of HTTP processes; a request with valid and
invalid cookies that matches a rule whose key-generator chain loops poisons the process that
receives it (CPU pinned) until the process is restarted.

Two ways to run the edge around that mechanism:
- the fixtures use `Edge`, whose placement rules are the Java replay's (EdgeModel): a per-DC load
  balancer that avoids busy servers (half or more of their processes poisoned) and a data centre
  with 40 % or more of its processes poisoned shifted to the least poisoned one. Fixtures test the
  rules and the replay's mechanics, so sharing the model is deliberate there;
- the Cloudflare sample uses `OperatedEdge`, a process the replay does not share, so the replay is
  scored against symptoms it did not make: load balancers find stuck servers by health checks (a
  server is taken out 20-40 s after half its processes stick, and put back once restarted), and the
  traffic manager moves a data centre's traffic when a quarter of its requests in the last minute
  failed, to the data centre with the fewest failures, and moves it back once restarts leave fewer
  than a tenth of its processes stuck.

Run: python3 rules/recursive-key-generator/generate.py (from the repo root).
"""
import csv, json, math, os, random
from datetime import datetime, timedelta, timezone

BUSY_SERVER = 0.5
SHIFT_DC = 0.4


def ts(t):
    return t.strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (t.microsecond // 1000)


def write(folder, name, header, rows):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)


class Edge:
    def __init__(s, dcs, servers, procs, prefix=''):
        s.dcs = sorted(dcs)
        s.servers = {d: ['%s-%s%02d' % (d, prefix or 's', i + 1) for i in range(servers)] for d in s.dcs}
        s.procs = {sv: ['%s-fl%d' % (sv, j + 1) for j in range(procs)] for d in s.dcs for sv in s.servers[d]}
        s.poisoned = {}  # process -> onset
        s.shifted = {}  # dc -> target

    def dc_share(s, d):
        ps = [p for sv in s.servers[d] for p in s.procs[sv]]
        return sum(1 for p in ps if p in s.poisoned) / len(ps)

    def server_busy(s, sv):
        return sum(1 for p in s.procs[sv] if p in s.poisoned) >= BUSY_SERVER * len(s.procs[sv])

    def least_busy(s, d):
        return min(s.servers[d], key=lambda sv: (sum(1 for p in s.procs[sv] if p in s.poisoned), sv))

    def place(s, d, rnd, t=None):
        dc = s.shifted.get(d, d)
        free = [sv for sv in s.servers[dc] if not s.server_busy(sv)]
        sv = rnd.choice(free) if free else s.least_busy(dc)
        return dc, sv, rnd.choice(s.procs[sv])

    def error_share(s, d):
        if d in s.shifted:
            return 0.0
        svs = [sv for sv in s.servers[d] if not s.server_busy(sv)] or [s.least_busy(d)]
        ps = [p for sv in svs for p in s.procs[sv]]
        return sum(1 for p in ps if p in s.poisoned) / len(ps)

    def observe(s, d, t, failed):
        pass

    def update_shift(s, d, t, events):
        share = s.dc_share(d)
        if d not in s.shifted and share >= SHIFT_DC:
            cands = [x for x in s.dcs if x != d and x not in s.shifted]
            if cands:
                target = min(cands, key=lambda x: (s.dc_share(x), x))
                s.shifted[d] = target
                events.append([ts(t), 'traffic-manager', 'traffic.shift', d,
                               'CPU high in %s: new traffic moved to %s' % (d, target), 'warning', target])
        elif d in s.shifted and share < SHIFT_DC:
            del s.shifted[d]
            events.append([ts(t), 'traffic-manager', 'traffic.shift', d, 'traffic returned to %s' % d, 'info', d])


class OperatedEdge(Edge):
    """Load balancing and traffic management as operators run them, not as the replay models them."""
    CHECK_DELAY = (20, 40)   # seconds from half a server's processes sticking to its health checks failing it
    SHIFT_FAILED = 0.25      # share of a data centre's requests failed in the last minute that moves its traffic
    RETURN_STUCK = 0.10      # traffic returns once restarts leave fewer stuck processes than this

    def __init__(s, dcs, servers, procs, rnd):
        super().__init__(dcs, servers, procs)
        s.rnd = rnd
        s.failing_at = {}    # server -> when health checks take it out
        s.out = set()
        s.recent = {d: [] for d in s.dcs}

    def _checks(s, t):
        for d in s.dcs:
            for sv in s.servers[d]:
                stuck = sum(1 for p in s.procs[sv] if p in s.poisoned) >= 0.5 * len(s.procs[sv])
                if stuck:
                    if sv not in s.failing_at:
                        s.failing_at[sv] = t + timedelta(seconds=s.rnd.uniform(*s.CHECK_DELAY))
                    if t >= s.failing_at[sv]:
                        s.out.add(sv)
                else:
                    s.failing_at.pop(sv, None)
                    s.out.discard(sv)

    def server_busy(s, sv):
        return sv in s.out

    def place(s, d, rnd, t=None):
        if t is not None:
            s._checks(t)
        dc = s.shifted.get(d, d)
        free = [sv for sv in s.servers[dc] if sv not in s.out]
        sv = rnd.choice(free) if free else rnd.choice(s.servers[dc])  # every server out: the balancer fails open
        return dc, sv, rnd.choice(s.procs[sv])

    def observe(s, d, t, failed):
        window = s.recent[d]
        window.append((t, failed))
        while window and (t - window[0][0]).total_seconds() > 60:
            window.pop(0)

    def failed_share(s, d):
        window = s.recent[d]
        return sum(1 for _, f in window if f) / len(window) if len(window) >= 8 else 0.0

    def update_shift(s, d, t, events):
        if d not in s.shifted and s.failed_share(d) >= s.SHIFT_FAILED:
            cands = [x for x in s.dcs if x != d and x not in s.shifted]
            if cands:
                target = min(cands, key=lambda x: (s.failed_share(x), x))
                s.shifted[d] = target
                events.append([ts(t), 'traffic-manager', 'traffic.shift', d,
                               'errors high in %s: new traffic moved to %s' % (d, target), 'warning', target])
        elif d in s.shifted and s.dc_share(d) < s.RETURN_STUCK:
            del s.shifted[d]
            s.recent[d] = []
            events.append([ts(t), 'traffic-manager', 'traffic.shift', d, 'traffic returned to %s' % d, 'info', d])


def run(sc, folder, seed):
    rnd = random.Random(seed)
    edge = OperatedEdge(sc['dcs'], sc['servers'], sc['procs'], random.Random(seed + 1)) if sc.get('operated') \
        else Edge(sc['dcs'], sc['servers'], sc['procs'])
    t0, t1 = sc['start'], sc['end']
    rule = sc['rule']
    loops = sc['loops']
    events = [list(e) + [''] for e in sc.get('events', [])]
    requests, metrics = [], []
    restarts = sorted(sc.get('restarts', []))  # (time, dc or '*')
    mixed = sorted(sc.get('mixed', []))  # (time, origin dc)
    deployed, disabled = sc.get('deployed', t0), sc.get('disabled')
    other_rules = sc.get('other_rules', ['waf-managed-sqli', 'ratelimit-login'])
    spikes = sc.get('spikes', [])  # (from, to, dc, extra cpu)
    cong = sc.get('congestion', [])  # (from, to, dc, extra error, latency factor)
    t = t0
    while t < t1:
        nxt = t + timedelta(minutes=1)
        batch = []
        for d in edge.dcs:
            n = sc.get('rate', 12)
            for _ in range(n):
                batch.append((t + timedelta(seconds=rnd.random() * 60), d, False))
        for (mt, d) in mixed:
            if t <= mt < nxt:
                batch.append((mt, d, True))
        for (rt, scope) in restarts:
            if t <= rt < nxt:
                batch.append((rt, scope, None))
        batch.sort(key=lambda b: b[0])
        for (bt, d, kind) in batch:
            if kind is None:  # a restart wave
                for dd in edge.dcs:
                    if any(scope_match(d, dd, sv) for sv in edge.servers[dd]):
                        for sv in edge.servers[dd]:
                            if not scope_match(d, dd, sv):
                                continue
                            for p in edge.procs[sv]:
                                if p in edge.poisoned:
                                    del edge.poisoned[p]
                                    events.append([ts(bt), 'ops', 'process.restart', p, 'restarted stuck HTTP process', 'info', ''])
                        edge.update_shift(dd, bt, events)
                continue
            dc, sv, p = edge.place(d, rnd, bt)
            live = deployed <= bt and (disabled is None or bt < disabled)
            if kind:  # the trigger: valid and invalid cookies together
                r, cv, ci = rule, rnd.choice([1, 2]), rnd.choice([1, 2, 3])
                if p in edge.poisoned:
                    st = 502
                elif live and loops:
                    edge.poisoned[p] = bt
                    st = 504
                else:
                    st = 429 if live else 200
                dur = 30000 if st == 504 else rnd.randint(20, 200)
            else:
                u = rnd.random()
                if u < 0.70:
                    r, cv, ci = '', rnd.choice([0, 0, 1]), 0
                elif u < 0.85:
                    r, cv, ci = rnd.choice(other_rules), rnd.choice([0, 1]), 0
                elif live:
                    r = rule
                    cv, ci = (1, 0) if rnd.random() < 0.8 else (0, rnd.choice([1, 2]))
                else:
                    r, cv, ci = '', 1, 0
                if p in edge.poisoned:
                    st = 502
                elif r == rule and cv == 0:
                    st = 403  # blocked: no valid cookie
                else:
                    st = 500 if rnd.random() < 0.002 else 200
                dur = 30000 if st == 502 else rnd.randint(15, 400)
            client = '%d.%d.%d.%d' % (rnd.randint(1, 223), rnd.randint(0, 255), rnd.randint(0, 255), rnd.randint(1, 254))
            requests.append([ts(bt), dc, sv, p, st, r, cv, ci, dur, client])
            edge.observe(dc, bt, st >= 500)
            edge.update_shift(dc, bt, events)
        # samples at the end of the minute
        for d in edge.dcs:
            load = 1.0 + sum(1 for x in edge.dcs if edge.shifted.get(x) == d)
            for sv in edge.servers[d]:
                for p in edge.procs[sv]:
                    if p in edge.poisoned:
                        v = 99.0 + rnd.random()
                    else:
                        v = min(85.0, 22 + 14 * load + rnd.gauss(0, 3))
                        for (a, b, dd, extra) in spikes:
                            if a <= nxt < b and dd == d:
                                v = min(97.0, v + extra + rnd.random() * 3)
                    metrics.append([ts(nxt), p, 'cpu.util', '%.1f' % max(v, 1.0)])
            er = edge.error_share(d) + 0.001 + rnd.random() * 0.002
            lat = 110 * (1 + 3 * edge.dc_share(d)) + rnd.gauss(0, 6)
            for (a, b, dd, extra, lf) in cong:
                if a <= nxt < b and dd == d:
                    er += extra
                    lat *= lf
            metrics.append([ts(nxt), d, 'http.error_ratio', '%.4f' % er])
            metrics.append([ts(nxt), d, 'ttfb.p99_ms', '%.0f' % lat])
        t = nxt
    events.sort(key=lambda e: e[0])
    write(folder, 'events.csv', ['timestamp', 'source', 'type', 'entity', 'message', 'severity', 'to'], events)
    write(folder, 'requests.csv', ['timestamp', 'datacenter', 'server', 'process', 'status', 'rule',
                                   'cookies_valid', 'cookies_invalid', 'duration_ms', 'client'], requests)
    write(folder, 'metrics.csv', ['timestamp', 'entity', 'metric', 'value'], metrics)
    inv = []
    for d in edge.dcs:
        inv.append([d, 'datacenter', d, 'edge', '', d.upper(), ''])
        for sv in edge.servers[d]:
            inv.append([sv, 'server', d, 'edge', '', d.upper(), d])
            for p in edge.procs[sv]:
                inv.append([p, 'process', d, 'edge-http', '', d.upper(), sv])
    write(folder, 'inventory.csv', ['entity', 'type', 'site', 'service', 'role', 'location', 'parent'], inv)
    write(folder, 'key-generators.csv', ['generator', 'kind', 'parent', 'rule', 'validator', 'rule_validator', 'max_depth'],
          sc['generators'])
    if 'expect' in sc:
        with open(os.path.join(folder, 'expect.json'), 'w') as f:
            json.dump(sc['expect'], f, indent=2)
            f.write('\n')
    peak = max_poisoned(events, requests)
    return {'requests': len(requests), 'metrics': len(metrics), 'events': len(events), 'poisoned': peak}


def scope_match(scope, dc, server=None):
    return scope == '*' or scope == dc or scope == server


def max_poisoned(events, requests):
    # first poison onsets per process, from the requests (status 504 = the poisoning request)
    onsets = sorted((r[0], r[3]) for r in requests if r[4] == 504)
    return {'first': onsets[0] if onsets else None, 'count': len(onsets)}


def utc(h, m, s=0):
    return datetime(2024, 6, 20, h, m, s, tzinfo=timezone.utc)


def poisson_times(rnd, start, end, dcs, rate_fn):
    out = []
    t = start
    while t < end:
        for d in dcs:
            lam = rate_fn(t, d)
            k = 0
            # Knuth's Poisson draw for a one-minute bucket
            L, p = math.exp(-lam), 1.0
            while True:
                p *= rnd.random()
                if p <= L:
                    break
                k += 1
            for _ in range(k):
                out.append((t + timedelta(seconds=rnd.random() * 60), d))
        t += timedelta(minutes=1)
    return out


def cloudflare(root):
    rnd = random.Random(20240620)
    rule = 'ddos-l7-cookie-ratelimit'
    dcs = ['ams01', 'cdg01', 'fra01', 'lhr01', 'ord01']

    def rate(t, d):
        if d == 'ord01' and t < utc(18, 0):
            return 0.0
        if t < utc(17, 47):
            return 0.0
        if t < utc(18, 20):
            return 0.05
        if t < utc(19, 3):
            return 0.14
        if t < utc(19, 10):
            return 0.04
        return 0.0

    mixed = [(utc(17, 46, 41), 'lhr01')] + poisson_times(rnd, utc(17, 47), utc(19, 12), dcs, rate)
    stages = [(utc(14, 14), 'stage 1/6: canary data centres'), (utc(14, 52), 'stage 2/6'), (utc(15, 31), 'stage 3/6'),
              (utc(16, 10), 'stage 4/6'), (utc(16, 44), 'stage 5/6'), (utc(17, 6), 'stage 6/6: all data centres')]
    events = [[ts(t), 'rules-deploy', 'rule.deploy', rule, 'DDoS rule rollout ' + m, 'info'] for (t, m) in stages]
    events += [
        [ts(utc(13, 2)), 'rules-deploy', 'rule.deploy', 'waf-managed-sqli', 'managed ruleset update', 'info'],
        [ts(utc(15, 58)), 'certs', 'cert.renew', 'edge-tls', 'scheduled certificate renewal', 'info'],
        [ts(utc(16, 55)), 'config', 'config.deploy', 'edge-cache', 'cache config 2024.06.20-3', 'info'],
        [ts(utc(17, 33)), 'netmon', 'backbone.congestion', 'bb-ord01-iad01',
         'automated re-route moved traffic onto backbone link bb-ord01-iad01; link saturated', 'warning'],
        [ts(utc(17, 50)), 'netmon', 'backbone.restored', 'bb-ord01-iad01', 'backbone link congestion cleared', 'info'],
        [ts(utc(18, 4)), 'incident', 'incident.declared', 'edge-http', 'Incident declared: high CPU on HTTP processes in several data centres', 'critical'],
        [ts(utc(19, 34)), 'rules-deploy', 'rule.disable', rule, 'DDoS rule disabled globally', 'warning'],
        [ts(utc(19, 40)), 'incident', 'incident.resolved', 'edge-http', 'Incident resolved', 'info'],
    ]
    restarts = [(utc(18, 34, 30), 'lhr01-s01'), (utc(18, 41, 30), 'ams01-s01'), (utc(18, 48, 30), 'lhr01-s02'),
                (utc(18, 55, 30), 'fra01-s01'), (utc(19, 5, 30), '*'), (utc(19, 14, 30), '*'), (utc(19, 21, 30), '*'),
                (utc(19, 26, 30), '*')]
    sc = dict(operated=True, dcs=dcs, servers=4, procs=4, start=utc(16, 30), end=utc(20, 0), rule=rule, loops=True, rate=12,
              deployed=utc(14, 14), disabled=utc(19, 34), mixed=mixed, restarts=restarts, events=events,
              congestion=[(utc(17, 33), utc(17, 50), 'ord01', 0.07, 4.5)],
              generators=[
                  ['ip_src', 'ip', '', '', '', '', ''],
                  ['asn', 'header', 'ip_src', '', '', '', ''],
                  ['cookie_session', 'cookie', 'ip_src', 'ratelimit-login', 'cookie-v2', 'cookie-v2', ''],
                  ['jwt_sub', 'jwt', 'header_api_key', 'ratelimit-api', 'jwt-v1', 'jwt-v1', ''],
                  ['header_api_key', 'header', 'ip_src', '', '', '', ''],
                  ['waf_client', 'header', 'asn', 'waf-managed-sqli', '', '', ''],
                  ['get_cookie_key', 'cookie', 'get_cookie_key', rule, 'cookie-legacy', 'cookie-v2', ''],
              ])
    folder = os.path.join(root, 'sample-logs', 'cloudflare-2024-06-20')
    info = run(sc, folder, 7)
    # the published whole-network 5xx ratio, for the timeline (not a data centre of the sample)
    path = os.path.join(folder, 'metrics.csv')
    with open(path, 'a', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        t = utc(16, 31)
        while t <= utc(20, 0):
            m = (t - utc(17, 47)).total_seconds() / 60
            if m < 0 or t >= utc(19, 27):
                v = 0.0012
            elif t <= utc(19, 5):
                v = 0.0012 + (0.0345 - 0.0012) * m / 78.0
            else:
                v = 0.0345 - (0.0345 - 0.0012) * (t - utc(19, 5)).total_seconds() / 60 / 22.0
            w.writerow([ts(t), 'edge-global', 'http.error_ratio.network', '%.4f' % v])
            t += timedelta(minutes=1)
    return info


def fixture(root, name, generators, loops, expect, rule='ddos-cookie-rl', mixed_from=(10, 15), spikes=(),
            restarts=None, deploy=True, extra_events=(), seed=1, events_file=True):
    # events_file=False: the incident happened as logged (deploy, restarts), but its events.csv is missing
    rnd = random.Random(seed)
    dcs = ['dc-a', 'dc-b']
    base = datetime(2024, 3, 4, 10, 0, tzinfo=timezone.utc)
    start, end = base, base + timedelta(minutes=60)
    mixed = []
    if mixed_from is not None:  # None: no request ever carries the trigger
        mixed = [(base + timedelta(minutes=mixed_from[0], seconds=20), 'dc-a')]
        mixed += poisson_times(rnd, base + timedelta(minutes=mixed_from[1]), base + timedelta(minutes=40), dcs,
                               lambda t, d: 0.12)
    events = []
    if deploy:
        events.append([ts(base - timedelta(minutes=30)), 'deploy', 'rule.deploy', rule, 'rule rollout', 'info'])
    events += [list(e) for e in extra_events]
    if restarts is None:
        restarts = [(base + timedelta(minutes=45, seconds=30), '*')] if loops else []
    sc = dict(dcs=dcs, servers=2, procs=2, start=start, end=end, rule=rule, loops=loops, rate=4,
              deployed=base - timedelta(minutes=30) if deploy else end + timedelta(days=1), mixed=mixed,
              restarts=restarts, events=events, generators=generators, expect=expect, spikes=list(spikes))
    folder = os.path.join(root, 'rules', 'recursive-key-generator', 'fixtures', name)
    info = run(sc, folder, seed)
    if not events_file:
        os.remove(os.path.join(folder, 'events.csv'))
    return info


def confirmed(subject, line):
    return {'expect': [{'pattern': 'recursive-key-generator', 'subject': subject,
                        'cause': 'key-generators.csv:%d' % line, 'verdict': 'confirmed'}]}


SILENT = {'none': True}


def fixtures(root):
    R = 'ddos-cookie-rl'
    out = {}
    out['two-cycle'] = fixture(root, 'two-cycle', [
        ['ip', 'ip', '', '', '', '', ''],
        ['key_a', 'cookie', 'key_b', R, '', '', ''],
        ['key_b', 'header', 'key_a', '', '', '', ''],
    ], True, confirmed('key_b', 4))
    out['three-cycle'] = fixture(root, 'three-cycle', [
        ['ip', 'ip', '', '', '', '', ''],
        ['entry_key', 'cookie', 'x_key', R, '', '', ''],
        ['x_key', 'cookie', 'y_key', '', '', '', ''],
        ['z_key', 'jwt', 'x_key', '', '', '', ''],
        ['y_key', 'header', 'z_key', '', '', '', ''],
    ], True, confirmed('z_key', 5), seed=2)
    out['cross-rule-types'] = fixture(root, 'cross-rule-types', [
        ['ip', 'ip', '', '', '', '', ''],
        ['ddos_cookie', 'cookie', 'waf_jwt', R, '', '', ''],
        ['waf_jwt', 'jwt', 'ddos_cookie', 'waf-api-rl', '', '', ''],
    ], True, confirmed('waf_jwt', 4), seed=3,
        extra_events=[[ts(datetime(2024, 3, 4, 9, 0, tzinfo=timezone.utc)), 'deploy', 'rule.deploy', 'waf-api-rl', 'waf rule', 'info']])
    out['validators-disagree'] = fixture(root, 'validators-disagree', [
        ['ip', 'ip', '', '', '', '', ''],
        ['cookie_strict', 'cookie', 'cookie_legacy', R, 'cookie-strict', 'cookie-v2', ''],
        ['cookie_legacy', 'cookie', 'cookie_strict', '', 'cookie-legacy', '', ''],
    ], True, confirmed('cookie_legacy', 4), seed=4)
    # near-misses
    out['validators-agree'] = fixture(root, 'validators-agree', [
        ['ip', 'ip', '', '', '', '', ''],
        ['cookie_strict', 'cookie', 'cookie_legacy', R, 'cookie-v2', 'cookie-v2', ''],
        ['cookie_legacy', 'cookie', 'cookie_strict', '', 'cookie-v2', '', ''],
    ], False, dict(SILENT, findings=[{'kind': 'latent', 'pattern': 'recursive-key-generator', 'subject': 'cookie_legacy'}]), seed=5)
    out['deep-chain-terminates'] = fixture(root, 'deep-chain-terminates', [
        ['k1', 'cookie', 'k2', R, '', '', ''],
        ['k2', 'cookie', 'k3', '', '', '', ''],
        ['k3', 'header', 'k4', '', '', '', ''],
        ['k4', 'jwt', 'k5', '', '', '', ''],
        ['k5', 'header', 'k6', '', '', '', ''],
        ['k6', 'cookie', 'k7', '', '', '', ''],
        ['k7', 'header', 'ip', '', '', '', ''],
        ['ip', 'ip', '', '', '', '', ''],
    ], False, SILENT, seed=6)
    out['guarded-self-reference'] = fixture(root, 'guarded-self-reference', [
        ['ip', 'ip', '', '', '', '', ''],
        ['get_cookie_key', 'cookie', 'get_cookie_key', R, 'cookie-legacy', 'cookie-v2', '3'],
    ], False, SILENT, seed=7)
    out['unreachable-cycle'] = fixture(root, 'unreachable-cycle', [
        ['ip', 'ip', '', '', '', '', ''],
        ['cookie_ok', 'cookie', 'ip', R, '', '', ''],
        ['orphan_a', 'cookie', 'orphan_b', '', '', '', ''],
        ['orphan_b', 'header', 'orphan_a', '', '', '', ''],
        ['staged_key', 'cookie', 'staged_key', 'ddos-staged-never-deployed', '', '', ''],
    ], False, dict(SILENT, findings=[
        {'kind': 'latent', 'pattern': 'recursive-key-generator', 'subject': 'orphan_b'},
        {'kind': 'latent', 'pattern': 'recursive-key-generator', 'subject': 'staged_key'}]), seed=8)
    base = datetime(2024, 3, 4, 10, 0, tzinfo=timezone.utc)
    out['traffic-spike'] = fixture(root, 'traffic-spike', [
        ['ip', 'ip', '', '', '', '', ''],
        ['get_cookie_key', 'cookie', 'get_cookie_key', R, 'cookie-legacy', 'cookie-v2', ''],
    ], False, SILENT, seed=9, spikes=[(base + timedelta(minutes=14), base + timedelta(minutes=26), 'dc-a', 62),
                                       (base + timedelta(minutes=16), base + timedelta(minutes=24), 'dc-b', 60)])
    # events.csv missing (a perturbation the samples face too): no deploy, no restart is logged
    G = 'bot-challenge-rl'
    out['no-events-live-by-requests'] = fixture(root, 'no-events-live-by-requests', [
        ['client_ip', 'ip', '', '', '', '', ''],
        ['session_token', 'cookie', 'edge_fingerprint', G, 'token-v3', 'token-v4', ''],
        ['edge_fingerprint', 'header', 'session_token', '', '', '', ''],
    ], True, confirmed('edge_fingerprint', 4), rule=G, seed=11, events_file=False)
    out['no-events-rule-never-seen'] = fixture(root, 'no-events-rule-never-seen', [
        ['client_ip', 'ip', '', '', '', '', ''],
        ['session_token', 'cookie', 'edge_fingerprint', 'geo-block-staged', '', '', ''],
        ['edge_fingerprint', 'header', 'session_token', '', '', '', ''],
    ], False, dict(SILENT, findings=[{'kind': 'latent', 'pattern': 'recursive-key-generator', 'subject': 'edge_fingerprint'}]),
        rule=G, seed=12, events_file=False,
        spikes=[(base + timedelta(minutes=14), base + timedelta(minutes=26), 'dc-a', 62)])
    out['no-events-trigger-never-sent'] = fixture(root, 'no-events-trigger-never-sent', [
        ['client_ip', 'ip', '', '', '', '', ''],
        ['session_token', 'cookie', 'session_token', G, 'token-v3', 'token-v4', ''],
    ], True, dict(SILENT, findings=[{'kind': 'latent', 'pattern': 'recursive-key-generator', 'subject': 'session_token'}]),
        rule=G, mixed_from=None, seed=13, events_file=False,
        spikes=[(base + timedelta(minutes=14), base + timedelta(minutes=26), 'dc-a', 62)])
    out['no-events-load-spike'] = fixture(root, 'no-events-load-spike', [
        ['client_ip', 'ip', '', '', '', '', ''],
        ['session_token', 'cookie', 'session_token', G, 'token-v3', 'token-v4', ''],
    ], False, SILENT, rule=G, seed=9, events_file=False,
        spikes=[(base + timedelta(minutes=14), base + timedelta(minutes=26), 'dc-a', 62),
                (base + timedelta(minutes=16), base + timedelta(minutes=24), 'dc-b', 60)])
    return out


if __name__ == '__main__':
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, '..', '..'))
    print('cloudflare', cloudflare(root))
    for k, v in fixtures(root).items():
        print(k, v)
