#!/usr/bin/env bash
# Real backing services for the test suite (PostgreSQL, Redis, Elasticsearch),
# listening on loopback only, with all of their data under <repo>/.services/.
#
#   scripts/services.sh up     [service...]   start what is missing, print exports
#   scripts/services.sh env    [service...]   print exports only
#   scripts/services.sh status [service...]   one line per service
#   scripts/services.sh down   [service...]   stop what this script started
#
# Services: postgres, redis, keycloak, elasticsearch, s3proxy, pg-replica,
# es-cluster (default: all).
# Typical use:   eval "$(scripts/services.sh up)"
#
# stdout carries nothing but `export` lines (for eval) or status lines;
# every progress message goes to stderr.
#
# Ports are deliberately unusual so that a developer's own PostgreSQL (5432),
# Redis (6379) or Elasticsearch (9200) is never touched. A service that this
# script did not start is reused if it answers like the right thing, and is
# never stopped by `down`.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
SERVICES_DIR="$REPO_ROOT/.services"
# Keycloak before Elasticsearch: it is started in the background and waited
# for in kc_env, after the others have started, so its half-minute start
# overlaps theirs.
ALL_SERVICES=(postgres redis keycloak elasticsearch s3proxy pg-replica es-cluster)

PG_PORT=54329
PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR="$SERVICES_DIR/postgres"
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/postgres.log"
PG_USER=portfolio PG_PASSWORD=portfolio PG_DATABASE=portfolio
PG_TIMEOUT=60

REDIS_PORT=63799
REDIS_DIR="$SERVICES_DIR/redis"
REDIS_CONF="$REDIS_DIR/redis.conf"
REDIS_PIDFILE="$REDIS_DIR/redis.pid"
REDIS_TIMEOUT=20

ES_PORT=9251
ES_TRANSPORT_PORT=9351
ES_DIR="$SERVICES_DIR/elasticsearch"
ES_POM="$REPO_ROOT/scripts/elasticsearch/pom.xml"
ES_PLUGIN_SRC="$REPO_ROOT/scripts/elasticsearch/TestShimsPlugin.java"
ES_PIDFILE="$ES_DIR/run/es.pid"
ES_LOG="$ES_DIR/es.log"
ES_TIMEOUT=180
ES_HEAP_OPTS="-Xms512m -Xmx1g"

# Two more Elasticsearch nodes as one cluster (the node-loss test); ports
# 9262/9263 (HTTP) and 9362/9363 (transport), beside the single node.
ESC_DIR="$SERVICES_DIR/es-cluster"
ESC_HTTP_BASE=9261
ESC_TRANSPORT_BASE=9361
ESC_HEAP_OPTS="-Xms256m -Xmx384m"

# S3Proxy: a real S3 API (signatures, presigned URLs, real errors) over a
# directory, so the suite runs with object storage on (docs/deploy.md).
S3_PORT=58281
S3_VERSION=2.6.0
S3_DIR="$SERVICES_DIR/s3proxy"
S3_JAR="$S3_DIR/download/s3proxy-$S3_VERSION-jar-with-dependencies.jar"
S3_PIDFILE="$S3_DIR/s3proxy.pid"
S3_LOG="$S3_DIR/s3proxy.log"
S3_BUCKET=portfolio-test
S3_IDENTITY=portfolio S3_CREDENTIAL=portfolio-secret
S3_TIMEOUT=60

# A streaming replica of the PostgreSQL above, for the reports' reads.
REPLICA_PORT=54339
REPLICA_DIR="$SERVICES_DIR/postgres-replica"
REPLICA_DATA="$REPLICA_DIR/data"
REPLICA_LOG="$REPLICA_DIR/postgres.log"
REPLICA_ROLE=portfolio_replicator REPLICA_PASSWORD=portfolio-replicator

# PostgreSQL and Elasticsearch both refuse to run as root, and CI runs as root,
# so as root they run as this unprivileged system user (created on demand).
SERVICE_USER=portfolio-svc

DATABASE_URL="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DATABASE"
CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0"
REDIS_URL="redis://127.0.0.1:$REDIS_PORT/1"
ELASTICSEARCH_URL="http://127.0.0.1:$ES_PORT"
DATABASE_REPLICA_URL="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$REPLICA_PORT/$PG_DATABASE"

log() { printf 'services: %s\n' "$*" >&2; }
die() { printf 'services: error: %s\n' "$*" >&2; exit 1; }

usage() {
    sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
    exit 2
}

# --------------------------------------------------------------------------
# Generic helpers
# --------------------------------------------------------------------------

