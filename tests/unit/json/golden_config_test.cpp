// Every config file a Java 4.9.8 broker wrote (tests/golden/*/store/config) parses, and the DOM
// written back in pretty format is the same file byte for byte: member order, bare integer keys,
// tab indentation and the missing final newline all survive.
#include <filesystem>

#include "catch.hpp"
#include "golden.hpp"
#include "json/parse.hpp"
#include "json/write.hpp"

using namespace rmq;

TEST_CASE("golden config files round-trip byte for byte through the DOM") {
    int files = 0;
    for (const char* store : {"store-clean", "store-crashed"}) {
        for (const auto& entry :
             std::filesystem::directory_iterator(test::golden_dir() / store / "store/config")) {
            const std::string text = test::read_file(entry.path());
            INFO(entry.path().string());
            auto doc = json::parse(text);
            REQUIRE(doc.ok());
            CHECK(json::write(*doc, json::Format::pretty) == text);
            ++files;
        }
    }
    CHECK(files == 10);  // 9 files of the clean store (5 with .bak) + topics.json of the crash
}
