// SQL92 selectors: compiles per second, and messages evaluated per second for three typical
// selectors, each against tag-hash filtering of the same messages (what a TAG subscription
// costs the broker per consume-queue entry) as the reference. Evaluation reads the raw stored
// properties, as a pull does once it has the record.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "filter/sql_expression.hpp"
#include "filter/sql_filter.hpp"
#include "filter/tag_filter.hpp"
#include "message/java_hash.hpp"

using namespace rmq;

namespace {

// A simple comparison, a conjunction with a range and a set, and a wider OR of both kinds.
const char* const kSelectors[] = {
    "region = 'eu'",
    "price BETWEEN 10 AND 500 AND region IN ('eu', 'us') AND TAGS <> 'TagC'",
    "(vip = TRUE OR price > 900) AND (region = 'asia' OR seller IS NOT NULL) OR TAGS = 'TagZ'",
};
const char* const kTags[] = {"TagA", "TagB", "TagC"};
const char* const kRegions[] = {"eu", "us", "asia"};

/// 1,024 messages' stored properties as a 4.9.8 producer writes them, with three user
/// properties varied so that each selector takes some and refuses others.
struct Messages {
    std::vector<std::string> properties;
    std::vector<int64_t> tags_codes;
    Messages() {
        for (int i = 0; i < 1024; ++i) {
            std::string p = "KEYS\x01order-" + std::to_string(i) + "\x02";
            p += "region\x01" + std::string(kRegions[i % 3]) + "\x02";
            p += "price\x01" + std::to_string(i * 7 % 1000) + "\x02";
            if (i % 5 == 0) p += "vip\x01true\x02";
            p += "UNIQ_KEY\x01"
                 "C00002022ABE4E0E2F2A6F36788400"
                 + std::to_string(i % 100) + "\x02";
            p += "CLUSTER\x01"
                 "DefaultCluster\x02TAGS\x01"
                 + std::string(kTags[i % 3]);
            properties.push_back(std::move(p));
            tags_codes.push_back(message::java_string_hash(kTags[i % 3]));
        }
    }
};

const Messages& messages() {
    static const Messages m;
    return m;
}

void BM_SqlCompile(benchmark::State& state) {
    const char* text = kSelectors[state.range(0)];
    for (auto _ : state) {
        auto compiled = filter::sql::compile(text);
        benchmark::DoNotOptimize(compiled);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_SqlEvaluate(benchmark::State& state) {
    auto compiled = filter::sql::compile(kSelectors[state.range(0)]);
    const filter::SqlFilter sql(
        std::make_shared<const filter::sql::Expression>(std::move(compiled.value())));
    const auto& m = messages();
    size_t i = 0, taken = 0;
    for (auto _ : state) {
        taken += sql.matches_properties(m.properties[i++ & 1023]);
    }
    benchmark::DoNotOptimize(taken);
    state.SetItemsProcessed(state.iterations());
    state.counters["taken"] = static_cast<double>(taken) / static_cast<double>(state.iterations());
}

void BM_TagHashFilter(benchmark::State& state) {
    const filter::TagFilter tags(filter::build_tag_subscription("T", "TagA || TagB"));
    const auto& m = messages();
    size_t i = 0, taken = 0;
    for (auto _ : state) {
        taken += tags.matches_tags_code(m.tags_codes[i++ & 1023]);
    }
    benchmark::DoNotOptimize(taken);
    state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_SqlCompile)->DenseRange(0, 2);
BENCHMARK(BM_SqlEvaluate)->DenseRange(0, 2);
BENCHMARK(BM_TagHashFilter);

BENCHMARK_MAIN();
