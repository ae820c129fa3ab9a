# bench/run fold: issue 15's evaluation set (src/test/resources/fold/, labelled article pairs) judged by the folding
# rule: pairs folded per category, recall on true copies, precision, the closest calls, and the measurement the rule
# was chosen by (containment against Jaccard and SimHash at no false fold). Runs FoldingEvaluationTest, which writes
# target/fold-report.md, and keeps that report in bench/results/fold.md with the date and commit. Then the same set
# judged by the related-coverage rule: RelatedCoverageEvaluationTest writes target/related-report.md (pairs linked per
# category, recall on same-story pairs, precision, links across pairs, missed pairs), appended as a "Related
# coverage" section. Last, the cost of one new article merged into archives of FOLD_SIZES articles (default "10000
# 100000"; 1000000 needs about 8 GB of heap), folding on and off (bench's FoldCost driver), and the cost of related
# coverage per new article with what its index holds, on COVERAGE_SIZES articles (default "100000 1000000"; bench's
# CoverageCost driver), appended to the same file.

bench_fold() {
  rm -f "$ROOT/target/fold-report.md" "$ROOT/target/related-report.md"   # no stale report if a build fails
  (cd "$ROOT" && mvn -B -q test -Dtest=FoldingEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dpmd.skip=true -Dcpd.skip=true) >&2 || log "the fold evaluation's guard failed (see the report)"
  (cd "$ROOT" && mvn -B -q test -Dtest=RelatedCoverageEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dpmd.skip=true -Dcpd.skip=true) >&2 || log "the related-coverage evaluation's guard failed (see the report)"
  {
    sed -n 1p "$ROOT/target/fold-report.md"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(cd "$ROOT" && git rev-parse --short HEAD)"
    echo "- set: src/test/resources/fold/ (its README says how the pairs were made); command: \`bench/run fold\`"
    sed -n '2,$p' "$ROOT/target/fold-report.md"
    echo
    echo "## Related coverage"
    sed -n '2,$p' "$ROOT/target/related-report.md"
  } >"$BENCH/results/fold.md"
  build_bench
  {
    echo
    echo "## Cost of one new article (thread CPU time, median of 2,000 changes, after a warm-up round)"
    echo
    echo "| archive | folding | median µs per new article |"
    echo "|---|---|---|"
    # shellcheck disable=SC2086
    java -Xmx10g -XX:+UseParallelGC -cp "$(bench_cp)" org.feedloom.bench.FoldCost ${FOLD_SIZES:-10000 100000} |
      $PY -c 'import json,sys
for l in sys.stdin:
    r = json.loads(l); print("| %d | %s | %.1f |" % (r["archive"], "on" if r["folding"] else "off", r["medianMicros"]))'
    echo
    echo "## Cost of related coverage per new article, and its index (thread CPU time, median of 2,000 puts)"
    echo
    echo "A generated news-like archive (bench's CoverageCost driver: two years on 300 outlets, names drawn by a Zipf law"
    echo "from 300,000, one story in ten reported by two to four outlets within two days); pairs linked within and"
    echo "across the generated stories, against the story pairs on different outlets; the heap the index holds."
    echo
    echo "| archive | median µs | p99 µs | articles linked | pairs within stories | pairs across stories | story pairs | index MB |"
    echo "|---|---|---|---|---|---|---|---|"
    # shellcheck disable=SC2086
    java -Xmx10g -XX:+UseParallelGC -cp "$(bench_cp)" org.feedloom.bench.CoverageCost ${COVERAGE_SIZES:-100000 1000000} |
      $PY -c 'import json,sys
for l in sys.stdin:
    r = json.loads(l); print("| %d | %.1f | %.1f | %d | %d | %d | %d | %.1f |" % (r["archive"], r["medianMicros"],
        r["p99Micros"], r["linkedArticles"], r["pairsWithinStories"], r["pairsAcrossStories"], r["storyPairs"],
        r["indexMB"]))'
  } >>"$BENCH/results/fold.md"
  log "wrote bench/results/fold.md"
  cat "$BENCH/results/fold.md"
}
