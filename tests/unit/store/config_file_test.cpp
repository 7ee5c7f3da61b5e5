// The crash-safe write and the .bak fallback of the config files (spec/store-format.md §7).
#include "store/config_file.hpp"

#include <fstream>

#include "catch.hpp"
#include "golden.hpp"
#include "temp_dir.hpp"

using namespace rmq;
using namespace rmq::store;
namespace fs = std::filesystem;

namespace {

void put_file(const fs::path& path, const std::string& content) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

// Content is "valid" when it starts with '{', standing in for the JSON parser.
Result<void> starts_with_brace(std::string_view content) {
    if (!content.empty() && content.front() == '{') return {};
    return rmq::common::Error{store::errc::bad_config, "not an object"};
}

std::optional<std::string> read_ok(const fs::path& path) {
    auto r = read_config_file(path, starts_with_brace);
    INFO((r.ok() ? std::string("ok") : r.error().message));
    REQUIRE(r.ok());
    return *r;
}

}  // namespace

TEST_CASE("the first write creates the file and no .bak, later writes keep the previous one") {
    test::TempDir dir("rmq-config-file");
    const fs::path file = dir / "topics.json";
    REQUIRE(write_config_file(file, "{1}").ok());
    CHECK(test::read_file(file) == "{1}");
    CHECK(!fs::exists(backup_path(file)));
    CHECK(!fs::exists(temp_path(file)));

    REQUIRE(write_config_file(file, "{2}").ok());
    CHECK(test::read_file(file) == "{2}");
    CHECK(test::read_file(backup_path(file)) == "{1}");
    REQUIRE(write_config_file(file, "{3}").ok());
    CHECK(test::read_file(file) == "{3}");
    CHECK(test::read_file(backup_path(file)) == "{2}");
    CHECK(!fs::exists(temp_path(file)));
}

TEST_CASE("a write creates missing directories and replaces a leftover .tmp") {
    test::TempDir dir("rmq-config-file");
    const fs::path file = dir / "store/config/consumerOffset.json";
    REQUIRE(write_config_file(file, "{a}").ok());
    put_file(temp_path(file), "torn");  // a crash between writing the .tmp and the rename
    CHECK(read_ok(file) == "{a}");      // the .tmp is never read
    REQUIRE(write_config_file(file, "{b}").ok());
    CHECK(test::read_file(file) == "{b}");
    CHECK(!fs::exists(temp_path(file)));
}

TEST_CASE("an empty file does not overwrite a .bak that has content") {
    test::TempDir dir("rmq-config-file");
    const fs::path file = dir / "delayOffset.json";
    put_file(file, "");
    put_file(backup_path(file), "{old}");
    REQUIRE(write_config_file(file, "{new}").ok());
    CHECK(test::read_file(file) == "{new}");
    CHECK(test::read_file(backup_path(file)) == "{old}");
}

TEST_CASE("reading falls back to the .bak when the file is missing, empty or invalid") {
    test::TempDir dir("rmq-config-file");
    const fs::path file = dir / "topics.json";
    put_file(backup_path(file), "{bak}");

    put_file(file, "{main}");
    CHECK(read_ok(file) == "{main}");
    put_file(file, "");
    CHECK(read_ok(file) == "{bak}");
    put_file(file, std::string("\0\0\0torn", 7));
    CHECK(read_ok(file) == "{bak}");
    fs::remove(file);
    CHECK(read_ok(file) == "{bak}");
}

TEST_CASE("neither file nor .bak means a new store: absent, not an error") {
    test::TempDir dir("rmq-config-file");
    const fs::path file = dir / "subscriptionGroup.json";
    CHECK(read_ok(file) == std::nullopt);
    put_file(file, "");
    CHECK(read_ok(file) == std::nullopt);
    put_file(backup_path(file), "");
    CHECK(read_ok(file) == std::nullopt);
}

TEST_CASE("unusable content with no usable .bak is an error naming the file") {
    test::TempDir dir("rmq-config-file");
    const fs::path file = dir / "topics.json";
    put_file(file, "garbage");
    auto r = read_config_file(file, starts_with_brace);
    REQUIRE(!r.ok());
    CHECK(r.error().code == store::errc::bad_config);
    CHECK(r.error().message
          == "cannot load " + file.string() + " (not an object) nor its .bak (missing)");

    put_file(backup_path(file), "also garbage");
    r = read_config_file(file, starts_with_brace);
    REQUIRE(!r.ok());
    CHECK(r.error().message
          == "cannot load " + file.string() + " (not an object) nor its .bak (not an object)");

    fs::remove(file);  // Java fails to start here too: the .bak does not parse
    r = read_config_file(file, starts_with_brace);
    REQUIRE(!r.ok());
    CHECK(r.error().message
          == "cannot load " + file.string() + " (missing) nor its .bak (not an object)");
}
