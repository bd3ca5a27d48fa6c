#!/usr/bin/python3
"""Online DDL under write load: Tessera's vttablet executor vs pt-online-schema-change.

Usage (from the repository root; builds nothing):

  ninja -C build vttablet tablet_command
  /usr/bin/python3 bench/onlineddl_compare.py --smoke             # 20,000 rows, ~2 minutes
  /usr/bin/python3 bench/onlineddl_compare.py                     # 1,000,000 rows
  /usr/bin/python3 bench/onlineddl_compare.py --build-dir build-bench --rows 200000 \\
      --tools tessera --keep-dir

Options: --build-dir (default `build`, relative to the repository root; it
needs bin/vttablet and bin/tablet_command), --rows, --smoke, --threads (4),
--workload (oltp_write_only), --rate (sysbench transactions per second, 0 =
unlimited: the default, which saturates a small host; a fixed rate models an
application with headroom, and the QPS drop then shows demand not served), --before (seconds of load before the migration,
10), --after (seconds of load after it, 5), --tools (tessera,pt-osc),
--runs (repetitions of each tool, 1; the order alternates between runs and
the report adds a median row per tool), and as a third "tool" `bare-copy`:
the floor of any ghost-table tool, only the copy itself (see
run_bare_copy), --buffer-pool (InnoDB buffer pool,
1G), --keep-dir.
Needs Debian's sysbench, percona-toolkit (pt-online-schema-change),
mariadb-server (mariadb-install-db, mariadbd, mariadb-binlog) and python3-pymysql.

What it does
------------
1. Starts a private MariaDB (mariadb-install-db + mariadbd on a free
   127.0.0.1 port, in a temporary directory, with log_bin, binlog_format=ROW,
   binlog_row_image=FULL, binlog_row_metadata=FULL, server_id=1) and the real
   vttablet (`<build>/bin/vttablet --port P --mariadb-socket S --mariadb-user
   root --keyspace bench --shard 0`). The tools reach MariaDB over its Unix
   socket, as `tessera up` has vttablet do (pt-osc with `S=` in its DSN);
   the load and the probe use TCP. `--tcp` puts the tools on TCP too.
   MIGRATION commands go to the tablet over the tablet RPC with
   `<build>/bin/tablet_command` (python cannot speak that RPC).
2. For each tool, on a freshly re-created database `sbtest`:
   `sysbench <workload> --tables=1 --table-size=N prepare`, then a background
   `sysbench <workload> --threads=4 --rate=<--rate> --report-interval=1` run, plus a
   light "probe" writer (one autocommit `UPDATE sbtest1 SET k=k+1 WHERE id=?`
   every 10 ms, each timed). After `--before` seconds the migration
   `ALTER TABLE sbtest1 ADD COLUMN c2 INT NOT NULL DEFAULT 0` starts:
     tessera: `MIGRATION SUBMIT '<uuid>' ALTER TABLE ...`, then
              `MIGRATION SHOW '<uuid>'` every 100 ms until it is complete;
     pt-osc:  `pt-online-schema-change --alter "ADD COLUMN c2 INT NOT NULL
              DEFAULT 0" --execute --recursion-method=none --no-drop-old-table
              --chunk-time=0.5 --max-load/--critical-load Threads_running=10000
              --set-vars lock_wait_timeout=60 --tries ...` (defaults otherwise:
              adaptive chunks, triggers, atomic RENAME swap).
   The load goes on for `--after` seconds after the migration ends.
3. Reports, per tool:
   - total s: wall time from the submit / pt-osc start to "complete" / exit.
   - QPS before: mean of sysbench's per-second qps over the `--before` window
     (the first 2 s of load skipped); QPS during: mean over the seconds inside
     the migration; drop %: 100 * (before - during) / before;
     worst 1-s QPS: the lowest per-second qps from the migration start to 1 s
     after its end (the cut-over is at the end).
   - longest write stall: the longest single probe write (ms) from the
     migration start to 2 s after its end; a write blocked by the cut-over
     lock shows here at ~1 ms resolution. cut-over stall: the same maximum
     over 1.5 s before to 1 s after the cut-over (tessera: when SHOW first
     says complete, polled every 100 ms; pt-osc: when it prints that it
     swaps the tables). "probe before" is the same maximum
     over the window before the migration (contention with sysbench alone),
     for scale. Also: seconds with 0 qps, the highest per-second p95 latency,
     and for tessera the executor's own `cutover_stall_ms`.
   - rows differing: exactly compared at the cut-over instant. Both tools keep
     the original table (tessera parks it as `sbtest1_<tag>_del` and keeps it
     in sync with the live table for the revert window; pt-osc with
     --no-drop-old-table keeps `_sbtest1_old`, untouched), so the old table
     at the cut-over is the truth. Each table's content AT the cut-over is
     rebuilt from its current rows and the binlog after the swap's RENAME
     TABLE event: for every id written after the RENAME, the before-image of
     its first post-RENAME change (binlog_row_image=FULL), or "absent" when
     that first change is an INSERT. (A transaction that still used the old
     table must commit before RENAME gets its metadata lock, so everything
     after the RENAME event in the binlog hit the new table.) rows differing
     = ids missing on one side or with different (k, c, pad): lost,
     duplicated or stale rows. Only the shared columns are compared.
4. Prints a Markdown table and writes it to bench/results/onlineddl-<ts>.md and
   .csv (with the host's core count and CPU model, the MariaDB and tool
   versions). On a small machine that is shared with other work, such as
   2 cores used by other builds, the numbers are noisy: compare runs made
   side by side.

The temporary directory and every process started are removed on exit,
failure or Ctrl-C (unless --keep-dir).
"""

