// The Java reference for bench_filter: Apache RocketMQ 4.9.8's own SelectorParser and
// evaluation on the same three selectors and the same 1,024 messages, each message's stored
// properties decoded to a map first as its broker does (MessageDecoder.string2messageProperties).
//   . <reference>/env.sh && javac -cp "$RMQ_CP" -d /tmp/jsb benchmarks/filter/JavaSelectorBench.java
//   java -cp "$RMQ_CP:/tmp/jsb" JavaSelectorBench
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.filter.expression.BooleanExpression;
import org.apache.rocketmq.filter.expression.EvaluationContext;
import org.apache.rocketmq.filter.parser.SelectorParser;

public class JavaSelectorBench {
    static final String[] SELECTORS = {
        "region = 'eu'",
        "price BETWEEN 10 AND 500 AND region IN ('eu', 'us') AND TAGS <> 'TagC'",
        "(vip = TRUE OR price > 900) AND (region = 'asia' OR seller IS NOT NULL) OR TAGS = 'TagZ'",
    };
    static final String[] TAGS = {"TagA", "TagB", "TagC"};
    static final String[] REGIONS = {"eu", "us", "asia"};

    public static void main(String[] args) throws Exception {
        List<String> raw = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            StringBuilder p = new StringBuilder();
            p.append("KEYS\u0001order-").append(i).append('\u0002');
            p.append("region\u0001").append(REGIONS[i % 3]).append('\u0002');
            p.append("price\u0001").append(i * 7 % 1000).append('\u0002');
            if (i % 5 == 0) p.append("vip\u0001true\u0002");
            p.append("UNIQ_KEY\u0001C00002022ABE4E0E2F2A6F36788400").append(i % 100).append('\u0002');
            p.append("CLUSTER\u0001DefaultCluster\u0002TAGS\u0001").append(TAGS[i % 3]);
            raw.add(p.toString());
        }
        for (int s = 0; s < SELECTORS.length; s++) {
            String text = SELECTORS[s];
            // SelectorParser.parse caches by text: the uncached parse is what a new subscription
            // costs, so compile through a fresh text each time (a trailing space).
            double compilesPerSecond = rate(2.0, n -> {
                for (int i = 0; i < n; i++) SelectorParser.parse(text + " ".repeat(i % 64 + 1) + "--" + i + "\n");
            });
            BooleanExpression e = SelectorParser.parse(text);
            long[] taken = {0};
            double evaluationsPerSecond = rate(2.0, n -> {
                for (int i = 0; i < n; i++) {
                    Map<String, String> props = MessageDecoder.string2messageProperties(raw.get(i & 1023));
                    Object r = e.evaluate(new EvaluationContext() {
                        public Object get(String name) { return props.get(name); }
                        public Map<String, Object> keyValues() { return null; }
                    });
                    if (r == Boolean.TRUE) taken[0]++;
                }
            });
            System.out.printf("selector %d: compile %.0f/s, evaluate %.0f msg/s%n", s, compilesPerSecond,
                              evaluationsPerSecond);
        }
    }

    interface Work { void run(int n) throws Exception; }

    /// Runs `work` for about `seconds` after a warm-up of the same length; operations per second.
    static double rate(double seconds, Work work) throws Exception {
        for (int pass = 0; pass < 2; pass++) {
            long start = System.nanoTime();
            long done = 0;
            int batch = 1000;
            while (System.nanoTime() - start < seconds * 1e9) {
                work.run(batch);
                done += batch;
            }
            if (pass == 1) return done / ((System.nanoTime() - start) / 1e9);
        }
        return 0;
    }
}
