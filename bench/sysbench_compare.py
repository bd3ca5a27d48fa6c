#!/usr/bin/env python3
"""Compares sysbench throughput of MariaDB alone and of vtgate in front of it.

Starts a private cluster in a temporary directory on free 127.0.0.1 ports:

  mariadb-a   database `sbdirect` (target "direct") and `vt_sb1` (the shard of
              keyspace sb1), so "direct" and "1-shard" share one server.
  mariadb-b   vt_sb2, shard -80 of keyspace sb2
  mariadb-c   vt_sb2, shard 80- of keyspace sb2
  vttablet    one per shard; vtgate in front of all three tablets.

Keyspace sb1 is unsharded (shard "0"); sb2 is sharded with a `hash` vindex on
sbtest1.id. Every MariaDB runs with the same flags as the local launcher.

Then prepares sysbench's sbtest1 on each target, runs the workloads with the
targets alternating inside each repetition, opens many idle connections to
vtgate to measure its resident memory, and writes results.md, results.csv and
qps.png (when gnuplot is installed) into bench/results/<timestamp>/.

Nothing is built here: vtgate and vttablet come from $BUILD_DIR/bin (default
build/bin). Every process started is stopped and the temporary directory
removed on exit, failure or Ctrl-C.
"""

import argparse
import csv
import datetime
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import pymysql

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
USER = "sbtest"
PASSWORD = "sbtest"
TARGETS = ("direct", "vtgate-1shard", "vtgate-2shard")


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path, lines=20):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Cluster:
    """Owns every process it starts; stop() ends them and removes the temp dir."""

    def __init__(self, bin_dir, pool_size, keep_dir=False, vtgate_workers=0):
        self.bin_dir = bin_dir
        self.pool_size = pool_size
        self.vtgate_workers = vtgate_workers  # 0: one per core
        self.keep_dir = keep_dir
        self.dir = tempfile.mkdtemp(prefix="tessera-bench-")
        self.procs = []  # (name, Popen) in start order
        self.mariadb = {}  # name -> port
        self.mariadb_socket = {}  # name -> Unix socket path
        self.tablets = {}  # (keyspace, shard) -> (tablet port, mariadb name)
        self.vtgate_port = None
        self.vtgate = None

    def _spawn(self, name, argv):
        out = open(os.path.join(self.dir, name + ".log"), "wb")
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        out.close()
        self.procs.append((name, proc))
        return proc

    def start_mariadb(self, name, server_id):
        data = os.path.join(self.dir, name)
        os.makedirs(data)
        install = ["mariadb-install-db", "--no-defaults", f"--datadir={data}",
                   "--auth-root-authentication-method=normal", "--skip-test-db"]
        if os.geteuid() == 0:
            install.append("--user=root")
        with open(os.path.join(data, "install.log"), "wb") as out:
            rc = subprocess.call(install, stdout=out, stderr=subprocess.STDOUT)
        if rc != 0:
            raise RuntimeError(f"mariadb-install-db failed for {name}:\n" +
                               tail(os.path.join(data, "install.log")))
        port = free_port()
        argv = ["mariadbd", "--no-defaults", f"--datadir={data}", f"--port={port}",
                "--bind-address=127.0.0.1", f"--socket={data}/mariadb.sock",
                f"--pid-file={data}/mariadb.pid", f"--log-bin={data}/binlog",
                "--binlog-format=ROW", "--binlog-row-image=FULL",
                "--binlog-row-metadata=FULL", f"--server-id={server_id}",
                f"--log-error={data}/error.log", "--skip-name-resolve",
                "--innodb-buffer-pool-size=64M", "--max-connections=500"]
        if os.geteuid() == 0:
            argv.append("--user=root")
        proc = self._spawn(name, argv)
        deadline = time.time() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"mariadbd {name} exited:\n" + tail(f"{data}/error.log"))
            try:
                conn = pymysql.connect(host="127.0.0.1", port=port, user="root",
                                       connect_timeout=2, autocommit=True)
                break
            except pymysql.MySQLError:
                if time.time() > deadline:
                    raise RuntimeError(f"mariadbd {name} did not accept logins:\n" +
                                       tail(f"{data}/error.log"))
                time.sleep(0.2)
        with conn.cursor() as cur:
            cur.execute(f"CREATE USER '{USER}'@'%' IDENTIFIED BY '{PASSWORD}'")
            cur.execute(f"GRANT ALL PRIVILEGES ON *.* TO '{USER}'@'%'")
        conn.close()
        self.mariadb[name] = port
        self.mariadb_socket[name] = f"{data}/mariadb.sock"
        log(f"{name} on port {port}")
        return port

    def admin(self, server, database=None):
        return pymysql.connect(host="127.0.0.1", port=self.mariadb[server], user=USER,
                               password=PASSWORD, database=database, autocommit=True)

    def start(self):
        self.start_mariadb("mariadb-a", 1)
        self.start_mariadb("mariadb-b", 2)
        self.start_mariadb("mariadb-c", 3)
        with self.admin("mariadb-a") as conn, conn.cursor() as cur:
            cur.execute("CREATE DATABASE sbdirect")
            cur.execute("CREATE DATABASE vt_sb1")
        for server in ("mariadb-b", "mariadb-c"):
            with self.admin(server) as conn, conn.cursor() as cur:
                cur.execute("CREATE DATABASE vt_sb2")
        layout = [("sb1", "0", "mariadb-a"), ("sb2", "-80", "mariadb-b"),
                  ("sb2", "80-", "mariadb-c")]
        for keyspace, shard, server in layout:
            port = free_port()
            self._spawn(f"vttablet-{keyspace}{shard}", [
                os.path.join(self.bin_dir, "vttablet"), "--port", str(port),
                "--mariadb-host", "127.0.0.1", "--mariadb-port", str(self.mariadb[server]),
                "--mariadb-socket", self.mariadb_socket[server], "--mariadb-user", USER, "--mariadb-password", PASSWORD,
                "--keyspace", keyspace, "--shard", shard,
                "--pool-size", str(self.pool_size), "--log-level", "warn"])
            self.tablets[(keyspace, shard)] = (port, server)
        self.vtgate_port = free_port()
        config = os.path.join(self.dir, "cluster.yaml")
        with open(config, "w") as f:
            f.write(self._config_yaml())
        self.vtgate = self._spawn("vtgate", [os.path.join(self.bin_dir, "vtgate"),
                                             "--config", config, "--log-level", "warn"])
        deadline = time.time() + 30
        while True:
            for name, proc in self.procs:
                if proc.poll() is not None:
                    raise RuntimeError(f"{name} exited during start-up:\n" +
                                       tail(os.path.join(self.dir, name + ".log")))
            try:
                pymysql.connect(host="127.0.0.1", port=self.vtgate_port, user=USER,
                                password=PASSWORD, connect_timeout=2, autocommit=None).close()
                break
            except pymysql.MySQLError:
                if time.time() > deadline:
                    raise RuntimeError("vtgate did not accept a login:\n" +
                                       tail(os.path.join(self.dir, "vtgate.log")))
                time.sleep(0.2)
        log(f"vtgate on port {self.vtgate_port} (pid {self.vtgate.pid})")

    def _config_yaml(self):
        def shard_yaml(keyspace, shard):
            port, server = self.tablets[(keyspace, shard)]
            mport = self.mariadb[server]
            return (f'      - name: "{shard}"\n'
                    f"        tablet: {{host: 127.0.0.1, port: {port}}}\n"
                    f"        mariadb: {{host: 127.0.0.1, port: {mport}, server_id: {mport}}}\n")
        return ("vtgate:\n  host: 127.0.0.1\n"
                f"  port: {self.vtgate_port}\n  workers: {self.vtgate_workers}\n"
                f"users:\n  - name: {USER}\n    password: {PASSWORD}\n"
                "keyspaces:\n"
                "  sb1:\n    sharded: false\n    tables:\n      sbtest1:\n    shards:\n" +
                shard_yaml("sb1", "0") +
                "  sb2:\n    sharded: true\n    vindexes:\n      hash:\n        type: hash\n"
                "    tables:\n      sbtest1:\n        column_vindexes:\n"
                "          - {column: id, vindex: hash}\n    shards:\n" +
                shard_yaml("sb2", "-80") + shard_yaml("sb2", "80-"))

    def endpoint(self, target):
        """(port, database) sysbench connects to for a target."""
        if target == "direct":
            return self.mariadb["mariadb-a"], "sbdirect"
        if target == "vtgate-1shard":
            return self.vtgate_port, "sb1"
        return self.vtgate_port, "sb2"

    def alive(self):
        return [name for name, proc in self.procs if proc.poll() is None]

    def dead(self):
        return [name for name, proc in self.procs if proc.poll() is not None]

    def stop(self):
        # Reverse order: vtgate, tablets, then the servers they use.
        for name, proc in reversed(self.procs):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.time() + 20
        for name, proc in reversed(self.procs):
            try:
                proc.wait(timeout=max(0.1, deadline - time.time()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        self.procs = []
        if self.keep_dir:
            log(f"kept {self.dir}")
        else:
            shutil.rmtree(self.dir, ignore_errors=True)


# --- sysbench -----------------------------------------------------------------

def sysbench_argv(cluster, target, workload, table_size, extra):
    port, db = cluster.endpoint(target)
    return ["sysbench", workload, "--db-driver=mysql", "--mysql-host=127.0.0.1",
            f"--mysql-port={port}", f"--mysql-user={USER}", f"--mysql-password={PASSWORD}",
            f"--mysql-db={db}", "--tables=1", f"--table-size={table_size}",
            "--auto_inc=off"] + extra


def first_error(text):
    for line in text.splitlines():
        if "FATAL" in line or "error" in line.lower() and "ignored errors" not in line:
            return line.strip()[:300]
    lines = [l for l in text.splitlines() if l.strip()]
    return (lines[-1] if lines else "no output")[:300]


def shard_of(ids):
    """Maps ids to "-80" / "80-" with the hash vindex: DES, all-zero key, of the
    big-endian id; the first byte of the result picks the shard."""
    blocks = b"".join(i.to_bytes(8, "big") for i in ids)
    # Triple DES with three equal keys is single DES.
    out = subprocess.run(["openssl", "enc", "-des-ede3", "-K", "0" * 48, "-nopad"],
                         input=blocks, capture_output=True, check=True).stdout
    return {i: ("-80" if out[8 * n] < 0x80 else "80-") for n, i in enumerate(ids)}


def prepare(cluster, target, table_size):
    """Creates and fills sbtest1 for a target; returns a note on how."""
    argv = sysbench_argv(cluster, target, "oltp_common", table_size, ["prepare"])
    res = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    if res.returncode == 0:
        return f"{target}: sysbench prepare through its endpoint"
    if target == "direct":
        raise RuntimeError("sysbench prepare on MariaDB failed:\n" + res.stdout + res.stderr)
    why = first_error(res.stdout + res.stderr)
    log(f"prepare through vtgate failed for {target}: {why}; loading the shards directly")
    keyspace = "sb1" if target == "vtgate-1shard" else "sb2"
    for (ks, shard), (_, server) in cluster.tablets.items():
        if ks != keyspace:
            continue
        port = cluster.mariadb[server]
        with cluster.admin(server, f"vt_{ks}") as conn, conn.cursor() as cur:
            cur.execute("DROP TABLE IF EXISTS sbtest1")
        direct = ["sysbench", "oltp_common", "--db-driver=mysql", "--mysql-host=127.0.0.1",
                  f"--mysql-port={port}", f"--mysql-user={USER}",
                  f"--mysql-password={PASSWORD}", f"--mysql-db=vt_{ks}", "--tables=1",
                  f"--table-size={table_size}", "--auto_inc=off", "prepare"]
        subprocess.run(direct, capture_output=True, check=True, timeout=600)
    if keyspace == "sb2":
        owners = shard_of(list(range(1, table_size + 1)))
        for (ks, shard), (_, server) in cluster.tablets.items():
            if ks != "sb2":
                continue
            foreign = [i for i, s in owners.items() if s != shard]
            with cluster.admin(server, "vt_sb2") as conn, conn.cursor() as cur:
                for n in range(0, len(foreign), 5000):
                    chunk = ",".join(map(str, foreign[n:n + 5000]))
                    cur.execute(f"DELETE FROM sbtest1 WHERE id IN ({chunk})")
    return f"{target}: vtgate prepare failed ({why}); loaded each shard's MariaDB directly"


def check_sharding(cluster, table_size):
    """Confirms every prepared row of sb2 sits on the shard its hash picks."""
    owners = shard_of(list(range(1, table_size + 1)))
    counts = []
    for (ks, shard), (_, server) in cluster.tablets.items():
        if ks != "sb2":
            continue
        with cluster.admin(server, "vt_sb2") as conn, conn.cursor() as cur:
            cur.execute(f"SELECT id FROM sbtest1 WHERE id <= {table_size}")
            ids = [row[0] for row in cur.fetchall()]
        misplaced = sum(1 for i in ids if owners[i] != shard)
        if misplaced:
            raise RuntimeError(f"{misplaced} rows of shard {shard} belong to the other shard")
        counts.append(f"{shard}: {len(ids)} rows")
    total = sum(int(c.split()[1]) for c in counts)
    if total != table_size:
        raise RuntimeError(f"sb2 holds {total} of {table_size} prepared rows")
    return "vtgate-2shard: every row on the shard its hash picks (" + ", ".join(counts) + ")"


def parse_run(text):
    qps = re.search(r"queries:\s+\d+\s+\(([\d.]+) per sec\.\)", text)
    tps = re.search(r"transactions:\s+\d+\s+\(([\d.]+) per sec\.\)", text)
    p95 = re.search(r"95th percentile:\s+([\d.]+)", text)
    errs = re.search(r"ignored errors:\s+(\d+)", text)
    if not qps or not p95:
        return None
    out = {"qps": float(qps.group(1)), "tps": float(tps.group(1)) if tps else 0.0,
           "p95_ms": float(p95.group(1)), "ignored_errors": int(errs.group(1)) if errs else 0}
    p50 = histogram_percentile(text, 0.5)
    if p50 is not None:
        out["p50_ms"] = p50
    return out


def histogram_percentile(text, fraction):
    """The latency (ms) below which `fraction` of the queries fall, from the
    histogram sysbench prints with --histogram=on (buckets of about 1 us at
    these latencies, where the summary's percentiles are rounded to 10 us)."""
    buckets = [(float(m.group(1)), int(m.group(2)))
               for m in re.finditer(r"^\s+([\d.]+) \|\**\s+(\d+)$", text, re.MULTILINE)]
    total = sum(count for _, count in buckets)
    if total == 0:
        return None
    seen = 0
    for value, count in buckets:
        seen += count
        if seen >= fraction * total:
            return value
    return buckets[-1][0]


def run_case(cluster, target, workload, threads, ps_mode, seconds, table_size, ignore_errors):
    extra = [f"--threads={threads}", f"--time={seconds}", f"--db-ps-mode={ps_mode}",
             "--percentile=95", "--histogram=on", "--rand-type=uniform"]
    if ignore_errors:
        extra.append(f"--mysql-ignore-errors={ignore_errors}")
    argv = sysbench_argv(cluster, target, workload, table_size, extra + ["run"])
    try:
        res = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 90)
        text = res.stdout + res.stderr
        rc = res.returncode
    except subprocess.TimeoutExpired:
        return {"error": f"sysbench did not finish within {seconds + 90}s"}
    parsed = parse_run(text) if rc == 0 else None
    if parsed is None:
        return {"error": first_error(text)}
    return parsed


def proc_cpu_seconds(pid):
    """User plus system CPU seconds a process has used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def context_switches():
    with open("/proc/stat") as f:
        for line in f:
            if line.startswith("ctxt "):
                return int(line.split()[1])
    return 0


def unix_round_trip_us(same_cpu, rounds=20000):
    """Average round trip of one byte between two processes over a
    Unix socket pair, both pinned to CPU 0 or to CPUs 0 and 1: what one
    process waking another costs on this host."""
    if (os.cpu_count() or 1) < 2 and not same_cpu:
        return None
    a, b = socket.socketpair()
    pid = os.fork()
    if pid == 0:
        try:
            os.sched_setaffinity(0, {0 if same_cpu else 1})
            a.close()
            for _ in range(rounds):
                b.sendall(b.recv(1))
        finally:
            os._exit(0)
    b.close()
    old = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {0})
    try:
        start = time.perf_counter()
        for _ in range(rounds):
            a.sendall(b"x")
            a.recv(1)
        elapsed = time.perf_counter() - start
    finally:
        os.sched_setaffinity(0, old)
        a.close()
        os.waitpid(pid, 0)
    return elapsed / rounds * 1e6


def cost_per_query(cluster, args, out_dir):
    """Where the CPU of one oltp_point_select query goes (8 threads, disable):
    CPU microseconds per query of each process and context switches per query
    on the whole host, straight at MariaDB and through vtgate to the 1-shard
    keyspace; writes cost-per-query.md."""
    procs = {name: proc.pid for name, proc in cluster.procs}
    watched = [("mariadb", procs.get("mariadb-a")), ("vttablet", procs.get("vttablet-sb10")),
               ("vtgate", procs.get("vtgate"))]
    rows = []
    for target in ("direct", "vtgate-1shard"):
        before = {name: proc_cpu_seconds(pid) for name, pid in watched if pid}
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        switches = context_switches()
        r = run_case(cluster, target, "oltp_point_select", 8, "disable", args.time,
                     args.table_size, args.mysql_ignore_errors)
        if "error" in r:
            return f"cost per query: {target} failed: {r['error']}"
        switches = context_switches() - switches
        after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
        queries = r["qps"] * args.time
        row = {"target": target, "qps": r["qps"]}
        for name, pid in watched:
            if pid:
                row[name] = (proc_cpu_seconds(pid) - before[name]) / queries * 1e6
        row["sysbench"] = ((after_children.ru_utime + after_children.ru_stime) -
                           (children.ru_utime + children.ru_stime)) / queries * 1e6
        row["switches"] = switches / queries
        rows.append(row)
    same = unix_round_trip_us(True)
    cross = unix_round_trip_us(False)
    path = os.path.join(out_dir, "cost-per-query.md")
    with open(path, "w") as f:
        f.write("# CPU per oltp_point_select query (8 threads, --db-ps-mode=disable)\n\n"
                "CPU microseconds each process used per query (user + system, from "
                "/proc/<pid>/stat), and context switches per query on the whole host "
                "(/proc/stat ctxt).\n\n"
                "| target | QPS | MariaDB µs | vttablet µs | vtgate µs | sysbench µs | "
                "context switches |\n|---|---:|---:|---:|---:|---:|---:|\n")
        for row in rows:
            f.write(f"| {row['target']} | {row['qps']:.0f} | {row.get('mariadb', 0):.1f} | "
                    f"{row.get('vttablet', 0):.1f} | {row.get('vtgate', 0):.1f} | "
                    f"{row['sysbench']:.1f} | {row['switches']:.2f} |\n")
        f.write(f"\nOne-byte round trip between two processes over a Unix socket (Python): "
                f"same CPU {same:.1f} µs" +
                (f", different CPUs {cross:.1f} µs" if cross is not None else "") + ".\n")
    summary = "; ".join(
        f"{row['target']}: MariaDB {row.get('mariadb', 0):.0f} + vttablet "
        f"{row.get('vttablet', 0):.0f} + vtgate {row.get('vtgate', 0):.0f} + sysbench "
        f"{row['sysbench']:.0f} µs CPU, {row['switches']:.1f} context switches per query"
        for row in rows)
    return f"cost per query ({path}): {summary}"


def profile_vtgate(cluster, args, out_dir):
    """Samples vtgate with `perf record` (software cpu-clock, call graphs) under
    oltp_point_select on the 1-shard keyspace; writes perf-report.txt."""
    if not shutil.which("perf"):
        return "perf not found (Debian linux-perf)"
    data = os.path.join(cluster.dir, "perf.data")
    perf = subprocess.Popen(["perf", "record", "-e", "cpu-clock", "-F", "999", "-g",
                             "-p", str(cluster.vtgate.pid), "-o", data],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(0.5)
    r = run_case(cluster, "vtgate-1shard", "oltp_point_select", 8, "disable", args.time,
                 args.table_size, args.mysql_ignore_errors)
    perf.send_signal(signal.SIGINT)
    _, err = perf.communicate(timeout=60)
    if perf.returncode not in (0, -signal.SIGINT) or not os.path.exists(data):
        return "perf record failed: " + err.decode(errors="replace").strip()[-300:]
    report = os.path.join(out_dir, "perf-report.txt")
    sections = [
        ("self time by binary", ["--no-children", "--sort", "dso", "--percent-limit", "1"]),
        ("self time by symbol", ["--no-children", "--sort", "dso,symbol",
                                 "--percent-limit", "0.5"]),
        ("time including callees, by symbol", ["--children", "--sort", "symbol",
                                               "--percent-limit", "3"]),
    ]
    with open(report, "w") as f:
        f.write(f"vtgate under oltp_point_select, 8 threads, 1 shard: {r}\n")
        for title, opts in sections:
            res = subprocess.run(["perf", "report", "-i", data, "--stdio", "-g", "none"] + opts,
                                 capture_output=True, text=True)
            f.write(f"\n== {title}\n")
            for line in res.stdout.splitlines():
                if line.startswith("#") or not line.strip():
                    continue
                # perf pads symbols to the widest one; keep reports readable.
                f.write(re.sub(r"\s+", " ", line).strip()[:200] + "\n")
    return f"perf profile of vtgate in {report}"


# --- idle connections -----------------------------------------------------------

def idle_connections(port, count):
    """Opens `count` logged-in connections to vtgate; returns (opened, seconds, error)."""
    conns = []
    start = time.time()
    error = ""
    try:
        for _ in range(count):
            conns.append(pymysql.connect(host="127.0.0.1", port=port, user=USER,
                                         password=PASSWORD, autocommit=None,
                                         connect_timeout=10))
    except (pymysql.MySQLError, OSError) as e:
        error = f"after {len(conns)} connections: {e}"
    elapsed = time.time() - start
    return conns, elapsed, error


# --- reporting ------------------------------------------------------------------

def machine_info():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    sb = subprocess.run(["sysbench", "--version"], capture_output=True, text=True).stdout.strip()
    md = subprocess.run(["mariadbd", "--version"], capture_output=True, text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu": model, "kernel": platform.release(),
            "sysbench": sb, "mariadbd": md}


def summarize(samples, targets):
    """One row per (workload, ps_mode, threads, target) with medians and ratios."""
    rows = []
    keys = []
    for s in samples:
        key = (s["workload"], s["ps_mode"], s["threads"])
        if key not in keys:
            keys.append(key)
    for key in keys:
        direct_qps = None
        direct_p50 = None
        for target in targets:
            runs = [s for s in samples if (s["workload"], s["ps_mode"], s["threads"]) == key
                    and s["target"] == target]
            if not runs:
                continue
            good = [r for r in runs if "error" not in r]
            row = {"workload": key[0], "ps_mode": key[1], "threads": key[2], "target": target,
                   "runs": len(runs), "ok_runs": len(good)}
            if good:
                row["qps"] = statistics.median(r["qps"] for r in good)
                row["tps"] = statistics.median(r["tps"] for r in good)
                row["p95_ms"] = statistics.median(r["p95_ms"] for r in good)
                p50s = [r["p50_ms"] for r in good if "p50_ms" in r]
                if p50s:
                    row["p50_ms"] = statistics.median(p50s)
                row["ignored_errors"] = sum(r["ignored_errors"] for r in good)
                if target == "direct":
                    direct_qps = row["qps"]
                    direct_p50 = row.get("p50_ms")
            bad = [r for r in runs if "error" in r]
            row["error"] = bad[0]["error"] if bad else ""
            if direct_qps and "qps" in row:
                row["ratio"] = row["qps"] / direct_qps
            if target != "direct" and direct_p50 is not None and "p50_ms" in row:
                row["added_p50_us"] = (row["p50_ms"] - direct_p50) * 1000
            rows.append(row)
    return rows


def fmt(row, key, spec):
    return format(row[key], spec) if key in row else "-"


def markdown(rows, info, args, command, notes, idle):
    out = ["# Tessera sysbench comparison", "",
           f"Command: `{command}`", "",
           f"Machine: {info['nproc']} CPUs, {info['cpu']}, kernel {info['kernel']}; "
           f"{info['sysbench']}; {info['mariadbd']}", "",
           f"Table size {args.table_size} rows, {args.time}s per run, {args.runs} run(s) per "
           "case (median shown), targets alternating within each repetition; vttablet pool "
           f"size {args.pool_size}; vtgate workers: "
           f"{args.vtgate_workers or 'one per core'}.", "",
           "Targets: `direct` = MariaDB database sbdirect; `vtgate-1shard` = keyspace sb1 "
           "(unsharded, one shard `0`, same MariaDB server as direct); `vtgate-2shard` = "
           "keyspace sb2 (hash vindex on id, shards -80 and 80-, one MariaDB each).", ""]
    out += ["Notes:", ""] + [f"- {n}" for n in notes] + [""]
    out += ["| workload | ps-mode | threads | target | QPS | TPS | p50 ms | p95 ms | vs direct | "
            "p50 added µs | runs ok | error |",
            "|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        ratio = f"{r['ratio']:.2f}x" if "ratio" in r else "-"
        err = r["error"].replace("|", "\\|")
        out.append(f"| {r['workload']} | {r['ps_mode']} | {r['threads']} | {r['target']} | "
                   f"{fmt(r, 'qps', '.1f')} | {fmt(r, 'tps', '.1f')} | {fmt(r, 'p50_ms', '.3f')} | "
                   f"{fmt(r, 'p95_ms', '.2f')} | {ratio} | {fmt(r, 'added_p50_us', '.0f')} | "
                   f"{r['ok_runs']}/{r['runs']} | {err} |")
    if idle:
        out += ["", "Idle connections to vtgate:", "",
                f"- opened {idle['opened']} of {idle['wanted']} in {idle['seconds']:.1f}s"
                + (f" ({idle['error']})" if idle["error"] else ""),
                f"- vtgate VmRSS before: {idle['rss_before_kib'] / 1024:.1f} MiB, after: "
                f"{idle['rss_after_kib'] / 1024:.1f} MiB, per connection: "
                f"{idle['per_conn_kib']:.1f} KiB"]
    return "\n".join(out) + "\n"


def write_chart(rows, out_dir):
    if not shutil.which("gnuplot"):
        log("gnuplot not found; no chart")
        return None
    cases = []
    for r in rows:
        case = f"{r['workload'].replace('oltp_', '')}/{r['ps_mode']}/t{r['threads']}"
        if case not in cases:
            cases.append(case)
    data = os.path.join(out_dir, "qps.dat")
    with open(data, "w") as f:
        f.write("# case " + " ".join(TARGETS) + "\n")
        for case in cases:
            vals = []
            for target in TARGETS:
                match = [r for r in rows if r["target"] == target and
                         f"{r['workload'].replace('oltp_', '')}/{r['ps_mode']}/t{r['threads']}" == case]
                vals.append(f"{match[0]['qps']:.1f}" if match and "qps" in match[0] else "0")
            f.write(f'"{case}" ' + " ".join(vals) + "\n")
    png = os.path.join(out_dir, "qps.png")
    script = f"""
set terminal png noenhanced size {max(800, 90 * len(cases) + 200)},600
set output '{png}'
set title 'sysbench QPS (median; 0 = failed)'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics rotate by -40
set ylabel 'queries per second'
set key top right
set grid ytics
plot '{data}' using 2:xtic(1) title 'direct', '' using 3 title 'vtgate 1 shard', '' using 4 title 'vtgate 2 shards'
"""
    res = subprocess.run(["gnuplot"], input=script, capture_output=True, text=True)
    if res.returncode != 0:
        log("gnuplot failed: " + res.stderr.strip())
        return None
    return png


# --- main -----------------------------------------------------------------------

def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--smoke", action="store_true",
                   help="few seconds per case, 1 run, point_select and read_write, threads 1,8")
    p.add_argument("--build-dir", default=os.environ.get("BUILD_DIR", os.path.join(ROOT, "build")))
    p.add_argument("--out-dir", default=None, help="default bench/results/<timestamp>")
    p.add_argument("--workloads", default=None, help="comma list of sysbench oltp_* scripts")
    p.add_argument("--threads", default=None, help="comma list, e.g. 1,8,64")
    p.add_argument("--ps-modes", default=None, help="comma list of disable,auto")
    p.add_argument("--targets", default=",".join(TARGETS))
    p.add_argument("--time", type=int, default=None, help="seconds per run")
    p.add_argument("--runs", type=int, default=None, help="repetitions per case")
    p.add_argument("--table-size", type=int, default=None)
    p.add_argument("--pool-size", type=int, default=64, help="vttablet MariaDB pool size")
    # Everything shares this machine: on 2 cores one vtgate worker measured
    # 8% more point_select QPS than two (it leaves a core to MariaDB).
    p.add_argument("--vtgate-workers", type=int, default=max(1, (os.cpu_count() or 2) // 2),
                   help="vtgate worker threads (0: one per core; default: half the cores)")
    p.add_argument("--idle-connections", type=int, default=None)
    p.add_argument("--mysql-ignore-errors", default="",
                   help="passed to sysbench; empty keeps sysbench's default (deadlocks retried)")
    p.add_argument("--perf", action="store_true",
                   help="also profile vtgate with perf under oltp_point_select (1 shard, 8 "
                        "threads) and measure the CPU and context switches per query of each "
                        "process, direct and through vtgate")
    p.add_argument("--keep-dir", action="store_true", help="keep the temp dir (logs)")
    args = p.parse_args()
    smoke = args.smoke
    args.workloads = (args.workloads or ("oltp_point_select,oltp_read_write" if smoke else
                      "oltp_point_select,oltp_read_only,oltp_read_write,oltp_insert")).split(",")
    args.threads = [int(t) for t in (args.threads or ("1,8" if smoke else "1,8,64")).split(",")]
    args.ps_modes = (args.ps_modes or ("disable" if smoke else "disable,auto")).split(",")
    args.targets = args.targets.split(",")
    args.time = args.time or (3 if smoke else 10)
    args.runs = args.runs or (1 if smoke else 3)
    args.table_size = args.table_size or (1000 if smoke else 10000)
    if args.idle_connections is None:
        args.idle_connections = 1000 if smoke else 10000
    # oltp_insert grows the table: run it last so it does not skew the others.
    args.workloads.sort(key=lambda w: w == "oltp_insert")
    return args


def main():
    args = parse_args()
    command = " ".join(["scripts/bench.sh"] + sys.argv[1:])
    bin_dir = os.path.join(args.build_dir, "bin")
    for binary in ("vtgate", "vttablet"):
        if not os.access(os.path.join(bin_dir, binary), os.X_OK):
            log(f"{bin_dir}/{binary} not found: build first (scripts/build.sh)")
            return 2
    for tool in ("sysbench", "mariadbd", "mariadb-install-db", "openssl"):
        if not shutil.which(tool):
            log(f"{tool} not found: run scripts/install-deps.sh")
            return 2
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out_dir = args.out_dir or os.path.join(ROOT, "bench", "results", stamp)
    os.makedirs(out_dir, exist_ok=True)

    cluster = Cluster(bin_dir, args.pool_size, args.keep_dir, args.vtgate_workers)

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    samples = []
    notes = []
    idle = None
    try:
        cluster.start()
        for target in args.targets:
            notes.append(prepare(cluster, target, args.table_size))
            log(notes[-1])
        if "vtgate-2shard" in args.targets:
            notes.append(check_sharding(cluster, args.table_size))
            log(notes[-1])
        total = len(args.workloads) * len(args.ps_modes) * len(args.threads) * args.runs
        n = 0
        for workload in args.workloads:
            for ps_mode in args.ps_modes:
                for threads in args.threads:
                    for rep in range(args.runs):
                        n += 1
                        for target in args.targets:
                            r = run_case(cluster, target, workload, threads, ps_mode,
                                         args.time, args.table_size, args.mysql_ignore_errors)
                            r.update(workload=workload, ps_mode=ps_mode, threads=threads,
                                     target=target, rep=rep)
                            samples.append(r)
                            shown = (f"error: {r['error']}" if "error" in r else
                                     f"{r['qps']:.1f} qps, p50 {r.get('p50_ms', 0):.3f} ms, "
                                     f"p95 {r['p95_ms']:.2f} ms")
                            log(f"[{n}/{total}] {workload} {ps_mode} t{threads} {target}: {shown}")
                        dead = cluster.dead()
                        if dead:
                            raise RuntimeError(f"processes died: {', '.join(dead)}:\n" +
                                               tail(os.path.join(cluster.dir, dead[0] + ".log")))
        if args.perf:
            notes.append(profile_vtgate(cluster, args, out_dir))
            log(notes[-1])
            notes.append(cost_per_query(cluster, args, out_dir))
            log(notes[-1])
        if args.idle_connections > 0:
            soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
            want = args.idle_connections + 200
            if soft < want:
                resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
            before = rss_kib(cluster.vtgate.pid)
            conns, seconds, error = idle_connections(cluster.vtgate_port, args.idle_connections)
            time.sleep(1)
            after = rss_kib(cluster.vtgate.pid)
            idle = {"wanted": args.idle_connections, "opened": len(conns), "seconds": seconds,
                    "error": error, "rss_before_kib": before, "rss_after_kib": after,
                    "per_conn_kib": (after - before) / len(conns) if conns else 0.0}
            for c in conns:
                try:
                    c.close()
                except Exception:  # noqa: BLE001 - closing is best effort
                    pass
            log(f"idle: {len(conns)} connections in {seconds:.1f}s, vtgate RSS "
                f"{before} -> {after} KiB {error}")
    except KeyboardInterrupt as e:
        log(f"interrupted ({e}); stopping the cluster")
        cluster.stop()
        return 130
    except Exception as e:  # noqa: BLE001 - report, clean up, exit non-zero
        log(f"failed: {e}")
        cluster.stop()
        return 1
    cluster.stop()

    info = machine_info()
    rows = summarize(samples, args.targets)
    with open(os.path.join(out_dir, "results.csv"), "w", newline="") as f:
        cols = ["workload", "ps_mode", "threads", "target", "qps", "tps", "p50_ms", "p95_ms",
                "ratio", "added_p50_us", "runs", "ok_runs", "ignored_errors", "error"]
        w = csv.DictWriter(f, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({c: (round(r[c], 3) if isinstance(r.get(c), float) else r.get(c, ""))
                        for c in cols})
    with open(os.path.join(out_dir, "runs.csv"), "w", newline="") as f:
        cols = ["workload", "ps_mode", "threads", "target", "rep", "qps", "tps", "p50_ms",
                "p95_ms", "ignored_errors", "error"]
        w = csv.DictWriter(f, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for s in samples:
            w.writerow(s)
    md = markdown(rows, info, args, command, notes, idle)
    with open(os.path.join(out_dir, "results.md"), "w") as f:
        f.write(md)
    png = write_chart(rows, out_dir)
    print(md)
    log(f"wrote {out_dir}/results.md, results.csv, runs.csv" + (", qps.png" if png else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