import argparse
import csv
import datetime
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import pymysql

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DB = "sbtest"
TABLE = "sbtest1"
ALTER = "ADD COLUMN c2 INT NOT NULL DEFAULT 0"
SHARED_COLUMNS = ("id", "k", "c", "pad")


def log(msg):
    print(f"[onlineddl {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path, lines=30):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def version_of(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unknown"


class Env:
    """The private MariaDB and vttablet; stop() ends them and removes the dir."""

    def __init__(self, build_dir, buffer_pool, keep_dir, work_root=None, tcp=False):
        self.build_dir = build_dir
        self.tcp = tcp
        self.buffer_pool = buffer_pool
        self.keep_dir = keep_dir
        self.dir = tempfile.mkdtemp(prefix="tessera-onlineddl-bench-", dir=work_root)
        self.data = os.path.join(self.dir, "mariadb")
        self.socket = os.path.join(self.data, "mariadb.sock")
        self.procs = []  # (name, Popen)
        self.mariadb_port = None
        self.tablet_port = None
        self.tablet = None

    def spawn(self, name, argv, log_name):
        out = open(os.path.join(self.dir, log_name), "ab")
        p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                             start_new_session=True)
        out.close()
        self.procs.append((name, p))
        return p

    def start_mariadb(self):
        os.makedirs(self.data)
        os.makedirs(self.data + "-tmp")
        install = ["mariadb-install-db", "--no-defaults", f"--datadir={self.data}",
                   "--auth-root-authentication-method=normal", "--skip-test-db"]
        if os.geteuid() == 0:
            install.append("--user=root")
        done = subprocess.run(install, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError("mariadb-install-db failed:\n" + done.stdout + done.stderr)
        self.mariadb_port = free_port()
        argv = ["mariadbd", "--no-defaults", f"--datadir={self.data}",
                f"--port={self.mariadb_port}", "--bind-address=127.0.0.1",
                f"--socket={self.data}/mariadb.sock", f"--pid-file={self.data}/mariadb.pid",
                f"--tmpdir={self.data}-tmp", f"--log-bin={self.data}/binlog",
                "--binlog-format=ROW", "--binlog-row-image=FULL", "--binlog-row-metadata=FULL",
                "--server-id=1", f"--log-error={self.data}/error.log", "--skip-name-resolve",
                f"--innodb-buffer-pool-size={self.buffer_pool}", "--innodb-log-file-size=512M",
                "--max-connections=500", "--max-binlog-size=1G"]
        if os.geteuid() == 0:
            argv.append("--user=root")
        p = self.spawn("mariadbd", argv, "mariadbd.out")
        deadline = time.time() + 60
        while True:
            if p.poll() is not None:
                raise RuntimeError("mariadbd exited:\n" + tail(f"{self.data}/error.log"))
            try:
                self.connect(db=None).close()
                break
            except pymysql.MySQLError:
                if time.time() > deadline:
                    raise RuntimeError("mariadbd did not accept logins:\n" +
                                       tail(f"{self.data}/error.log"))
                time.sleep(0.2)
        log(f"MariaDB on 127.0.0.1:{self.mariadb_port} ({self.data})")

    def connect(self, db=DB, autocommit=True, tool=False):
        """A connection over TCP, as the application's; with `tool`, as the
        tool under test reaches MariaDB (the Unix socket unless --tcp)."""
        if tool and not self.tcp:
            return pymysql.connect(unix_socket=self.socket, user="root", password="", database=db,
                                   autocommit=autocommit, connect_timeout=10)
        return pymysql.connect(host="127.0.0.1", port=self.mariadb_port, user="root", password="",
                               database=db, autocommit=autocommit, connect_timeout=10)

    def start_tablet(self):
        self.tablet_port = free_port()
        binary = os.path.join(self.build_dir, "bin", "vttablet")
        self.tablet = self.spawn("vttablet", [
            binary, "--port", str(self.tablet_port), "--mariadb-host", "127.0.0.1",
            "--mariadb-port", str(self.mariadb_port), "--mariadb-user", "root"] +
            ([] if self.tcp else ["--mariadb-socket", self.socket]) + [
            "--keyspace", "bench", "--shard", "0", "--log-level", "info"], "vttablet.log")
        deadline = time.time() + 60
        while True:
            if self.tablet.poll() is not None:
                raise RuntimeError("vttablet exited:\n" + tail(os.path.join(self.dir, "vttablet.log")))
            ok, out = self.tablet_command("MIGRATION SHOW", db="mysql")
            if ok:
                break
            if time.time() > deadline:
                raise RuntimeError("vttablet does not answer MIGRATION SHOW: " + out)
            time.sleep(0.3)
        log(f"vttablet on 127.0.0.1:{self.tablet_port}")

    def tablet_command(self, sql, db=DB, header=False):
        argv = [os.path.join(self.build_dir, "bin", "tablet_command"), "--port",
                str(self.tablet_port), "--database", db]
        if header:
            argv.append("--header")
        argv.append(sql)
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            return False, (done.stderr or done.stdout).strip()
        return True, done.stdout

    def stop(self):
        for name, p in reversed(self.procs):
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
                try:
                    p.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    log(f"{name} ignores SIGTERM; killing it")
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait()
        self.procs = []
        if self.keep_dir:
            log(f"kept {self.dir}")
        else:
            shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------- sysbench

REPORT = re.compile(r"^\[\s*(\d+)s\s*\].*?tps:\s*([\d.]+)\s+qps:\s*([\d.]+).*?"
                    r"lat \(ms,95%\):\s*([\d.]+)\s+err/s:\s*([\d.]+)")


def sysbench_args(env, args):
    return ["sysbench", args.workload, "--db-driver=mysql", "--mysql-host=127.0.0.1",
            f"--mysql-port={env.mariadb_port}", "--mysql-user=root", "--mysql-password=",
            f"--mysql-db={DB}", "--tables=1", f"--table-size={args.rows}"]


def prepare_table(env, args):
    with env.connect(db=None) as c, c.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {DB}")
        cur.execute(f"CREATE DATABASE {DB}")
        cur.execute("PURGE BINARY LOGS BEFORE NOW() + INTERVAL 1 DAY")
    t0 = time.time()
    done = subprocess.run(sysbench_args(env, args) + ["--threads=2", "prepare"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError("sysbench prepare failed:\n" + done.stdout + done.stderr)
    with env.connect() as c, c.cursor() as cur:
        cur.execute(f"ANALYZE TABLE {TABLE}")
        cur.execute(f"SELECT COUNT(*) FROM {TABLE}")  # warms the buffer pool
        count = cur.fetchone()[0]
        cur.execute("FLUSH BINARY LOGS")
    log(f"prepared {TABLE} with {count} rows in {time.time() - t0:.1f} s")


class Load:
    """Background sysbench run; every per-second report with its arrival time."""

    def __init__(self, env, args):
        argv = ["stdbuf", "-oL"] + sysbench_args(env, args) + [
            f"--threads={args.threads}", f"--rate={args.rate}", "--report-interval=1",
            "--time=86400",
            "--rand-seed=1", "--mysql-ignore-errors=1213,1020,1205,1146,1051,1412", "run"]
        self.started = time.time()
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, start_new_session=True)
        self.reports = []  # (arrival, qps, p95_ms, errors_per_s)
        self.lines = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            now = time.time()
            self.lines.append(line)
            m = REPORT.search(line)
            if m:
                self.reports.append((now, float(m.group(3)), float(m.group(4)), float(m.group(5))))

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.reader.join(timeout=10)

    def fatal(self):
        return [l for l in self.lines if "FATAL" in l or "ALERT" in l]

    def window(self, start, end):
        """Reports whose 1-second interval's midpoint is in [start, end]."""
        return [r for r in self.reports if start <= r[0] - 0.5 <= end]


class Probe:
    """One autocommit point UPDATE every 10 ms; (start, latency s, error) each."""

    def __init__(self, env, rows):
        self.env = env
        self.rows = rows
        self.samples = []
        self.stopping = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        rng = random.Random(7)
        conn = None
        while not self.stopping:
            if conn is None:
                try:
                    conn = self.env.connect()
                except pymysql.MySQLError:
                    time.sleep(0.05)
                    continue
            t0 = time.time()
            error = None
            try:
                with conn.cursor() as cur:
                    cur.execute(f"UPDATE {TABLE} SET k = k + 1 WHERE id = %s",
                                (rng.randint(1, self.rows),))
            except pymysql.MySQLError as e:
                error = str(e.args[0]) if e.args else "error"
                try:
                    conn.close()
                except pymysql.MySQLError:
                    pass
                conn = None
            self.samples.append((t0, time.time() - t0, error))
            time.sleep(0.01)
        if conn is not None:
            conn.close()

    def stop(self):
        self.stopping = True
        self.thread.join(timeout=120)

    def max_latency_ms(self, start, end):
        lat = [s[1] for s in self.samples if start <= s[0] <= end]
        # A write that started before the window but ended inside it counts too.
        lat += [s[1] for s in self.samples if s[0] < start and s[0] + s[1] > start]
        return 1000.0 * max(lat) if lat else float("nan")

    def errors(self, start, end):
        return sum(1 for s in self.samples if start <= s[0] <= end and s[2])


# ---------------------------------------------------------------- migrations

def run_tessera(env, args, result):
    uuid = f"bench-{int(time.time())}"
    t0 = time.time()
    ok, out = env.tablet_command(f"MIGRATION SUBMIT '{uuid}' ALTER TABLE {TABLE} {ALTER}")
    if not ok:
        raise RuntimeError("MIGRATION SUBMIT failed: " + out)
    if args.throttle_ratio:
        ok, out = env.tablet_command(f"MIGRATION THROTTLE '{uuid}' RATIO {args.throttle_ratio}")
        if not ok:
            raise RuntimeError("MIGRATION THROTTLE ... RATIO failed: " + out)
    row = {}
    last_state = None
    while True:
        ok, out = env.tablet_command(f"MIGRATION SHOW '{uuid}'", header=True)
        if ok:
            lines = out.rstrip("\n").split("\n")
            if len(lines) >= 2:
                row = dict(zip(lines[0].split("\t"), lines[1].split("\t")))
        state = row.get("state")
        if state != last_state:
            log(f"tessera migration {uuid}: {state} {row.get('message', '')}")
            last_state = state
        if state == "complete":
            break
        if state in ("failed", "cancelled"):
            raise RuntimeError(f"tessera migration {state}: {row.get('message')}\n" +
                               tail(os.path.join(env.dir, "vttablet.log")))
        if time.time() - t0 > args.timeout:
            raise RuntimeError(f"tessera migration not complete after {args.timeout} s: {row}")
        time.sleep(0.1)
    t1 = time.time()
    # The cut-over happened during the last poll interval.
    result.update(uuid=uuid, start=t0, end=t1, cutover_at=t1,
                  tool_stall_ms=row.get("cutover_stall_ms", ""),
                  rows_copied=row.get("rows_copied", ""),
                  cutover_attempts=row.get("cutover_attempts", ""))
    with env.connect() as c, c.cursor() as cur:
        cur.execute("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s "
                    "AND TABLE_NAME LIKE %s", (DB, TABLE + r"\_%\_del"))
        names = [r[0] for r in cur.fetchall()]
    if len(names) != 1:
        raise RuntimeError(f"expected one parked table, found {names}")
    result["old_table"] = names[0]


def wait_for_revert_sync(env, uuid, timeout=30):
    """Waits until tessera's executor has applied to the parked original every
    write up to the binlog's end now. It follows the live table about once a
    second, so right after the load stops the parked table can lag; comparing
    then would count writes it has yet to apply as differing rows."""
    with env.connect() as c, c.cursor() as cur:
        cur.execute("SHOW MASTER STATUS")
        end = tuple(cur.fetchone()[:2])
        deadline = time.time() + timeout
        while True:
            cur.execute("SELECT cutover_file, cutover_offset FROM `_tessera`.`schema_migrations` "
                        "WHERE uuid = %s", (uuid,))
            row = cur.fetchone()
            if row and row[0] and (row[0], int(row[1])) >= end:
                return
            if time.time() > deadline:
                raise RuntimeError(f"the parked table of {uuid} did not follow the binlog up to "
                                   f"{end} within {timeout} s (at {row})")
            time.sleep(0.2)


def run_ptosc(env, args, result):
    dsn = (f"h=127.0.0.1,P={env.mariadb_port}" if env.tcp else f"h=localhost,S={env.socket}") + \
        f",u=root,D={DB},t={TABLE}"
    argv = ["pt-online-schema-change", "--alter", ALTER, "--execute", "--recursion-method=none",
            "--no-drop-old-table", "--no-check-alter", "--chunk-time=0.5",
            "--max-load", "Threads_running=10000", "--critical-load", "Threads_running=10000",
            "--set-vars", "lock_wait_timeout=60,innodb_lock_wait_timeout=5",
            "--tries", "create_triggers:200:0.1,drop_triggers:200:0.1,swap_tables:200:0.1,"
                       "copy_rows:20:0.5,update_foreign_keys:20:0.5",
            "--progress", "time,10", dsn]
    out_path = os.path.join(env.dir, "pt-osc.log")
    t0 = time.time()
    swap = None
    with open(out_path, "w") as out:
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             start_new_session=True)
        for line in p.stdout:
            out.write(f"{time.time():.3f} {line}")
            if swap is None and ("Swapping tables" in line or "Swapped original" in line):
                swap = time.time()
            if "Copying" in line or "Swapped" in line or "Error" in line:
                log("pt-osc: " + line.strip())
        code = p.wait()
    t1 = time.time()
    if code != 0:
        raise RuntimeError(f"pt-online-schema-change exited with {code}:\n" + tail(out_path))
    result.update(start=t0, end=t1, tool_stall_ms="", cutover_at=swap or t1,
                  old_table=f"_{TABLE}_old")


def run_bare_copy(env, args, result):
    """The floor of any ghost-table tool on this host: the new table's rows
    copied and nothing else. The same statements as tessera's copy (a new
    table with the ALTER applied and its secondary indexes left out, chunks
    of `INSERT IGNORE ... SELECT ... ORDER BY id LIMIT n` in a read-committed
    session, chunk size adapted to 100 ms from 1,000 up to 50,000 rows, then
    the indexes built), with no binlog applied, no checkpoints and no
    cut-over. The copy is binlogged like every tool's. The table it fills is
    dropped afterwards; there is nothing to compare."""
    bare = f"_{TABLE}_bare"
    with env.connect(tool=True) as c, c.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {bare}")
        cur.execute(f"CREATE TABLE {bare} LIKE {TABLE}")
        cur.execute(f"SHOW CREATE TABLE {TABLE}")
        create = cur.fetchone()[1]
        # The plain secondary keys, e.g. "KEY `k_1` (`k`)": dropped before the
        # copy, built after it.
        index_clauses = [line.strip().rstrip(",") for line in create.split("\n")
                         if line.strip().startswith("KEY ")]
        cur.execute(f"ALTER TABLE {bare} {ALTER}" +
                    "".join(f", DROP KEY {c.split()[1]}" for c in index_clauses))
        columns = ", ".join(SHARED_COLUMNS)
        cur.execute("SET SESSION tx_isolation = 'READ-COMMITTED'")
        t0 = time.time()
        after, chunk = 0, 1000
        while True:
            started = time.time()
            copied = cur.execute(f"INSERT IGNORE INTO {bare} ({columns}) SELECT {columns} "
                                 f"FROM {TABLE} FORCE INDEX (PRIMARY) WHERE id > %s "
                                 f"ORDER BY id LIMIT {chunk}", (after,))
            elapsed = time.time() - started
            if copied < chunk:
                break
            cur.execute(f"SELECT MAX(id) FROM {bare}")
            after = cur.fetchone()[0]
            if elapsed < 0.05:
                chunk = min(50000, chunk * 2)
            elif elapsed > 0.2:
                chunk = max(100, chunk // 2)
        copy_s = time.time() - t0
        if index_clauses:
            cur.execute(f"ALTER TABLE {bare} " + ", ".join(f"ADD {c}" for c in index_clauses))
        t1 = time.time()
        cur.execute(f"DROP TABLE {bare}")
    log(f"bare copy: rows {copy_s:.1f} s, {len(index_clauses)} index(es) {t1 - t0 - copy_s:.1f} s")
    result.update(start=t0, end=t1, cutover_at=t1, tool_stall_ms="")


# ---------------------------------------------------------------- correctness

def binlog_files(env):
    with env.connect() as c, c.cursor() as cur:
        cur.execute("SHOW BINARY LOGS")
        return [r[0] for r in cur.fetchall()]


def find_rename(env, files, start_file, start_pos, old_table):
    """(file, position) of the RENAME TABLE that parked TABLE as `old_table`."""
    idx = files.index(start_file)
    for i, name in enumerate(files[idx:]):
        argv = ["mariadb-binlog", "--base64-output=decode-rows"]
        if i == 0:
            argv.append(f"--start-position={start_pos}")
        argv.append(os.path.join(env.data, name))
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             errors="replace")
        at = None
        found = None
        for line in p.stdout:
            if line.startswith("# at "):
                at = int(line[5:].strip())
            elif found is None and "RENAME TABLE" in line.upper() and old_table in line:
                found = at
        p.wait()
        if found is not None:
            return name, found
    return None


ROW_EVENT = re.compile(r"^### (INSERT INTO|UPDATE|DELETE FROM) `([^`]*)`\.`([^`]*)`")
COLUMN = re.compile(r"^###\s+@(\d+)=(.*)$")


def parse_value(text):
    text = text.strip()
    # mariadb-binlog -v comments follow values: "5 /* INT meta=0 nullable=0 is_null=0 */"
    text = re.sub(r"\s*/\*.*\*/\s*$", "", text)
    if text == "NULL":
        return None
    if text.startswith("'") and text.endswith("'"):
        return text[1:-1]
    m = re.match(r"^(-?\d+)(?: \((\d+)\))?$", text)
    if m:
        return m.group(1)
    return text


def first_images_after(env, files, file, pos, table=TABLE):
    """{id: (k, c, pad) or None}: `table`'s row at the cut-over for ids
    changed after the RENAME at (file, pos); None: the id did not exist."""
    first = {}
    idx = files.index(file)
    for i, name in enumerate(files[idx:]):
        argv = ["mariadb-binlog", "--base64-output=decode-rows", "-v"]
        if i == 0:
            argv.append(f"--start-position={pos}")
        argv.append(os.path.join(env.data, name))
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             errors="replace")
        kind = None
        section = None
        image = {}

        def flush():
            if kind is None or not image:
                return
            row_id = image.get(1)
            if row_id is None or row_id in first:
                return
            if kind == "INSERT INTO":
                first[row_id] = None
            else:
                first[row_id] = (image.get(2), image.get(3), image.get(4))

        for line in p.stdout:
            m = ROW_EVENT.match(line)
            if m:
                flush()
                image = {}
                matches = m.group(2) == DB and m.group(3) == table
                kind = m.group(1) if matches else None
                section = None
                continue
            if kind is None:
                continue
            if line.startswith("### WHERE"):
                section = "before"
                continue
            if line.startswith("### SET"):
                if kind == "UPDATE":
                    flush()  # the before image is complete
                    image = {}
                    section = "after-update"
                else:
                    section = "after"
                continue
            c = COLUMN.match(line)
            if c and section in ("before", "after"):
                image[int(c.group(1))] = parse_value(c.group(2))
            elif not line.startswith("###"):
                flush()
                kind = None
                image = {}
        flush()
        p.wait()
    return first