is_root() { [[ $(id -u) -eq 0 ]]; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True if the pid in $1 is alive and its command line contains $2; guards
# against a stale pid file whose number now belongs to something else.
pidfile_alive() {
    local pidfile=$1 pattern=$2 pid
    [[ -s $pidfile ]] || return 1
    pid=$(head -n1 "$pidfile" 2>/dev/null | tr -dc '0-9')
    [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pattern"
}

pid_of() { head -n1 "$1" | tr -dc '0-9'; }

# Run a command as the service user when we are root; as ourselves otherwise.
# `cd /` because the caller's cwd (e.g. /root) may be unreadable for that user.
as_service_user() {
    if is_root; then
        (cd / && runuser -u "$SERVICE_USER" -- "$@")
    else
        "$@"
    fi
}

ensure_service_user() {
    is_root || return 0
    id -u "$SERVICE_USER" >/dev/null 2>&1 && return 0
    log "creating unprivileged system user '$SERVICE_USER' to run PostgreSQL and Elasticsearch"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin "$SERVICE_USER"
}

# Give a directory to the service user. Only recurses when the top is wrong,
# so repeated `up`s don't walk a large Elasticsearch data tree every time.
own_dir() {
    local dir=$1
    mkdir -p "$dir"
    is_root || return 0
    if [[ $(stat -c %U "$dir") != "$SERVICE_USER" ]]; then
        chown -R "$SERVICE_USER:$SERVICE_USER" "$dir"
    fi
}

# The service user must be able to walk down to .services/ even when the clone
# lives somewhere private such as /root/...; grant traverse (x) only, never read.
ensure_traversable() {
    is_root || return 0
    # Top-down, so each test runs with every ancestor already reachable and
    # only the directories that really block the way are changed.
    local dir=$SERVICES_DIR ancestors=() i
    while [[ $dir != / ]]; do
        ancestors=("$dir" "${ancestors[@]}")
        dir=$(dirname "$dir")
    done
    for i in "${ancestors[@]}"; do
        if ! runuser -u "$SERVICE_USER" -- test -x "$i"; then
            log "granting others traverse permission on $i so '$SERVICE_USER' can reach .services/"
            chmod o+x "$i"
        fi
    done
}

APT_UPDATED=
apt_install() {
    is_root || die "missing packages ($*); install them or re-run as root"
    export DEBIAN_FRONTEND=noninteractive
    # Wait for, rather than collide with, an apt run that is already going.
    local apt=(apt-get -q -o DPkg::Lock::Timeout=900)
    if [[ -z $APT_UPDATED ]]; then
        log "apt-get update"
        "${apt[@]}" update >&2 || die "apt-get update failed"
        APT_UPDATED=1
    fi
    log "installing Debian packages: $*"
    "${apt[@]}" install -y "$@" >&2 || die "apt-get install $* failed"
}

# wait_for SECONDS COMMAND...: poll until COMMAND succeeds; false on timeout.
wait_for() {
    local timeout=$1
    shift
    local deadline=$((SECONDS + timeout))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.5
    done
}

# --------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------

# A unix socket path is limited to 107 bytes; a deep checkout could overflow it
# with .services/postgres/run/.s.PGSQL.54329, so fall back to a short private
# directory in /tmp, keyed on the checkout so two clones never share one.
pg_socket_dir() {
    local dir="$PG_DIR/run"
    if ((${#dir} + 16 > 107)); then
        dir="/tmp/portfolio-pg-$(printf '%s' "$REPO_ROOT" | md5sum | cut -c1-12)"
    fi
    printf '%s\n' "$dir"
}

pg_state() {
    # postmaster.pid's first line is the server pid; its command line names
    # our data dir, which tells it apart from another checkout's cluster.
    if pidfile_alive "$PG_DATA/postmaster.pid" "$PG_DATA"; then
        echo ours
    elif port_open "$PG_PORT"; then
        echo foreign
    else
        echo stopped
    fi
}

pg_ensure_installed() {
    [[ -x $PG_BIN/pg_ctl && -x $PG_BIN/initdb && -x $PG_BIN/psql ]] && return 0
    apt_install postgresql-15
    [[ -x $PG_BIN/pg_ctl ]] || die "PostgreSQL 15 binaries still missing from $PG_BIN"
}

# Re-written on every start so a change here reaches existing clusters.
pg_write_conf() {
    local sockdir=$1
    cat >"$PG_DATA/portfolio-test.conf" <<EOF
# Written by scripts/services.sh on every start; edit the script, not this.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$sockdir'
# A throw-away test cluster: durability is traded for speed.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    is_root && chown "$SERVICE_USER:$SERVICE_USER" "$PG_DATA/portfolio-test.conf"
    return 0
}

pg_up() {
    pg_ensure_installed
    case $(pg_state) in
    ours)
        log "postgres: already running on port $PG_PORT (started by this script)"
        ;;
    foreign)
        if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
            log "postgres: something else is already serving PostgreSQL on port $PG_PORT; reusing it"
            if ! "$PG_BIN/psql" "$DATABASE_URL" -X -q -c 'select 1' >/dev/null 2>&1; then
                log "postgres: warning: cannot log in as '$PG_USER' to database '$PG_DATABASE' there"
            fi
            return 0
        fi
        die "postgres: port $PG_PORT is taken by something that does not answer as PostgreSQL"
        ;;
    stopped)
        pg_start
        ;;
    esac
    pg_ensure_role_and_database
}

pg_start() {
    ensure_service_user
    mkdir -p "$SERVICES_DIR"
    ensure_traversable
    own_dir "$PG_DIR"

    local sockdir
    sockdir=$(pg_socket_dir)
    own_dir "$sockdir"

    if [[ ! -s $PG_DATA/PG_VERSION ]]; then
        # A half-made data dir from an interrupted initdb cannot be reused.
        rm -rf "$PG_DATA"
        log "postgres: creating a new test cluster in $PG_DATA"
        # trust on the socket lets this script administer without a password;
        # TCP clients (the app, the tests) must use the real credentials.
        as_service_user "$PG_BIN/initdb" -D "$PG_DATA" -U postgres \
            --auth-local=trust --auth-host=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log" 2>&1 ||
            { tail -n 20 "$PG_DIR/initdb.log" >&2; die "postgres: initdb failed (see $PG_DIR/initdb.log)"; }
        echo "include_if_exists = 'portfolio-test.conf'" >>"$PG_DATA/postgresql.conf"
    fi
    pg_write_conf "$sockdir"

    log "postgres: starting on 127.0.0.1:$PG_PORT"
    if ! as_service_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$PG_TIMEOUT" start >&2 9>&-; then
        tail -n 20 "$PG_LOG" >&2 || true
        die "postgres: failed to start, or not ready within ${PG_TIMEOUT}s (see $PG_LOG)"
    fi
}

# Run every time: cheap, and repairs a cluster whose role or database was
# dropped by hand. CREATEDB lets Django's test runner create test_portfolio.
pg_ensure_role_and_database() {
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$(pg_socket_dir)" -p "$PG_PORT" \
        -U postgres -d postgres >/dev/null <<SQL || die "postgres: could not create role/database"
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
        CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
    ELSE
        ALTER ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
    END IF;
END
\$\$;
SELECT 'CREATE DATABASE $PG_DATABASE OWNER $PG_USER'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DATABASE')\gexec
SQL
}

pg_down() {
    case $(pg_state) in
    ours)
        log "postgres: stopping"
        as_service_user "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t "$PG_TIMEOUT" stop >&2 ||
            die "postgres: did not stop within ${PG_TIMEOUT}s"
        ;;
    foreign) log "postgres: port $PG_PORT is served by something this script did not start; leaving it alone" ;;
    stopped) log "postgres: not running" ;;
    esac
}

