#include "body/ordered_map.hpp"

#include <map>
#include <random>

#include "catch.hpp"

using rmq::body::OrderedMap;

TEST_CASE("ordered map: insertion order, in-place replacement, erase and sort at any size") {
    // Past 16 string keys the map switches to its hash index; check both sides of that.
    for (int n : {5, 16, 17, 300}) {
        OrderedMap<std::string, int> map;
        std::map<std::string, int> model;
        std::vector<std::string> order;
        std::mt19937 rng(static_cast<unsigned>(n));
        for (int i = 0; i < n * 3; ++i) {
            const std::string key = "topic-" + std::to_string(rng() % static_cast<unsigned>(n));
            if (!model.contains(key)) order.push_back(key);
            map.insert_or_assign(key, i);
            model[key] = i;
        }
        REQUIRE(map.size() == model.size());
        size_t at = 0;
        for (const auto& [key, value] : map) {
            CHECK(key == order[at++]);
            CHECK(value == model[key]);
        }
        for (const auto& [key, value] : model)
            CHECK(*map.find(std::string_view(key)) == value);
        CHECK_FALSE(map.contains("absent"));

        // Erase every other key; the rest are still found at their values.
        for (size_t i = 0; i < order.size(); i += 2) {
            CHECK(map.erase(order[i]));
            model.erase(order[i]);
        }
        for (const auto& [key, value] : model)
            CHECK(*map.find(key) == value);
        map.sort([](const auto& a, const auto& b) { return a.first > b.first; });
        for (const auto& [key, value] : model)
            CHECK(*map.find(key) == value);
        map["new"] = 7;
        CHECK(*map.find("new") == 7);
        map.clear();
        CHECK_FALSE(map.contains("new"));
    }
}