def rebuild_at_cutover(cur, source, first, name):
    """Creates table `name` holding `source` as it was at the cut-over: its
    current rows, with the first post-RENAME image of every id in `first`."""
    fix = name + "_fix"
    cur.execute(f"DROP TABLE IF EXISTS {fix}")
    cur.execute(f"CREATE TABLE {fix} (id INT NOT NULL PRIMARY KEY, "
                "present TINYINT NOT NULL, k INT, c CHAR(120), pad CHAR(60)) ENGINE=InnoDB")
    batch = [(int(i), 0 if v is None else 1, None if v is None else v[0],
              None if v is None else v[1], None if v is None else v[2])
             for i, v in first.items()]
    for s in range(0, len(batch), 1000):
        cur.executemany(f"INSERT INTO {fix} VALUES (%s, %s, %s, %s, %s)", batch[s:s + 1000])
    cur.execute(f"DROP TABLE IF EXISTS {name}")
    cur.execute(f"CREATE TABLE {name} (id INT NOT NULL PRIMARY KEY, k INT, "
                "c CHAR(120), pad CHAR(60)) ENGINE=InnoDB "
                f"SELECT t.id, t.k, t.c, t.pad FROM `{source}` t LEFT JOIN {fix} f "
                "ON f.id = t.id WHERE f.id IS NULL "
                f"UNION ALL SELECT id, k, c, pad FROM {fix} WHERE present = 1")