pg_status() {
    case $(pg_state) in
    ours) echo "postgres: running (pid $(pid_of "$PG_DATA/postmaster.pid"), port $PG_PORT, started by this script)" ;;
    foreign) echo "postgres: running (port $PG_PORT, not started by this script)" ;;
    stopped) echo "postgres: stopped" ;;
    esac
}

pg_env() { echo "export DATABASE_URL=$DATABASE_URL"; }

# --------------------------------------------------------------------------
# Redis
# --------------------------------------------------------------------------

redis_state() {
    if pidfile_alive "$REDIS_PIDFILE" "redis-server"; then
        echo ours
    elif port_open "$REDIS_PORT"; then
        echo foreign
    else
        echo stopped
    fi
}

redis_ping() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

redis_up() {
    if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
        apt_install redis-server
    fi
    case $(redis_state) in
    ours)
        log "redis: already running on port $REDIS_PORT (started by this script)"
        ;;
    foreign)
        redis_ping || die "redis: port $REDIS_PORT is taken by something that does not answer PING"
        log "redis: something else is already serving Redis on port $REDIS_PORT; reusing it"
        ;;
    stopped)
        redis_start
        ;;
    esac
}

redis_start() {
    mkdir -p "$REDIS_DIR"
    # Re-written every time so a change here reaches an existing checkout.
    cat >"$REDIS_CONF" <<EOF
# Written by scripts/services.sh on every start; edit the script, not this.
bind 127.0.0.1
port $REDIS_PORT
daemonize yes
pidfile $REDIS_PIDFILE
logfile $REDIS_DIR/redis.log
dir $REDIS_DIR
# Test data is disposable: no snapshots, no append-only file.
save ""
appendonly no
EOF
    rm -f "$REDIS_PIDFILE"
    log "redis: starting on 127.0.0.1:$REDIS_PORT"
    redis-server "$REDIS_CONF" >&2 9>&- || die "redis: redis-server failed to start (see $REDIS_DIR/redis.log)"
    if ! wait_for "$REDIS_TIMEOUT" redis_ping; then
        tail -n 20 "$REDIS_DIR/redis.log" >&2 || true
        die "redis: did not answer PING within ${REDIS_TIMEOUT}s (see $REDIS_DIR/redis.log)"
    fi
}

redis_down() {
    case $(redis_state) in
    ours)
        log "redis: stopping"
        local pid
        pid=$(pid_of "$REDIS_PIDFILE")
        kill -TERM "$pid" 2>/dev/null || true
        wait_for "$REDIS_TIMEOUT" bash -c "! kill -0 $pid" ||
            die "redis: pid $pid did not exit within ${REDIS_TIMEOUT}s"
        rm -f "$REDIS_PIDFILE"
        ;;
    foreign) log "redis: port $REDIS_PORT is served by something this script did not start; leaving it alone" ;;
    stopped) log "redis: not running" ;;
    esac
}

redis_status() {
    case $(redis_state) in
    ours) echo "redis: running (pid $(pid_of "$REDIS_PIDFILE"), port $REDIS_PORT, started by this script)" ;;
    foreign) echo "redis: running (port $REDIS_PORT, not started by this script)" ;;
    stopped) echo "redis: stopped" ;;
    esac
}

redis_env() {
    echo "export CELERY_BROKER_URL=$CELERY_BROKER_URL"
    echo "export REDIS_URL=$REDIS_URL"
}

# --------------------------------------------------------------------------
# Elasticsearch
# --------------------------------------------------------------------------

es_version() {
    sed -n 's:.*<elasticsearch.version>\(.*\)</elasticsearch.version>.*:\1:p' "$ES_POM" | head -n1
}

es_home() { echo "$ES_DIR/elasticsearch-$(es_version)"; }

es_state() {
    # The command line names our own ES home, which tells our node apart from
    # one started by another checkout even if the pid file is stale.
    if pidfile_alive "$ES_PIDFILE" "-Des.path.home=$ES_DIR/"; then
        echo ours
    elif port_open "$ES_PORT"; then
        echo foreign
    else
        echo stopped
    fi
}

es_health_ok() {
    curl -fsS --max-time 5 "$ELASTICSEARCH_URL/_cluster/health" 2>/dev/null |
        grep -Eq '"status":"(green|yellow)"'
}

es_is_elasticsearch() {
    curl -sS --max-time 5 -o /dev/null -D - "$ELASTICSEARCH_URL/_cluster/health" 2>/dev/null |
        grep -qi '^x-elastic-product: *Elasticsearch'
}

