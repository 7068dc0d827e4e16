# Shared by the benchmark scripts: time a command, summarise the times. Expects
# $work, the folder where `time.txt` is written.

# One timed command; appends "wall_s cpu_s peak_rss_mb" to file $1.
timed() {
  local into=$1; shift
  local start end
  start=$(date +%s%N)
  /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null
  end=$(date +%s%N)
  awk -v wall="$(( (end - start) / 1000000 ))" '
    /User time/ {cpu += $NF} /System time/ {cpu += $NF}
    /Maximum resident set size/ {rss = $NF}
    END {printf "%.3f %.2f %.0f\n", wall / 1000, cpu, rss / 1024}' "$work/time.txt" >>"$into"
}

# Median and range of column $2 of file $1.
stat() {
  cut -d' ' -f"$2" "$1" | sort -g | awk '{v[NR] = $1}
    END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
         printf "%g (%g-%g)", m, v[1], v[NR]}'
}
median() { stat "$1" "$2" | cut -d' ' -f1; }

# Deletes output folder $1 and the record broadsheet keeps beside it.
discard() { rm -rf "$1" "$(dirname "$1")/.$(basename "$1").broadsheet"; }


# Adds setting $2 to site.toml file $1: a table (`[search]\nenabled = false`, `\n`
# separating lines, and no other escape read) at the end, a top-level key
# (`related_articles = 0`) at the top.
add_setting() {
  local file=$1 lines=${2//\\n/$'\n'}
  if [[ $lines == \[* ]]; then
    printf '\n%s\n' "$lines" >>"$file"
  else
    { printf '%s\n' "$lines"; cat "$file"; } >"$file.new" && mv "$file.new" "$file"
  fi
}