def rows_differing(env, old_table, first, first_old):
    """Ids whose shared columns differ between `old_table` and TABLE, both as
    they were at the cut-over. (Tessera keeps the parked original in sync
    with the live table during the revert window, so its post-RENAME writes
    are rolled back the same way.)"""
    with env.connect() as c, c.cursor() as cur:
        rebuild_at_cutover(cur, TABLE, first, "_bench_at_cutover")
        rebuild_at_cutover(cur, old_table, first_old, "_bench_old_at_cutover")
        same = "n.k <=> o.k AND n.c <=> o.c AND n.pad <=> o.pad"
        cur.execute("SELECT COUNT(*) FROM _bench_at_cutover n LEFT JOIN _bench_old_at_cutover o "
                    f"ON o.id = n.id WHERE o.id IS NULL OR NOT ({same})")
        differing = cur.fetchone()[0]
        cur.execute("SELECT COUNT(*) FROM _bench_old_at_cutover o LEFT JOIN _bench_at_cutover n "
                    "ON n.id = o.id WHERE n.id IS NULL")
        differing += cur.fetchone()[0]
        cur.execute("SELECT COUNT(*) FROM _bench_old_at_cutover")
        old_rows = cur.fetchone()[0]
        cur.execute("SELECT COUNT(*) FROM _bench_at_cutover")
        new_rows = cur.fetchone()[0]
    return differing, old_rows, new_rows