# Only needed to fetch and start our own node; a reused one just needs curl.
es_ensure_build_tools() {
    local missing=()
    if ! command -v javac >/dev/null || ! command -v jar >/dev/null; then
        missing+=(default-jdk-headless)
    fi
    command -v mvn >/dev/null || missing+=(maven)
    ((${#missing[@]} == 0)) || apt_install "${missing[@]}"
}

es_java_home() {
    if [[ -n ${ES_JAVA_HOME:-} ]]; then
        echo "$ES_JAVA_HOME"
    else
        dirname "$(dirname "$(readlink -f "$(command -v javac)")")"
    fi
}

# Download once (into Maven's local repository as well, so another checkout on
# the same machine skips the network), then unpack into .services/.
es_fetch() {
    local version home
    version=$(es_version)
    home=$(es_home)
    [[ -n $version ]] || die "elasticsearch: no <elasticsearch.version> in $ES_POM"
    [[ -f $home/.complete ]] && return 0

    log "elasticsearch: fetching Elasticsearch $version from Maven Central (about 110 MB, first run only)"
    mkdir -p "$ES_DIR/download"
    mvn -q -B -f "$ES_POM" dependency:copy-dependencies \
        -DoutputDirectory="$ES_DIR/download" >"$ES_DIR/maven.log" 2>&1 ||
        { tail -n 20 "$ES_DIR/maven.log" >&2; die "elasticsearch: Maven download failed (see $ES_DIR/maven.log)"; }

    local zip="$ES_DIR/download/elasticsearch-$version.zip" tmp="$ES_DIR/unpack.tmp"
    [[ -s $zip ]] || die "elasticsearch: $zip missing after the Maven download"
    # Unpack beside the target and rename, so an interrupted run never leaves a
    # half-populated home that later looks complete.
    rm -rf "$tmp" "$home"
    mkdir -p "$tmp"
    if command -v unzip >/dev/null; then
        unzip -q "$zip" -d "$tmp"
    else
        (cd "$tmp" && jar xf "$zip")
    fi
    mv "$tmp/elasticsearch-$version" "$home"
    rm -rf "$tmp"
    chmod -R a+rX "$home"
    touch "$home/.complete"
    rm -f "$zip"
}

# Compiled against the unpacked server jars, so it always matches the node.
es_build_plugin() {
    local home plugdir jarfile version
    home=$(es_home)
    version=$(es_version)
    plugdir="$home/plugins/portfolio-test-shims"
    jarfile="$plugdir/portfolio-test-shims.jar"
    [[ -f $jarfile && $jarfile -nt $ES_PLUGIN_SRC ]] && return 0

    log "elasticsearch: building the test shims plugin"
    local build="$ES_DIR/plugin-build"
    rm -rf "$build" && mkdir -p "$build/classes" "$plugdir"
    "$(es_java_home)/bin/javac" -proc:none --release 17 -nowarn -cp "$home/lib/*" \
        -d "$build/classes" "$ES_PLUGIN_SRC" >"$build/javac.log" 2>&1 ||
        { cat "$build/javac.log" >&2; die "elasticsearch: compiling $ES_PLUGIN_SRC failed"; }
    "$(es_java_home)/bin/jar" --create --file "$jarfile" -C "$build/classes" .
    cat >"$plugdir/plugin-descriptor.properties" <<EOF
description=Test-only analysis and root-endpoint shims (scripts/elasticsearch/TestShimsPlugin.java)
version=$version
name=portfolio-test-shims
classname=portfolio.estest.TestShimsPlugin
java.version=17
elasticsearch.version=$version
EOF
    chmod -R a+rX "$plugdir"
}

es_up() {
    # One budget covers start-up and the wait for health (es_start resets it
    # after the one-off download, which is not the node's fault if slow).
    ES_DEADLINE=$((SECONDS + ES_TIMEOUT))
    command -v curl >/dev/null || apt_install curl
    case $(es_state) in
    ours)
        log "elasticsearch: already running on port $ES_PORT (started by this script)"
        ;;
    foreign)
        es_is_elasticsearch ||
            die "elasticsearch: port $ES_PORT is taken by something that does not answer as Elasticsearch"
        log "elasticsearch: something else is already serving Elasticsearch on port $ES_PORT; reusing it"
        ;;
    stopped)
        es_start
        ;;
    esac
    es_wait_healthy
}

es_start() {
    es_ensure_build_tools
    ensure_service_user
    mkdir -p "$ES_DIR"
    ensure_traversable
    es_fetch
    es_build_plugin
    ES_DEADLINE=$((SECONDS + ES_TIMEOUT))

    local home
    home=$(es_home)
    own_dir "$ES_DIR/data"
    own_dir "$ES_DIR/logs"
    own_dir "$ES_DIR/tmp"
    # The node writes its keystore into the config dir, so it gets a private,
    # writable copy rather than the one inside the unpacked distribution.
    if [[ ! -d $ES_DIR/config ]]; then
        cp -r "$home/config" "$ES_DIR/config"
    fi
    own_dir "$ES_DIR/config"
    # The node itself writes the pid file, so it lives in a directory it owns.
    own_dir "$(dirname "$ES_PIDFILE")"
    rm -f "$ES_PIDFILE"

    local settings=(
        -Ecluster.name=portfolio-test
        -Enode.name=portfolio-test-1
        -Epath.data="$ES_DIR/data"
        -Epath.logs="$ES_DIR/logs"
        -Enetwork.host=127.0.0.1
        -Ehttp.port="$ES_PORT"
        -Etransport.port="$ES_TRANSPORT_PORT"
        -Ediscovery.type=single-node
        # Plain HTTP without authentication, as the test settings expect.
        -Expack.security.enabled=false
        # A nearly full disk must not turn the test indices read-only.
        -Ecluster.routing.allocation.disk.threshold_enabled=false
    )
    # Never reach out to the internet for GeoIP databases (the module is absent
    # from today's artefact; this keeps a future version from phoning home).
    [[ -d $home/modules/ingest-geoip ]] && settings+=(-Eingest.geoip.downloader.enabled=false)

    log "elasticsearch: starting $(es_version) on 127.0.0.1:$ES_PORT"
    printf '\n==== %s starting ====\n' "$(date -Is)" >>"$ES_LOG"
    # -d: the launcher returns once the node is up and records the server pid.
    # CLI_JAVA_OPTS keeps the launcher's scratch files out of /tmp.
    local rc=0 budget=$((ES_DEADLINE - SECONDS))
    ((budget > 10)) || budget=10
    as_service_user env -u JAVA_HOME -u JAVA_TOOL_OPTIONS \
        ES_JAVA_HOME="$(es_java_home)" \
        ES_PATH_CONF="$ES_DIR/config" \
        ES_TMPDIR="$ES_DIR/tmp" \
        ES_JAVA_OPTS="$ES_HEAP_OPTS" \
        CLI_JAVA_OPTS="-Djava.io.tmpdir=$ES_DIR/tmp" \
        timeout "$budget" bash "$home/bin/elasticsearch" -d -p "$ES_PIDFILE" "${settings[@]}" \
        >>"$ES_LOG" 2>&1 9>&- || rc=$?
    if ((rc != 0)); then
        tail -n 15 "$ES_LOG" >&2 || true
        # Never leave a half-started node behind to confuse the next run.
        if pidfile_alive "$ES_PIDFILE" "-Des.path.home=$ES_DIR/"; then
            kill -TERM "$(pid_of "$ES_PIDFILE")" 2>/dev/null || true
        fi
        ((rc == 124)) && die "elasticsearch: did not start within ${ES_TIMEOUT}s (see $ES_LOG and $ES_DIR/logs/)"
        die "elasticsearch: failed to start, exit status $rc (see $ES_LOG and $ES_DIR/logs/)"
    fi
}

es_wait_healthy() {
    until es_health_ok; do
        if [[ $(es_state) == stopped ]]; then
            tail -n 30 "$ES_LOG" >&2 || true
            die "elasticsearch: the node exited while starting (see $ES_LOG and $ES_DIR/logs/)"
        fi
        if ((SECONDS >= ES_DEADLINE)); then
            die "elasticsearch: cluster health not yellow/green within ${ES_TIMEOUT}s (see $ES_DIR/logs/)"
        fi
        sleep 1
    done
}

