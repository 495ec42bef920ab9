# Shared by scripts/setup and scripts/test: find Odoo 19's Python, its addons
# and PostgreSQL. Nothing here is machine-specific; override with:
#   ODOO_PYTHON       the Python that imports Odoo 19 (else the one running the
#                     `odoo` command on PATH, else python3)
#   ODOO_ADDONS_PATH  Odoo's addons folders, comma-separated (else found next
#                     to the odoo package)
#   PGHOST PGPORT PGUSER   PostgreSQL (default 127.0.0.1, 5432, odoo)
#   BC_TEST_DB        the test database (default bigcommerce_test)

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-odoo}
BC_TEST_DB=${BC_TEST_DB:-bigcommerce_test}

die() { echo "ERROR: $*" >&2; exit 1; }

_imports_odoo19() {
    "$1" -c 'import odoo.release as r, sys; sys.exit(r.version_info[:2] != (19, 0))' 2>/dev/null
}

_odoo_command_python() {
    # The interpreter behind the `odoo` command on PATH (pyenv shims resolved).
    local cmd line
    cmd=$(command -v odoo 2>/dev/null) || return 0
    if command -v pyenv >/dev/null 2>&1 && pyenv which odoo >/dev/null 2>&1; then
        cmd=$(pyenv which odoo)
    fi
    read -r line < "$cmd" || return 0
    line=${line#\#!}
    case "$line" in
        */env\ *) echo "${line#*env }" ;;
        *python*) echo "$line" ;;
    esac
}

find_odoo_python() {
    local candidate
    for candidate in "${ODOO_PYTHON:-}" "$(_odoo_command_python)" python3; do
        [ -n "$candidate" ] || continue
        if _imports_odoo19 "$candidate"; then
            ODOO_PY=$candidate
            return 0
        fi
    done
    die "Odoo 19.0 is not installed: no Python found that imports odoo 19.0.
Tried \$ODOO_PYTHON (${ODOO_PYTHON:-unset}), the Python of the 'odoo' command, and python3.
Install Odoo 19.0 community (see README.md, 'Prerequisites') or set ODOO_PYTHON."
}

find_addons_path() {
    if [ -n "${ODOO_ADDONS_PATH:-}" ]; then
        ADDONS_PATH="$REPO_ROOT,$ODOO_ADDONS_PATH"
        return 0
    fi
    local odoo_addons
    odoo_addons=$("$ODOO_PY" - <<'PY'
import os
import odoo
root = os.path.dirname(os.path.abspath(list(odoo.__path__)[0]))
paths = [p for p in (os.path.join(root, "addons"),) if os.path.isdir(os.path.join(p, "sale_stock"))]
print(",".join(paths))
PY
)
    [ -n "$odoo_addons" ] || die "Odoo's addons (sale_stock, ...) were not found next to the odoo package; set ODOO_ADDONS_PATH."
    ADDONS_PATH="$REPO_ROOT,$odoo_addons"
}

postgres_reachable() {
    # Whether PostgreSQL answers as $PGUSER (the reason goes to stderr).
    "$ODOO_PY" - <<'PY'
import os, sys
import psycopg2
try:
    psycopg2.connect(dbname="postgres", host=os.environ["PGHOST"], port=os.environ["PGPORT"],
                     user=os.environ["PGUSER"], connect_timeout=5).close()
except Exception as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
PY
}

check_postgres() {
    postgres_reachable || die "PostgreSQL is not reachable at $PGHOST:$PGPORT as role '$PGUSER' (a superuser role Odoo can use; Odoo refuses 'postgres'). Start PostgreSQL, or create the role: createuser -s $PGUSER (see README.md)."
}

pg_sql() {
    # Run one SQL statement on the maintenance database.
    "$ODOO_PY" -c "import psycopg2, os, sys; c = psycopg2.connect(dbname='postgres', host=os.environ['PGHOST'], port=os.environ['PGPORT'], user=os.environ['PGUSER']); c.autocommit = True; cur = c.cursor(); cur.execute(sys.argv[1], sys.argv[2:]); sys.exit(0 if cur.description is None or cur.fetchone() else 1)" "$@"
}

db_exists() { pg_sql "SELECT 1 FROM pg_database WHERE datname = %s" "$1"; }

drop_db() {
    pg_sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()" "$1" || true
    pg_sql "DROP DATABASE IF EXISTS \"$1\""
    local filestore="${XDG_DATA_HOME:-$HOME/.local/share}/Odoo/filestore/$1"
    rm -rf "$filestore"
}

odoo_cmd() {
    "$ODOO_PY" -m odoo --addons-path="$ADDONS_PATH" --db_host="$PGHOST" \
        --db_port="$PGPORT" --db_user="$PGUSER" "$@"
}
