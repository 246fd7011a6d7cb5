#!/usr/bin/env bash
# Times footcare against the floor beside it: a hello-world binary for start-up, and
# `grep -rci` / `rg -ci` for reading every file of a corpus. Prints a Markdown table of
# medians and ratios, and keeps it in $BENCH_DIR/results.md.
#
#   bash benches/run.sh            # every case, on corpora of 3, 1,000 and 10,000 topics,
#                                  # and peak memory on 100,000
#   BENCH_RUNS=10 BENCH_HUGE=0 bash benches/run.sh   # quicker: fewer runs, no 100,000
#
# It installs nothing. hyperfine is required; rg, valgrind and GNU time are used when
# they are there, and their rows are left out (with a note) when they are not.
set -euo pipefail

cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-target/bench}
RUNS=${BENCH_RUNS:-20}
SIZES=${BENCH_SIZES:-"3 1000 10000"}
# A corpus this big is only read once a case, for its peak memory and time.
HUGE=100000
[[ ${BENCH_HUGE:-1} == 0 ]] && HUGE=
COMMON_WORD=nerve
RARE_WORD=sesamoiditis
# A word no topic holds: a search for it also gathers the words a misspelling is put right
# from.
NO_WORD=qqzzxx

missing=()
have() { command -v "$1" >/dev/null 2>&1; }
for tool in cargo rustc hyperfine grep awk; do
    have "$tool" || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "benches/run.sh: missing ${missing[*]}" >&2
    echo "  hyperfine is a Debian package: sudo apt-get install hyperfine" >&2
    exit 1
fi
have rg || echo "note: rg not found, so the ripgrep floor is left out (sudo apt-get install ripgrep)" >&2
have valgrind || echo "note: valgrind not found, so instruction counts are left out (sudo apt-get install valgrind)" >&2
[[ -x /usr/bin/time ]] || echo "note: /usr/bin/time not found, so peak memory is left out (sudo apt-get install time)" >&2

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
echo "building footcare and the corpus generator (release)..." >&2
cargo build --release --quiet --bin footcare --example gen_corpus
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
FOOTCARE=$TARGET_DIR/release/footcare
GEN=$TARGET_DIR/release/examples/gen_corpus

# The start-up floor: the smallest Rust program that writes a line, built the same way.
HELLO=$BENCH_DIR/hello
printf 'fn main() {\n    println!("hello");\n}\n' >"$BENCH_DIR/hello.rs"
rustc -C opt-level=3 -C strip=symbols -o "$HELLO" "$BENCH_DIR/hello.rs"

# Only the corpus named by --content-dir is read, never the user's own topics.
export FOOTCARE_TOPICS_PATH=
unset FOOTCARE_CONTENT_DIR PAGER

for size in $SIZES $HUGE; do
    if [[ ! -f $BENCH_DIR/corpus-$size/.complete ]]; then
        rm -rf "$BENCH_DIR/corpus-$size"
        "$GEN" --topics "$size" "$BENCH_DIR/corpus-$size"
        touch "$BENCH_DIR/corpus-$size/.complete"
    fi