# ---------------------------------------------------------------- one run

def run_tool(env, args, tool):
    log(f"== {tool}: preparing {args.rows} rows")
    prepare_table(env, args)
    with env.connect() as c, c.cursor() as cur:
        cur.execute("SHOW MASTER STATUS")
        start_file, start_pos = cur.fetchone()[:2]
    load = Load(env, args)
    probe = Probe(env, args.rows)
    result = {"tool": tool, "rows": args.rows}
    try:
        time.sleep(args.before + 2)
        if load.proc.poll() is not None:
            raise RuntimeError("sysbench stopped:\n" + "".join(load.lines[-20:]))
        log(f"{tool}: migration starts")
        if tool == "tessera":
            run_tessera(env, args, result)
        elif tool == "bare-copy":
            run_bare_copy(env, args, result)
        else:
            run_ptosc(env, args, result)
        log(f"{tool}: migration done in {result['end'] - result['start']:.1f} s")
        time.sleep(args.after)
    finally:
        probe.stop()
        load.stop()
    if tool == "tessera":
        wait_for_revert_sync(env, result["uuid"])
    fatal = load.fatal()
    if fatal:
        log(f"{tool}: sysbench reported: " + "".join(fatal[:5]))
    start, end = result["start"], result["end"]
    before = load.window(load.started + 2, start)
    during = load.window(start, end)
    around = load.window(start, end + 1)
    qps_before = statistics.mean(r[1] for r in before) if before else float("nan")
    qps_during = statistics.mean(r[1] for r in during) if during else float("nan")
    result.update(
        total_s=end - start,
        qps_before=qps_before,
        qps_during=qps_during,
        drop_pct=100.0 * (qps_before - qps_during) / qps_before if before and during else float("nan"),
        worst_qps=min((r[1] for r in around), default=float("nan")),
        zero_qps_s=sum(1 for r in load.window(start, end + args.after) if r[1] == 0),
        max_p95_ms=max((r[2] for r in around), default=float("nan")),
        errors_per_s_max=max((r[3] for r in around), default=0.0),
        stall_ms=probe.max_latency_ms(start, end + 2),
        cutover_stall_ms=probe.max_latency_ms(result["cutover_at"] - 1.5, result["cutover_at"] + 1),
        probe_before_ms=probe.max_latency_ms(load.started + 2, start),
        probe_errors=probe.errors(start, end + 2),
        sysbench_fatal=len(fatal),
    )
    if tool == "bare-copy":
        result.update(rows_differing="n/a", old_rows="n/a", new_rows="n/a",
                      post_cutover_ids="n/a")
        log(f"{tool}: {fmt_row(result)}")
        return result
    # Correctness at the cut-over.
    files = binlog_files(env)
    found = find_rename(env, files, start_file, start_pos, result["old_table"])
    if found is None:
        log(f"{tool}: no RENAME TABLE to {result['old_table']} found in the binlog")
        result.update(rows_differing="?", old_rows="?", new_rows="?", post_cutover_ids="?")
    else:
        first = first_images_after(env, files, *found)
        first_old = first_images_after(env, files, *found, table=result["old_table"])
        differing, old_rows, new_rows = rows_differing(env, result["old_table"], first, first_old)
        result.update(rows_differing=differing, old_rows=old_rows, new_rows=new_rows,
                      post_cutover_ids=len(first))
    log(f"{tool}: {fmt_row(result)}")
    return result


