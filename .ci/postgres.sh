# Sourced by .ci/run and bench/nodes: a PostgreSQL server of the caller's own, a cluster in a temporary
# directory on a free loopback port, stopped when the caller exits. Needs Debian's postgresql package.
# initdb refuses to run as root, so as root it runs as Debian's postgres user. Sets TEST_POSTGRES_URL
# to the server's JDBC URL without a database (jdbc:postgresql://127.0.0.1:PORT/), user postgres, no password.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

start_postgres() {
    PGBIN=$(pg_bin)
    [ -n "$PGBIN" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; return 1; }
    PGDIR=$(mktemp -d)
    [ "$(id -u)" -ne 0 ] || chown postgres: "$PGDIR"
    PGPORT=55432
    while (exec 3<>"/dev/tcp/127.0.0.1/$PGPORT") 2>/dev/null; do PGPORT=$((PGPORT + 1)); done
    as_postgres "$PGBIN/initdb -D $PGDIR/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
    as_postgres "$PGBIN/pg_ctl -D $PGDIR/data -l $PGDIR/server.log -w -o '-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c max_connections=500' start" >/dev/null
    trap stop_postgres EXIT
    export TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$PGPORT/"
}

stop_postgres() {
    as_postgres "$PGBIN/pg_ctl -D $PGDIR/data -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
}

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}