done
# A topic in the middle of each corpus, and a folder that holds only the largest one's.
middle_topic() {
    local files=("$1"/*.md)
    local name=${files[${#files[@]} / 2]##*/}
    echo "${name%.md}"
}
LARGEST=${SIZES##* }
ALONE=$BENCH_DIR/alone
rm -rf "$ALONE" && mkdir -p "$ALONE"
cp "$BENCH_DIR/corpus-$LARGEST/$(middle_topic "$BENCH_DIR/corpus-$LARGEST").md" "$ALONE/"

RESULTS=$BENCH_DIR/results.md
ROWS=$BENCH_DIR/rows.tsv
: >"$ROWS"

# time_case NAME FOOTCARE_COMMAND FLOOR_COMMAND... : one hyperfine run, all side by side.
# With PREPARE set, hyperfine runs it before every timed run.
time_case() {
    local name=$1
    shift
    local csv=$BENCH_DIR/case.csv
    local prepare=()
    if [[ -n ${PREPARE:-} ]]; then prepare=(--prepare "$PREPARE"); fi
    # Output goes into a pipe: into /dev/null, grep would stop at its first match.
    hyperfine -N --output=pipe --ignore-failure --warmup 3 --runs "$RUNS" --style basic \
        "${prepare[@]}" --export-csv "$csv" "$@" >&2
    # hyperfine's CSV: command,mean,stddev,median,user,system,min,max (seconds).
    awk -F, -v name="$name" 'NR == 2 { ours = $4 }
        NR >= 2 { printf "%s\t%s\t%.2f\t%s\n", name, $1, $4 * 1000, NR == 2 ? "" : sprintf("%.2fx", ours / $4) }' \
        "$csv" >>"$ROWS"
}

# floors_over WORD DIR: the commands that count WORD in every file of DIR.
floors_over() {
    echo "grep -rci $1 $2"
    if have rg; then echo "rg -ci $1 $2"; fi
}

time_case "show, built-in" "$FOOTCARE show plantar-fascia-release" "$HELLO"
for size in $SIZES; do
    dir=$BENCH_DIR/corpus-$size
    mapfile -t floors < <(floors_over $COMMON_WORD "$dir")
    time_case "show, $size topics" "$FOOTCARE --content-dir $dir show $(middle_topic "$dir")" "$HELLO"
    time_case "list, $size topics" "$FOOTCARE --content-dir $dir list" "${floors[@]}"
    # A name that is no slug makes footcare read every topic's front matter, like list.
    alias=$(sed -n 's/^aliases: \[\([^],]*\).*/\1/p' "$dir/$(middle_topic "$dir").md" | tr ' ' -)
    time_case "show by alias, $size topics" "$FOOTCARE --content-dir $dir show $alias" \
        "$FOOTCARE --content-dir $dir list"
    # A name that is no topic's makes footcare look for it in every topic's text, as
    # search does.
    misspelt=$(middle_topic "$dir" | sed 's/e/a/')x
    time_case "show a misspelt name, $size topics" \
        "$FOOTCARE --content-dir $dir show $misspelt" \
        "$FOOTCARE --content-dir $dir search $misspelt" "$FOOTCARE --content-dir $dir list"
    time_case "search $COMMON_WORD, $size topics" \
        "$FOOTCARE --content-dir $dir search $COMMON_WORD" "${floors[@]}"
    mapfile -t rare_floors < <(floors_over $RARE_WORD "$dir")
    time_case "search $RARE_WORD, $size topics" \
        "$FOOTCARE --content-dir $dir search $RARE_WORD" "${rare_floors[@]}"
    mapfile -t no_floors < <(floors_over $NO_WORD "$dir")
    time_case "search $NO_WORD, $size topics" \
        "$FOOTCARE --content-dir $dir search $NO_WORD" "${no_floors[@]}"
    time_case "check, $size topics" "$FOOTCARE --content-dir $dir check" "${floors[@]}"
done
# Each helper below measures a command whatever its exit status: `check` fails on the
# made-up topics, whose sources are example addresses.
# Instructions, counted: steadier than time on a shared machine.
instructions() {
    { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true; } |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
# Peak resident memory in KiB.
peak_kib() {
    { /usr/bin/time -f %M "$@" 2>&1 >/dev/null || true; } | tail -n 1
}
# Seconds a command takes, from one run.
seconds() {
    { /usr/bin/time -f %e "$@" 2>&1 >/dev/null || true; } | tail -n 1
}

{
    echo "| case | command | median ms | footcare ÷ this |"
    echo "|---|---|---:|---:|"
    # Paths are shortened so the table reads the same on every machine.
    awk -F'\t' -v bench="$BENCH_DIR/" -v footcare="$FOOTCARE" '{
        gsub(footcare, "footcare", $2); gsub(bench, "", $2); gsub(/\|/, "\\|", $2)
        printf "| %s | `%s` | %s | %s |\n", $1, $2, $3, $4 }' "$ROWS"
    if have valgrind; then
        big=$BENCH_DIR/corpus-$LARGEST
        slug=$(middle_topic "$big")
        echo
        echo "| instructions (callgrind) | count |"
        echo "|---|---:|"
        echo "| \`show plantar-fascia-release\`, piped | $(instructions "$FOOTCARE" show plantar-fascia-release) |"
        echo "| \`show plantar-fascia-release\`, \`--color always --width 80\` | $(instructions "$FOOTCARE" --color always --width 80 show plantar-fascia-release) |"
        echo "| hello-world binary | $(instructions "$HELLO") |"
        echo "| \`show $slug\`, $LARGEST topics | $(instructions "$FOOTCARE" --content-dir "$big" show "$slug") |"
        echo "| \`show $slug\`, a folder of only it | $(instructions "$FOOTCARE" --content-dir "$ALONE" show "$slug") |"
        for size in $SIZES; do
            [[ $size == 3 ]] && continue
            total=$(instructions "$FOOTCARE" --content-dir "$BENCH_DIR/corpus-$size" check)
            echo "| \`check\`, $size topics, per topic | $((total / size)) |"
        done
    fi
    if [[ -x /usr/bin/time ]]; then
        big=$BENCH_DIR/corpus-$LARGEST
        echo
        echo "| peak memory (GNU time) | KiB |"
        echo "|---|---:|"
        echo "| \`show plantar-fascia-release\` | $(peak_kib "$FOOTCARE" show plantar-fascia-release) |"
        echo "| \`show\`, $LARGEST topics | $(peak_kib "$FOOTCARE" --content-dir "$big" show "$(middle_topic "$big")") |"
        echo "| \`list\`, $LARGEST topics | $(peak_kib "$FOOTCARE" --content-dir "$big" list) |"
        echo "| \`search $COMMON_WORD\`, $LARGEST topics | $(peak_kib "$FOOTCARE" --content-dir "$big" search $COMMON_WORD) |"
        echo "| \`check\`, $LARGEST topics | $(peak_kib "$FOOTCARE" --content-dir "$big" check) |"
        if [[ -n $HUGE ]]; then
            huge=$BENCH_DIR/corpus-$HUGE
            echo "| \`list\`, $HUGE topics | $(peak_kib "$FOOTCARE" --content-dir "$huge" list) |"
            echo "| \`search $COMMON_WORD\`, $HUGE topics | $(peak_kib "$FOOTCARE" --content-dir "$huge" search $COMMON_WORD) |"
            echo
            echo "| one run (GNU time), $HUGE topics | seconds |"
            echo "|---|---:|"
            for args in list "search $COMMON_WORD" check; do
                # shellcheck disable=SC2086
                echo "| \`$args\` | $(seconds "$FOOTCARE" --content-dir "$huge" $args) |"
            done
        fi
    fi
    echo
    echo "Release binary: $(stat -c %s "$FOOTCARE") bytes. Runs per command: $RUNS, after 3 warm-up runs."
} >"$RESULTS"
cat "$RESULTS"
