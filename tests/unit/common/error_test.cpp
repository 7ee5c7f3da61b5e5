// The one error shape: a module's errc as a std::error_code plus a message.
#include "common/error.hpp"

#include <string>

#include "catch.hpp"
#include "remoting/transport_error.hpp"
#include "store/store_error.hpp"

using namespace rmq;

TEST_CASE("a module's errc becomes a std::error_code of that module's category") {
    const std::error_code code = store::errc::io_error;
    CHECK(static_cast<bool>(code));  // the first code is an error, not "no error"
    CHECK(std::string(code.category().name()) == "rmq.store");
    CHECK(code.message() == "I/O error");
    CHECK(code == store::errc::io_error);
    CHECK(code != store::errc::bad_config);

    // The same number in another module is another error.
    const std::error_code transport = remoting::errc::timeout;
    CHECK(transport.value() == code.value());
    CHECK(transport != code);
    CHECK(std::string(transport.category().name()) == "rmq.remoting");
}

TEST_CASE("in_context says what was being done and keeps the code") {
    const common::Error error{store::errc::bad_config, "topics.json: not an object"};
    const auto wrapped = common::in_context("cannot load the topics", error);
    CHECK(wrapped.code == store::errc::bad_config);
    CHECK(wrapped.message == "cannot load the topics: topics.json: not an object");
}

TEST_CASE("a Result holds a value or an error, and Result<void>{} is success") {
    const store::Result<int> value = 7;
    REQUIRE(value.ok());
    CHECK(*value == 7);
    const store::Result<int> failed = common::Error{store::errc::out_of_range, "offset 9"};
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().code == store::errc::out_of_range);
    const store::Result<void> done{};
    CHECK(done.ok());
}
