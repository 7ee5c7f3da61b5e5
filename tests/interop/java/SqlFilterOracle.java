// What Apache RocketMQ 4.9.8's SQL92 filter makes of an expression and a message's properties:
// the oracle the C++ filter's table of cases is checked against (tests/unit/filter).
// Reads lines "expression<TAB>properties" (properties "k=v;k=v", "-" for none; "\n", "\t" and "\\"
// escaped in the expression) and prints one answer per line: PARSE_ERROR, TRUE, FALSE, NULL or
// ERROR (evaluation threw, which the broker counts as no match).
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.rocketmq.filter.expression.BooleanExpression;
import org.apache.rocketmq.filter.expression.EvaluationContext;
import org.apache.rocketmq.filter.parser.SelectorParser;

public class SqlFilterOracle {
    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split("\t", -1);
            String expression = unescape(parts[0]);
            final Map<String, Object> props = new HashMap<>();
            if (parts.length > 1 && !parts[1].equals("-")) {
                for (String kv : parts[1].split(";")) {
                    int eq = kv.indexOf('=');
                    props.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            BooleanExpression compiled;
            try {
                compiled = SelectorParser.parse(expression);
            } catch (Throwable t) {
                System.out.println("PARSE_ERROR");
                continue;
            }
            try {
                Object r = compiled.evaluate(new EvaluationContext() {
                    public Object get(String name) { return props.get(name); }
                    public Map<String, Object> keyValues() { return props; }
                });
                System.out.println(r == null ? "NULL" : r.toString().toUpperCase());
            } catch (Throwable t) {
                System.out.println("ERROR");
            }
        }
    }
}
