#!/usr/bin/env bash
# The jrec command-line tool end to end, from the packaged jar (cli/target/jrec.jar, built by `mvn verify`):
# fit -> evaluate -> recommend (and a short tune) on MovieLens 100K u1 when ../shared/data/ml-100k is there,
# on a generated rating file otherwise; then one bad-usage and one bad-data run for the exit codes.
# Called by .ci/run after the README's test command. Usage: cli/src/test/ci/cli-e2e.sh [ML100K_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
jar="$root/cli/target/jrec.jar"
[ -f "$jar" ] || { echo "cli-e2e: $jar is missing; run mvn -B -ntp verify (or package) first" >&2; exit 1; }
jrec() { java -Xmx1g -jar "$jar" "$@"; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ml="${1:-$root/../shared/data/ml-100k}"

if [ -f "$ml/u1.base" ] && [ -f "$ml/u1.test" ]; then
    echo "cli-e2e: MovieLens 100K u1 from $ml"
    train="$ml/u1.base"; test="$ml/u1.test"; user=196
else
    echo "cli-e2e: no MovieLens 100K at $ml; a generated file (300 users, 200 items)"
    # two taste groups by id parity, ratings 4-5 inside the group and 1-3 outside; every 5th rating to test
    awk 'BEGIN { s = 12345; t = 1000000
        print "userId,itemId,rating,timestamp" > "'"$work"'/train.csv"
        print "userId,itemId,rating,timestamp" > "'"$work"'/test.csv"
        for (u = 1; u <= 300; u++) { n = 0
            for (i = 1; i <= 200; i++) {
                s = (s * 1103515245 + 12345) % 2147483648; r = s / 2147483648
                same = (u % 2) == (i % 2)
                if (r >= (same ? 0.2 : 0.05)) continue
                s = (s * 1103515245 + 12345) % 2147483648
                v = same ? 4 + int(2 * s / 2147483648) : 1 + int(3 * s / 2147483648)
                f = (++n % 5 == 0) ? "test" : "train"
                print u "," 1000 + i "," v "," t++ > "'"$work"'/" f ".csv" } } }'
    train="$work/train.csv"; test="$work/test.csv"; user=2
fi

set -x
jrec fit --train "$train" --model itemknn --set k=40 --set shrinkage=100 --out "$work/itemknn.jrec"
jrec evaluate --load "$work/itemknn.jrec" --train "$train" --test "$test" --html "$work/report.html" \
    | tee "$work/evaluate.txt"
jrec recommend --load "$work/itemknn.jrec" --user "$user" --n 5 --explain | tee "$work/recommend.txt"
printf '%s\n' 1 "$user" 999999 > "$work/users.txt"
jrec recommend --load "$work/itemknn.jrec" --users "$work/users.txt" --n 3 --format json > "$work/recommend.json"
jrec tune --train "$train" --model ease --metric ndcg@10 --budget 20s --out "$work/ease.jrec" | tee "$work/tune.txt"
jrec evaluate --load "$work/ease.jrec" --train "$train" --test "$test" --quiet
set +x

fail() { echo "cli-e2e: FAILED: $*" >&2; exit 1; }
grep -q "RMSE" "$work/evaluate.txt" && grep -q "NDCG@10" "$work/evaluate.txt" || fail "evaluate printed no metrics"
grep -q "NDCG@10" "$work/report.html" || fail "no HTML report"
[ "$(grep -c "because item" "$work/recommend.txt")" -eq 5 ] || fail "recommend --explain did not list 5 explained items"
[ "$(grep -c '"user": ' "$work/recommend.json")" -eq 3 ] || fail "recommend --format json did not list 3 users"
grep -q "Popularity" "$work/recommend.json" || fail "the unknown user 999999 got no popularity fallback"
grep -q "^saved .*ease.jrec" "$work/tune.txt" || fail "tune saved no model"

set +e
jrec fit --train "$train" --model nosuchmodel --out "$work/x.jrec" 2> "$work/usage.err"; code=$?
set -e
[ "$code" -eq 2 ] && grep -q "unknown model 'nosuchmodel'" "$work/usage.err" || fail "bad usage: exit $code, $(cat "$work/usage.err")"
printf '1,10,4\n2,ten,5\n' > "$work/bad.csv"
set +e
jrec fit --train "$work/bad.csv" --model popularity --out "$work/x.jrec" 2> "$work/data.err"; code=$?
set -e
[ "$code" -eq 1 ] && grep -q "bad.csv, line 2" "$work/data.err" || fail "bad data: exit $code, $(cat "$work/data.err")"
echo "cli-e2e: OK"
