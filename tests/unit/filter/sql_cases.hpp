#pragma once
// The table of selector cases answered by Apache RocketMQ 4.9.8 (sql_cases_4.9.8.tsv), and a
// property source over a plain map for evaluating them.
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "filter/sql_expression.hpp"

namespace rmq::test {

class MapProperties final : public filter::sql::PropertySource {
  public:
    std::map<std::string, std::string, std::less<>> values;
    std::optional<std::string_view> find(std::string_view name) const override {
        const auto it = values.find(name);
        if (it == values.end()) return std::nullopt;
        return std::string_view(it->second);
    }
};

struct SqlCase {
    std::string expression;
    MapProperties properties;
    std::string expected;  // PARSE_ERROR, TRUE, FALSE, NULL or ERROR
    std::string line;      // as written, for messages
};

inline std::string unescape(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            const char n = s[++i];
            out.push_back(n == 'n' ? '\n' : n == 't' ? '\t' : n);
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

inline std::vector<SqlCase> load_sql_cases(const std::string& path) {
    std::vector<SqlCase> cases;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with('#')) continue;
        const auto tab1 = line.find('\t');
        const auto tab2 = line.find('\t', tab1 + 1);
        SqlCase c;
        c.line = line;
        c.expression = unescape(line.substr(0, tab1));
        const auto props = line.substr(tab1 + 1, tab2 - tab1 - 1);
        c.expected = line.substr(tab2 + 1);
        if (props != "-") {
            size_t start = 0;
            while (start < props.size()) {
                auto end = props.find(';', start);
                if (end == std::string::npos) end = props.size();
                const auto kv = props.substr(start, end - start);
                const auto eq = kv.find('=');
                c.properties.values[kv.substr(0, eq)] = kv.substr(eq + 1);
                start = end + 1;
            }
        }
        cases.push_back(std::move(c));
    }
    return cases;
}

}  // namespace rmq::test
