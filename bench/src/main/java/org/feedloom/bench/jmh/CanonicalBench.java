package org.feedloom.bench.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.feedloom.canonical.CanonicalUrl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The canonicaliser on the URL forms the dedupe folds: plain, tracking parameters, AMP cache, www/http. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CanonicalBench {
    static final List<String> URLS = List.of(
            "https://site0001.example.com/2026/05/Quantum-language-market-data-1-18",
            "https://site0001.example.com/2026/05/Quantum-language-market-data-1-18?utm_source=feed&utm_medium=rss&utm_campaign=c7",
            "https://site0001-example-com.cdn.ampproject.org/c/s/site0001.example.com/2026/05/Quantum-language-market-data-1-18/amp",
            "http://www.site0001.example.com/2026/05/Quantum-language-market-data-1-18/",
            "https://www.forbes.com/sites/korihale/2022/07/05/microsoft-is-scrapping-some-bad-ai-facial-recognition-tools/?sh=4c2d%7e&b=2&a=1#top");

    @Param({"0", "1", "2", "3", "4"})
    public int which;

    @Benchmark
    public String keyOf() {
        return CanonicalUrl.keyOf(URLS.get(which));
    }
}
