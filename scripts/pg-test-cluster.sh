#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benches: a temporary folder, 127.0.0.1 on a free port,
# its unix socket inside that folder, run as an unprivileged user (PostgreSQL refuses to run as root).
#
#   scripts/pg-test-cluster.sh run CMD…   start one, run CMD with HUIYI_TEST_PG set, stop it and delete its
#                                          folder however CMD ends (its exit status is the script's)
#   eval "$(scripts/pg-test-cluster.sh start)"   start one and print the variables to export:
#                                          HUIYI_TEST_PG (its URL) and HUIYI_TEST_PG_DIR (its folder)
#   scripts/pg-test-cluster.sh stop [DIR]  stop the one in DIR (default $HUIYI_TEST_PG_DIR), delete DIR
#
# HUIYI_PG_USER names the user the server runs as when this script runs as root (default: nobody). The
# PostgreSQL binaries are found on PATH, else in the newest /usr/lib/postgresql/*/bin (Debian's layout).
set -euo pipefail
shopt -s inherit_errexit

DATABASE=huiyi_test
SUPERUSER=huiyi

die() {
  echo "pg-test-cluster: $*" >&2
  exit 1
}

pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$newest" ] && [ -x "$newest/initdb" ] || die "找不到 PostgreSQL(initdb/pg_ctl):请安装 Debian 的 postgresql 软件包"
  echo "$newest"
}

# Commands run as the cluster's owner: as root, the unprivileged user; otherwise as ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "${HUIYI_PG_USER:-nobody}" -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start() {
  local bin dir password port
  bin=$(pg_bin)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/huiyi-pg.XXXXXX")
  # Readable by the owner alone: the socket inside it then admits no other local user.
  chmod 700 "$dir"
  [ "$(id -u)" -eq 0 ] && chown "${HUIYI_PG_USER:-nobody}" "$dir"
  password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  as_owner sh -c "umask 077 && printf '%s\n' '$password' > '$dir/password'"
  # Over TCP a password is asked (so a wrong one is refused, as on a real server); the socket, reachable
  # by the owner alone, trusts.
  if ! as_owner "$bin/initdb" -D "$dir/data" -U "$SUPERUSER" --pwfile="$dir/password" --auth-host=scram-sha-256 \
    --auth-local=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    die "initdb 失败"
  fi
  # A free port can be taken by someone else before the server binds it: try a few.
  local started=0
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null; then
      started=1
      break
    fi
  done
  if [ "$started" -ne 1 ]; then
    cat "$dir/server.log" >&2 || true
    rm -rf "$dir"
    die "PostgreSQL 服务器启动失败"
  fi
  if ! as_owner "$bin/createdb" -h "$dir" -p "$port" -U "$SUPERUSER" "$DATABASE"; then
    stop "$dir"
    die "createdb 失败"
  fi
  echo "$port" >"$dir/port"
  echo "export HUIYI_TEST_PG=postgresql://$SUPERUSER:$password@127.0.0.1:$port/$DATABASE"
  echo "export HUIYI_TEST_PG_DIR=$dir"
}

stop() {
  local dir=${1:-${HUIYI_TEST_PG_DIR:-}}
  [ -n "$dir" ] || die "stop: 未指定集群目录(参数或 HUIYI_TEST_PG_DIR)"
  [ -f "$dir/password" ] || die "stop: $dir 不是本脚本建的集群目录"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

run() {
  [ $# -gt 0 ] || die "run: 缺少要运行的命令"
  local vars
  vars=$(start)
  eval "$vars"
  # Stopped on every way out: the command's end, its failure, Ctrl-C, a TERM from CI.
  trap 'stop "$HUIYI_TEST_PG_DIR"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  export HUIYI_TEST_PG
  local status=0
  "$@" || status=$?
  exit "$status"
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  run) shift; run "$@" ;;
  *) die "用法: $0 start | stop [DIR] | run CMD…" ;;
esac