es_down() {
    case $(es_state) in
    ours)
        log "elasticsearch: stopping"
        local pid
        pid=$(pid_of "$ES_PIDFILE")
        kill -TERM "$pid" 2>/dev/null || true
        if ! wait_for 60 bash -c "! kill -0 $pid"; then
            log "elasticsearch: pid $pid ignored SIGTERM for 60s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        rm -f "$ES_PIDFILE"
        ;;
    foreign) log "elasticsearch: port $ES_PORT is served by something this script did not start; leaving it alone" ;;
    stopped) log "elasticsearch: not running" ;;
    esac
}

es_status() {
    case $(es_state) in
    ours) echo "elasticsearch: running (pid $(pid_of "$ES_PIDFILE"), port $ES_PORT, started by this script)" ;;
    foreign) echo "elasticsearch: running (port $ES_PORT, not started by this script)" ;;
    stopped) echo "elasticsearch: stopped" ;;
    esac
}

es_env() { echo "export ELASTICSEARCH_URL=$ELASTICSEARCH_URL"; }

# --------------------------------------------------------------------------
# Elasticsearch cluster (two more nodes, for the node-loss test)
# --------------------------------------------------------------------------

esc_node_dir() { echo "$ESC_DIR/node-$1"; }
esc_pidfile() { echo "$(esc_node_dir "$1")/run/es.pid"; }
esc_http_port() { echo $((ESC_HTTP_BASE + $1)); }
esc_transport_port() { echo $((ESC_TRANSPORT_BASE + $1)); }

esc_node_state() {
    if pidfile_alive "$(esc_pidfile "$1")" "-Des.path.home=$ES_DIR/"; then
        echo ours
    elif port_open "$(esc_http_port "$1")"; then
        echo foreign
    else
        echo stopped
    fi
}

esc_healthy() {
    curl -fsS --max-time 5 "http://127.0.0.1:$(esc_http_port 1)/_cluster/health" 2>/dev/null |
        grep -q '"number_of_nodes":2,'
}

# Node 1 is the master (and holds data); node 2 holds data only, so the test
# can stop it without the cluster losing its master: two master-eligible
# nodes cannot outvote each other, a third would cost another JVM.
esc_start_node() {
    local n=$1 dir home
    dir=$(esc_node_dir "$n")
    home=$(es_home)
    own_dir "$dir/data"
    own_dir "$dir/logs"
    own_dir "$dir/tmp"
    own_dir "$dir/run"
    [[ -d $dir/config ]] || cp -r "$home/config" "$dir/config"
    own_dir "$dir/config"
    rm -f "$(esc_pidfile "$n")"
    local settings=(
        -Ecluster.name=portfolio-test-cluster
        -Enode.name="portfolio-cluster-$n"
        -Epath.data="$dir/data"
        -Epath.logs="$dir/logs"
        -Enetwork.host=127.0.0.1
        -Ehttp.port="$(esc_http_port "$n")"
        -Etransport.port="$(esc_transport_port "$n")"
        -Ediscovery.seed_hosts="127.0.0.1:$(esc_transport_port 1),127.0.0.1:$(esc_transport_port 2)"
        -Ecluster.initial_master_nodes=portfolio-cluster-1
        -Expack.security.enabled=false
        -Ecluster.routing.allocation.disk.threshold_enabled=false
    )
    ((n == 1)) || settings+=(-Enode.roles=data)
    [[ -d $home/modules/ingest-geoip ]] && settings+=(-Eingest.geoip.downloader.enabled=false)
    log "es-cluster: starting node $n on 127.0.0.1:$(esc_http_port "$n")"
    printf '\n==== %s starting ====\n' "$(date -Is)" >>"$dir/es.log"
    as_service_user env -u JAVA_HOME -u JAVA_TOOL_OPTIONS \
        ES_JAVA_HOME="$(es_java_home)" \
        ES_PATH_CONF="$dir/config" \
        ES_TMPDIR="$dir/tmp" \
        ES_JAVA_OPTS="$ESC_HEAP_OPTS" \
        CLI_JAVA_OPTS="-Djava.io.tmpdir=$dir/tmp" \
        timeout "$ES_TIMEOUT" bash "$home/bin/elasticsearch" -d -p "$(esc_pidfile "$n")" "${settings[@]}" \
        >>"$dir/es.log" 2>&1 9>&-
}

esc_up() {
    command -v curl >/dev/null || apt_install curl
    local n starting=()
    for n in 1 2; do
        case $(esc_node_state "$n") in
        ours) log "es-cluster: node $n already running (started by this script)" ;;
        foreign) log "es-cluster: port $(esc_http_port "$n") is served by something else; reusing it" ;;
        stopped) starting+=("$n") ;;
        esac
    done
    if ((${#starting[@]})); then
        es_ensure_build_tools
        ensure_service_user
        mkdir -p "$ESC_DIR"
        ensure_traversable
        es_fetch
        es_build_plugin
        # Both at once: each launcher waits for its own JVM to start.
        local pids=() failed=0
        for n in "${starting[@]}"; do
            esc_start_node "$n" &
            pids+=($!)
        done
        for n in "${pids[@]}"; do wait "$n" || failed=1; done
        ((failed == 0)) || { tail -n 20 "$ESC_DIR"/node-*/es.log >&2; die "es-cluster: a node failed to start"; }
    fi
    wait_for "$ES_TIMEOUT" esc_healthy ||
        die "es-cluster: the two nodes did not form a cluster within ${ES_TIMEOUT}s (see $ESC_DIR/node-*/logs/)"
}

esc_down() {
    local n pid
    for n in 2 1; do
        case $(esc_node_state "$n") in
        ours)
            log "es-cluster: stopping node $n"
            pid=$(pid_of "$(esc_pidfile "$n")")
            kill -TERM "$pid" 2>/dev/null || true
            wait_for 60 bash -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null || true
            rm -f "$(esc_pidfile "$n")"
            ;;
        foreign) log "es-cluster: node $n was not started by this script; leaving it alone" ;;
        stopped) log "es-cluster: node $n not running" ;;
        esac
    done
}