# ---------------------------------------------------------------- report

COLUMNS = [
    ("tool", "tool"), ("rows", "rows"), ("total_s", "total s"), ("qps_before", "QPS before"),
    ("qps_during", "QPS during"), ("drop_pct", "drop %"), ("worst_qps", "worst 1-s QPS"),
    ("stall_ms", "longest write stall ms"), ("cutover_stall_ms", "cut-over stall ms"),
    ("probe_before_ms", "probe before ms"),
    ("zero_qps_s", "0-QPS s"), ("max_p95_ms", "max p95 ms"), ("tool_stall_ms", "tool stall ms"),
    ("rows_differing", "rows differing"),
]


def fmt(value, key):
    if isinstance(value, float):
        if value != value:  # nan
            return "n/a"
        if key in ("total_s", "drop_pct"):
            return f"{value:.1f}"
        return f"{value:.0f}"
    return str(value)


def fmt_row(r):
    return ", ".join(f"{title}={fmt(r.get(key, ''), key)}" for key, title in COLUMNS[2:])


def median_of(results, tool):
    """A row of the medians of `tool`'s numeric columns over its runs."""
    runs = [r for r in results if r["tool"] == tool]
    row = {"tool": tool, "rows": runs[0]["rows"], "run": "median"}
    for key, _ in COLUMNS[2:]:
        values = []
        for r in runs:
            try:
                value = float(r.get(key))
            except (TypeError, ValueError):
                continue
            if value == value:  # not nan
                values.append(value)
        if values:
            row[key] = statistics.median(values)
    return row