esc_status() {
    local n
    for n in 1 2; do
        case $(esc_node_state "$n") in
        ours) echo "es-cluster node $n: running (pid $(pid_of "$(esc_pidfile "$n")"), port $(esc_http_port "$n"), started by this script)" ;;
        foreign) echo "es-cluster node $n: running (port $(esc_http_port "$n"), not started by this script)" ;;
        stopped) echo "es-cluster node $n: stopped" ;;
        esac
    done
}

esc_env() {
    echo "export ELASTICSEARCH_CLUSTER_URL=http://127.0.0.1:$(esc_http_port 1),http://127.0.0.1:$(esc_http_port 2)"
}

# --------------------------------------------------------------------------
# S3Proxy (object storage)
# --------------------------------------------------------------------------

s3_state() {
    if pidfile_alive "$S3_PIDFILE" "$S3_JAR"; then
        echo ours
    elif port_open "$S3_PORT"; then
        echo foreign
    else
        echo stopped
    fi
}

# Any HTTP answer will do (anonymous requests get a real 403).
s3_ready() {
    [[ $(curl -s --max-time 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$S3_PORT/") =~ ^[1-5][0-9][0-9]$ ]]
}

# Download once, through Maven's local repository like Elasticsearch.
s3_fetch() {
    [[ -s $S3_JAR ]] && return 0
    command -v mvn >/dev/null || apt_install maven
    command -v java >/dev/null || apt_install default-jre-headless
    log "s3proxy: fetching org.gaul:s3proxy:$S3_VERSION from Maven Central (about 40 MB, first run only)"
    mkdir -p "$S3_DIR/download"
    mvn -q -B dependency:copy \
        -Dartifact="org.gaul:s3proxy:$S3_VERSION:jar:jar-with-dependencies" \
        -DoutputDirectory="$S3_DIR/download" >"$S3_DIR/maven.log" 2>&1 ||
        { tail -n 20 "$S3_DIR/maven.log" >&2; die "s3proxy: Maven download failed (see $S3_DIR/maven.log)"; }
}

s3_up() {
    command -v curl >/dev/null || apt_install curl
    case $(s3_state) in
    ours) log "s3proxy: already running on port $S3_PORT (started by this script)" ;;
    foreign)
        s3_ready || die "s3proxy: port $S3_PORT is taken by something that does not answer HTTP"
        log "s3proxy: something else is already serving on port $S3_PORT; reusing it"
        ;;
    stopped) s3_start ;;
    esac
}

s3_start() {
    s3_fetch
    # The filesystem provider treats each directory under basedir as a bucket.
    mkdir -p "$S3_DIR/data/$S3_BUCKET"
    cat >"$S3_DIR/s3proxy.conf" <<EOF
# Written by scripts/services.sh on every start; edit the script, not this.
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_IDENTITY
s3proxy.credential=$S3_CREDENTIAL
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3_DIR/data
EOF
    log "s3proxy: starting $S3_VERSION on 127.0.0.1:$S3_PORT"
    printf '\n==== %s starting ====\n' "$(date -Is)" >>"$S3_LOG"
    # A small heap and the quick JIT: the CPU is shared with everything else.
    setsid java -Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
        -jar "$S3_JAR" --properties "$S3_DIR/s3proxy.conf" >>"$S3_LOG" 2>&1 9>&- </dev/null &
    echo $! >"$S3_PIDFILE"
    if ! wait_for "$S3_TIMEOUT" s3_ready; then
        tail -n 20 "$S3_LOG" >&2 || true
        die "s3proxy: not answering within ${S3_TIMEOUT}s (see $S3_LOG)"
    fi
}

s3_down() {
    case $(s3_state) in
    ours)
        log "s3proxy: stopping"
        local pid
        pid=$(pid_of "$S3_PIDFILE")
        kill -TERM "$pid" 2>/dev/null || true
        wait_for 20 bash -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null || true
        rm -f "$S3_PIDFILE"
        ;;
    foreign) log "s3proxy: port $S3_PORT is served by something this script did not start; leaving it alone" ;;
    stopped) log "s3proxy: not running" ;;
    esac
}

s3_status() {
    case $(s3_state) in
    ours) echo "s3proxy: running (pid $(pid_of "$S3_PIDFILE"), port $S3_PORT, started by this script)" ;;
    foreign) echo "s3proxy: running (port $S3_PORT, not started by this script)" ;;
    stopped) echo "s3proxy: stopped" ;;
    esac
}

s3_env() {
    echo "export S3_ENDPOINT_URL=http://127.0.0.1:$S3_PORT"
    echo "export S3_BUCKET=$S3_BUCKET"
    echo "export S3_ACCESS_KEY_ID=$S3_IDENTITY"
    echo "export S3_SECRET_ACCESS_KEY=$S3_CREDENTIAL"
}

# --------------------------------------------------------------------------
# PostgreSQL streaming replica (read-only, for the reports)
# --------------------------------------------------------------------------

replica_state() {
    if pidfile_alive "$REPLICA_DATA/postmaster.pid" "$REPLICA_DATA"; then
        echo ours
    elif port_open "$REPLICA_PORT"; then
        echo foreign
    else
        echo stopped
    fi
}

# The superuser over the primary's socket: ours, or PG_ADMIN_SOCKET_DIR for a
# primary another checkout started on this machine.
replica_primary_psql() {
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "${PG_ADMIN_SOCKET_DIR:-$(pg_socket_dir)}" \
        -p "$PG_PORT" -U postgres -d postgres "$@"
}

replica_up() {
    pg_ensure_installed
    case $(replica_state) in
    ours) log "pg-replica: already running on port $REPLICA_PORT (started by this script)" ;;
    foreign)
        "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$REPLICA_PORT" ||
            die "pg-replica: port $REPLICA_PORT is taken by something that does not answer as PostgreSQL"
        log "pg-replica: something else is already serving PostgreSQL on port $REPLICA_PORT; reusing it"
        ;;
    stopped) replica_start ;;
    esac
}

replica_start() {
    ensure_service_user
    ensure_traversable
    own_dir "$REPLICA_DIR"
    # initdb's pg_hba.conf already admits replication over loopback with a
    # password and wal_level=replica is the default, so the primary needs only
    # a role: nothing there is restarted (it may be shared).
    replica_primary_psql >/dev/null <<SQL || die "pg-replica: could not create the replication role on the primary"
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$REPLICA_ROLE') THEN
        CREATE ROLE $REPLICA_ROLE LOGIN REPLICATION PASSWORD '$REPLICA_PASSWORD';
    END IF;
END
\$\$;
SQL
    # The replica test pauses replay to show a report's lag (test clusters
    # only). Function privileges are per database: template1 passes them on
    # to the test databases Django creates.
    replica_primary_psql -d template1 >/dev/null \
        -c "GRANT EXECUTE ON FUNCTION pg_wal_replay_pause(), pg_wal_replay_resume() TO $PG_USER" ||
        die "pg-replica: could not grant the replay functions"
    if [[ ! -s $REPLICA_DATA/PG_VERSION || ! -f $REPLICA_DATA/standby.signal ]]; then
        rm -rf "$REPLICA_DATA"
        own_dir "$REPLICA_DIR"
        log "pg-replica: copying the primary with pg_basebackup"
        # -R writes standby.signal and primary_conninfo. No replication slot:
        # an abandoned replica must never make the primary keep WAL forever.
        as_service_user env PGPASSWORD="$REPLICA_PASSWORD" "$PG_BIN/pg_basebackup" \
            -h 127.0.0.1 -p "$PG_PORT" -U "$REPLICA_ROLE" -D "$REPLICA_DATA" \
            -R -X stream --checkpoint=fast --no-sync >"$REPLICA_DIR/basebackup.log" 2>&1 ||
            { tail -n 20 "$REPLICA_DIR/basebackup.log" >&2; die "pg-replica: pg_basebackup failed"; }
    fi
    local sockdir="$REPLICA_DIR/run"
    own_dir "$sockdir"
    # Replaces the primary's copy that came with the backup.
    cat >"$REPLICA_DATA/portfolio-test.conf" <<EOF
# Written by scripts/services.sh on every start; edit the script, not this.
listen_addresses = '127.0.0.1'
port = $REPLICA_PORT
unix_socket_directories = '$sockdir'
hot_standby = on
fsync = off
EOF
    is_root && chown "$SERVICE_USER:$SERVICE_USER" "$REPLICA_DATA/portfolio-test.conf"
    log "pg-replica: starting on 127.0.0.1:$REPLICA_PORT"
    as_service_user "$PG_BIN/pg_ctl" -D "$REPLICA_DATA" -l "$REPLICA_LOG" -w -t "$PG_TIMEOUT" start >&2 9>&- ||
        { tail -n 20 "$REPLICA_LOG" >&2; die "pg-replica: failed to start (see $REPLICA_LOG)"; }
}

replica_down() {
    case $(replica_state) in
    ours)
        log "pg-replica: stopping"
        as_service_user "$PG_BIN/pg_ctl" -D "$REPLICA_DATA" -m fast -w -t "$PG_TIMEOUT" stop >&2 ||
            die "pg-replica: did not stop within ${PG_TIMEOUT}s"
        ;;
    foreign) log "pg-replica: port $REPLICA_PORT is served by something this script did not start; leaving it alone" ;;
    stopped) log "pg-replica: not running" ;;
    esac
}

replica_status() {
    case $(replica_state) in
    ours) echo "pg-replica: running (pid $(pid_of "$REPLICA_DATA/postmaster.pid"), port $REPLICA_PORT, started by this script)" ;;
    foreign) echo "pg-replica: running (port $REPLICA_PORT, not started by this script)" ;;
    stopped) echo "pg-replica: stopped" ;;
    esac
}

replica_env() { echo "export DATABASE_REPLICA_URL=$DATABASE_REPLICA_URL"; }

# --------------------------------------------------------------------------
# Keycloak: the identity provider the SSO tests sign in through (OIDC, SAML)
# --------------------------------------------------------------------------

KC_PORT=18089
KC_MANAGEMENT_PORT=18090
KC_DIR="$SERVICES_DIR/keycloak"
KC_POM="$REPO_ROOT/scripts/keycloak/pom.xml"
KC_REALM="$REPO_ROOT/scripts/keycloak/realm-portfolio.json"
KC_LOG="$KC_DIR/keycloak.log"
KC_TIMEOUT=240
# Keycloak 26 needs a newer Java than the default 17 the rest of the stack
# uses; only Keycloak runs on it.
KC_JAVA_HOME=${KC_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
KEYCLOAK_URL="http://127.0.0.1:$KC_PORT"

kc_version() { sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$KC_POM"; }
kc_home() { echo "$KC_DIR/keycloak-$(kc_version)"; }

# The server's command line names our own home (kc.sh passes it as
# -Dkc.home.dir), which tells it apart from another checkout's. start-dev runs
# Java twice (a build, then the server), so the pid is looked up, not kept.
kc_server_pid() { pgrep -o -f -- "-Dkc.home.dir=$(kc_home)/bin/\.\." 2>/dev/null; }

kc_state() {
    if [[ -n $(kc_server_pid) ]]; then
        echo ours
    elif port_open "$KC_PORT"; then
        echo foreign
    else
        echo stopped
    fi
}

kc_ready() {
    curl -fsS --max-time 5 "$KEYCLOAK_URL/realms/portfolio/.well-known/openid-configuration" 2>/dev/null |
        grep -q '"issuer"'
}

# Download once (Maven's local repository keeps the zip for other checkouts),
# unpack beside the target and rename, so a half-unpacked home never looks done.
kc_fetch() {
    local version home
    version=$(kc_version)
    home=$(kc_home)
    [[ -f $home/.complete ]] && return 0
    log "keycloak: fetching Keycloak $version from Maven Central (about 165 MB, first run only)"
    mkdir -p "$KC_DIR/download"
    mvn -q -B -f "$KC_POM" dependency:copy-dependencies \
        -DoutputDirectory="$KC_DIR/download" >"$KC_DIR/maven.log" 2>&1 ||
        { tail -n 20 "$KC_DIR/maven.log" >&2; die "keycloak: Maven download failed (see $KC_DIR/maven.log)"; }
    local zip="$KC_DIR/download/keycloak-quarkus-dist-$version.zip" tmp="$KC_DIR/unpack.tmp"
    [[ -s $zip ]] || die "keycloak: $zip missing after the Maven download"
    rm -rf "$tmp" "$home"
    mkdir -p "$tmp"
    if command -v unzip >/dev/null; then
        unzip -q "$zip" -d "$tmp"
    else
        (cd "$tmp" && jar xf "$zip")
    fi
    mv "$tmp/keycloak-$version" "$home"
    rm -rf "$tmp"
    chmod -R a+rX "$home"
    touch "$home/.complete"
    rm -f "$zip"
}

kc_up() {
    command -v curl >/dev/null || apt_install curl
    case $(kc_state) in
    ours) log "keycloak: already running on port $KC_PORT (started by this script)" ;;
    foreign)
        kc_ready || die "keycloak: port $KC_PORT is taken by something that does not serve the portfolio realm"
        log "keycloak: something else already serves the portfolio realm on port $KC_PORT; reusing it"
        ;;
    stopped) kc_start ;;
    esac
    # Waited for in kc_env, after the other services have started.
    KC_PENDING=1
}