def markdown(results, meta):
    lines = [f"# Online DDL under load: tessera vs pt-online-schema-change ({meta['when']})", ""]
    for k in ("command", "host", "versions", "workload", "alter"):
        lines.append(f"- {k}: {meta[k]}")
    lines.append("")
    lines.append("| run | " + " | ".join(title for _, title in COLUMNS) + " |")
    lines.append("|---|" + "|".join("---" for _ in COLUMNS) + "|")
    for r in results:
        lines.append(f"| {r.get('run', 1)} | " +
                     " | ".join(fmt(r.get(key, ""), key) for key, _ in COLUMNS) + " |")
    lines.append("")
    for r in results:
        if r.get("run") == "median":
            continue
        extra = [f"rows in old/new table {r.get('old_rows')}/{r.get('new_rows')}",
                 f"ids written after the cut-over {r.get('post_cutover_ids')}",
                 f"probe write errors {r.get('probe_errors')}",
                 f"max sysbench err/s {fmt(r.get('errors_per_s_max', 0.0), 'x')}"]
        if r["tool"] == "tessera":
            extra.append(f"rows_copied {r.get('rows_copied')}, "
                         f"cutover_attempts {r.get('cutover_attempts')}")
        lines.append(f"- {r['tool']}: " + "; ".join(extra))
    # The ratio of one run, or of the medians.
    t = {}
    for r in results:
        if r.get("run") in (1, "median"):
            t[r["tool"]] = r
    for tool in ("tessera", "bare-copy"):
        if all(x in t and "total_s" in t[x] for x in (tool, "pt-osc")):
            which = "median " if t[tool].get("run") == "median" else ""
            lines.append(f"- {tool} / pt-osc {which}total time: "
                         f"{t[tool]['total_s'] / t['pt-osc']['total_s']:.2f}")
    lines.append("")
    lines.append("Budget (DESIGN.md): at most half pt-osc's time, QPS drop < 20%, cut-over "
                 "stall <= 100 ms, 0 rows differing. " + meta["note"])
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build-dir", default="build",
                        help="build directory with bin/vttablet and bin/tablet_command "
                             "(relative to the repository root)")
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--smoke", action="store_true", help="20,000 rows, short windows")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workload", default="oltp_write_only",
                        choices=("oltp_write_only", "oltp_read_write"))
    parser.add_argument("--rate", type=int, default=0,
                        help="sysbench transactions per second for the load (0: as many as the "
                             "machine gives, which saturates a small host)")
    parser.add_argument("--throttle-ratio", default="",
                        help="tessera only: MIGRATION THROTTLE ... RATIO <r> right after the "
                             "submit, so the copy pauses r of the time (e.g. 0.5)")
    parser.add_argument("--runs", type=int, default=1,
                        help="repetitions of each tool, alternating; the report adds the median")
    parser.add_argument("--before", type=float, default=None)
    parser.add_argument("--after", type=float, default=None)
    parser.add_argument("--tools", default="tessera,pt-osc")
    parser.add_argument("--buffer-pool", default="1G")
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--keep-dir", action="store_true")
    parser.add_argument("--tcp", action="store_true",
                        help="the tools reach MariaDB over TCP, as the load does, instead of the "
                             "Unix socket (which `tessera up` gives vttablet)")
    parser.add_argument("--work-root", default=None,
                        help="where the temporary directory (MariaDB's data and binlog) goes; "
                             "/dev/shm takes a shared or slow disk's stalls out of the figures "
                             "(both tools alike)")
    args = parser.parse_args()
    if args.rows is None:
        args.rows = 20000 if args.smoke else 1000000
    if args.before is None:
        args.before = 5 if args.smoke else 10
    if args.after is None:
        args.after = 3 if args.smoke else 5
    build_dir = os.path.join(ROOT, args.build_dir)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    for t in tools:
        if t not in ("tessera", "pt-osc", "bare-copy"):
            parser.error(f"unknown tool {t}")
    for binary in ("vttablet", "tablet_command"):
        if "tessera" in tools and not os.access(os.path.join(build_dir, "bin", binary), os.X_OK):
            parser.error(f"{build_dir}/bin/{binary} is missing: "
                         f"ninja -C {args.build_dir} vttablet tablet_command")
    for tool in ("sysbench", "pt-online-schema-change", "mariadbd", "mariadb-install-db",
                 "mariadb-binlog", "stdbuf"):
        if shutil.which(tool) is None:
            parser.error(f"{tool} is not installed (scripts/install-deps.sh)")

    env = Env(build_dir, args.buffer_pool, args.keep_dir, args.work_root, args.tcp)

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    results = []
    try:
        env.start_mariadb()
        if "tessera" in tools:
            env.start_tablet()
        for run in range(args.runs):
            # Alternate the order, so neither tool always runs on a warmer host.
            for tool in (tools if run % 2 == 0 else list(reversed(tools))):
                result = run_tool(env, args, tool)
                result["run"] = run + 1
                results.append(result)
        with env.connect(db=None) as c, c.cursor() as cur:
            cur.execute("SELECT VERSION()")
            server_version = cur.fetchone()[0]
    finally:
        env.stop()

    now = datetime.datetime.now()
    meta = {
        "when": now.strftime("%Y-%m-%d %H:%M"),
        "command": "/usr/bin/python3 bench/onlineddl_compare.py " + " ".join(sys.argv[1:]),
        "host": f"{os.cpu_count()} cores, {cpu_model()}, {platform.platform()}",
        "versions": f"MariaDB {server_version}; {version_of(['sysbench', '--version'])}; "
                    f"{version_of(['pt-online-schema-change', '--version'])}",
        "workload": f"sysbench {args.workload}, {args.threads} threads, --rate={args.rate}"
                    f"{', tessera throttle ratio ' + args.throttle_ratio if args.throttle_ratio else ''}, one table of "
                    f"{args.rows} rows, plus a 100/s probe writer; {args.before:g} s of load "
                    f"before the migration, {args.after:g} s after",
        "alter": f"ALTER TABLE {TABLE} {ALTER}; the tools reach MariaDB over "
                 f"{'TCP' if args.tcp else 'its Unix socket'}",
        "note": ("MariaDB, vttablet, sysbench and the tool share this host's "
                 f"{os.cpu_count()} cores (and it may be shared with other work), so QPS "
                 "figures are noisy; compare the rows of one run."),
    }
    if args.runs > 1:
        results += [median_of(results, tool) for tool in tools]
    text = markdown(results, meta)
    print(text)
    out_dir = os.path.join(ROOT, "bench", "results")
    os.makedirs(out_dir, exist_ok=True)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    with open(os.path.join(out_dir, f"onlineddl-{stamp}.md"), "w") as f:
        f.write(text)
    keys = [k for k, _ in COLUMNS] + ["old_rows", "new_rows", "post_cutover_ids", "probe_errors",
                                      "errors_per_s_max", "rows_copied", "cutover_attempts"]
    with open(os.path.join(out_dir, f"onlineddl-{stamp}.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["run"] + keys + ["cores", "cpu"])
        for r in results:
            w.writerow([r.get("run", 1)] + [fmt(r.get(k, ""), k) for k in keys] +
                       [os.cpu_count(), cpu_model()])
    log(f"wrote bench/results/onlineddl-{stamp}.md and .csv")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt as e:
        log(f"interrupted ({e})")
        sys.exit(130)
    except RuntimeError as e:
        log(f"FAILED: {e}")
        sys.exit(1)