kc_start() {
    es_ensure_build_tools
    [[ -x $KC_JAVA_HOME/bin/java ]] || die "keycloak: no Java at $KC_JAVA_HOME (set KC_JAVA_HOME to a JDK 21 or newer)"
    ensure_service_user
    mkdir -p "$KC_DIR"
    ensure_traversable
    kc_fetch
    local home
    home=$(kc_home)
    # The realm is imported when the server starts without it; a changed realm
    # file means starting from a fresh dev database so the change is imported.
    mkdir -p "$home/data/import"
    if [[ ! -f $KC_DIR/realm.stamp || $KC_REALM -nt $KC_DIR/realm.stamp ]]; then
        rm -rf "$home/data/h2"
        cp "$KC_REALM" "$home/data/import/realm-portfolio.json"
        touch "$KC_DIR/realm.stamp"
    fi
    own_dir "$home/data"
    own_dir "$home/lib/quarkus"
    KC_DEADLINE=$((SECONDS + KC_TIMEOUT))
    log "keycloak: starting $(kc_version) on 127.0.0.1:$KC_PORT"
    printf '\n==== %s starting ====\n' "$(date -Is)" >>"$KC_LOG"
    chmod a+w "$KC_LOG" 2>/dev/null || true
    # start-dev: plain HTTP, a file database under the home's data/, and the
    # realm file imported; the admin user exists only for looking around.
    as_service_user env -u JAVA_TOOL_OPTIONS JAVA_HOME="$KC_JAVA_HOME" \
        KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
        JAVA_OPTS_APPEND="-Xms128m -Xmx768m" \
        nohup bash "$home/bin/kc.sh" start-dev --import-realm \
        --http-host=127.0.0.1 --http-port="$KC_PORT" \
        --http-management-port="$KC_MANAGEMENT_PORT" \
        --hostname-strict=false \
        >>"$KC_LOG" 2>&1 9>&- &
    KC_LAUNCHER=$!
}

kc_wait_ready() {
    [[ -n ${KC_DEADLINE:-} ]] || KC_DEADLINE=$((SECONDS + KC_TIMEOUT))
    until kc_ready; do
        if [[ $(kc_state) == stopped ]] && ! kill -0 "${KC_LAUNCHER:-0}" 2>/dev/null; then
            tail -n 30 "$KC_LOG" >&2 || true
            die "keycloak: the server exited while starting (see $KC_LOG)"
        fi
        ((SECONDS < KC_DEADLINE)) || die "keycloak: the portfolio realm did not answer within ${KC_TIMEOUT}s (see $KC_LOG)"
        sleep 1
    done
}

kc_down() {
    case $(kc_state) in
    ours)
        log "keycloak: stopping"
        local pid
        pid=$(kc_server_pid)
        kill -TERM "$pid" 2>/dev/null || true
        wait_for 60 bash -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null || true
        ;;
    foreign) log "keycloak: port $KC_PORT is served by something this script did not start; leaving it alone" ;;
    stopped) log "keycloak: not running" ;;
    esac
}

kc_status() {
    case $(kc_state) in
    ours) echo "keycloak: running (pid $(kc_server_pid), port $KC_PORT, started by this script)" ;;
    foreign) echo "keycloak: running (port $KC_PORT, not started by this script)" ;;
    stopped) echo "keycloak: stopped" ;;
    esac
}

kc_env() {
    [[ -z ${KC_PENDING:-} ]] || kc_wait_ready
    echo "export KEYCLOAK_URL=$KEYCLOAK_URL"
}

# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

# Map a service name (with a few friendly aliases) to its function prefix.
prefix_for() {
    case $1 in
    postgres | postgresql | pg) echo pg ;;
    redis) echo redis ;;
    elasticsearch | es) echo es ;;
    s3proxy | s3) echo s3 ;;
    pg-replica | replica) echo replica ;;
    es-cluster) echo esc ;;
    keycloak | kc) echo kc ;;
    *) die "unknown service '$1' (expected: ${ALL_SERVICES[*]})" ;;
    esac
}

main() {
    (($# >= 1)) || usage
    local command=$1
    shift
    local names=("$@")
    ((${#names[@]})) || names=("${ALL_SERVICES[@]}")
    local prefixes=() name
    for name in "${names[@]}"; do
        prefixes+=("$(prefix_for "$name")")
    done

    case $command in
    up | down)
        # Two concurrent runs (say, parallel CI steps) must not race on initdb
        # or on the download; the second simply waits and then finds it done.
        # Every long-lived server is started with fd 9 closed ("9>&-"):
        # otherwise it inherits the lock and holds it for as long as it runs.
        mkdir -p "$SERVICES_DIR"
        exec 9>"$SERVICES_DIR/.lock"
        flock -w 900 9 || die "another services.sh run has held $SERVICES_DIR/.lock for 15 minutes"
        local p
        for p in "${prefixes[@]}"; do "${p}_$command"; done
        if [[ $command == up ]]; then
            for p in "${prefixes[@]}"; do "${p}_env"; done
        fi
        ;;
    env | status)
        local p
        for p in "${prefixes[@]}"; do "${p}_$command"; done
        ;;
    *) usage ;;
    esac
}

main "$@"
